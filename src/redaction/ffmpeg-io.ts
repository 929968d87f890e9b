/**
 * Reading and writing raw frames through ffmpeg: the recorded segments (self-contained fragmented
 * MP4 files, in time order) are read as one stream with the concat demuxer; frames come out of a
 * pipe as rgb24 (for the detectors) or yuv420p (for the mosaic and the encoder).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ffprobePath } from '../bundle/media-tools.ts';
import { resolveFfmpegPath } from '../recorder/ffmpeg-path.ts';
import type { ClipInfo } from './model.ts';

const run = promisify(execFile);

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

export function mediaTools(ffmpegPath?: string): MediaTools {
  const ffmpeg = resolveFfmpegPath(ffmpegPath);
  return { ffmpeg, ffprobe: ffprobePath(ffmpeg) };
}

/** A concat demuxer list of the inputs in a fresh temporary folder; `dispose` removes it. */
export async function concatList(inputs: readonly string[]): Promise<{ file: string; dispose: () => Promise<void> }> {
  if (inputs.length === 0) throw new Error('redaction: no input segments');
  const dir = await mkdtemp(path.join(tmpdir(), 'custos-redact-'));
  const file = path.join(dir, 'segments.txt');
  await writeFile(file, inputs.map((f) => `file '${path.resolve(f).replace(/'/g, "'\\''")}'\n`).join(''));
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export interface ProbedClip extends ClipInfo {
  /** The frame rate as ffprobe gives it (e.g. "25/1"), handed back to the encoder unchanged. */
  rate: string;
}

/** Size, frame rate and frame count of the concatenated inputs (counts packets: no decoding). */
export async function probeClip(tools: MediaTools, list: string): Promise<ProbedClip> {
  const { stdout } = await run(
    tools.ffprobe,
    ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=width,height,r_frame_rate,avg_frame_rate,nb_read_packets', '-of', 'json'],
    { maxBuffer: 4 * 1024 * 1024 },
  );
  const parsed = JSON.parse(stdout) as { streams?: { width?: number; height?: number; r_frame_rate?: string; avg_frame_rate?: string; nb_read_packets?: string }[] };
  const s = parsed.streams?.[0];
  if (!s?.width || !s.height) throw new Error('redaction: the inputs hold no video stream');
  const rate = s.avg_frame_rate && s.avg_frame_rate !== '0/0' ? s.avg_frame_rate : (s.r_frame_rate ?? '25/1');
  const fps = rational(rate);
  const frames = Number(s.nb_read_packets ?? 0);
  return { width: s.width, height: s.height, fps, frames, durationS: frames / fps, rate };
}

function rational(r: string): number {
  const [n, d] = r.split('/').map(Number);
  const v = d ? (n ?? 0) / d : Number(n);
  return Number.isFinite(v) && v > 0 ? v : 25;
}

export type PixelFormat = 'rgb24' | 'yuv420p';

export function frameBytes(width: number, height: number, fmt: PixelFormat): number {
  return fmt === 'rgb24' ? width * height * 3 : width * height + 2 * ((width >> 1) * (height >> 1));
}

export interface FrameReadOptions {
  fmt: PixelFormat;
  /** Only every Nth frame (0, N, 2N…) is converted and delivered; all are decoded. */
  everyNth?: number;
  signal?: AbortSignal;
}

/**
 * Decoded frames of the concatenated inputs, in order, each with its index in the whole clip.
 * Backpressure: ffmpeg waits while the consumer is busy. Aborting (or breaking out) kills ffmpeg.
 */
export async function* readFrames(tools: MediaTools, list: string, clip: ClipInfo, options: FrameReadOptions): AsyncGenerator<{ index: number; data: Buffer }> {
  const nth = Math.max(1, Math.floor(options.everyNth ?? 1));
  const size = frameBytes(clip.width, clip.height, options.fmt);
  const args = ['-v', 'error', '-nostdin', '-f', 'concat', '-safe', '0', '-i', list, '-map', '0:v:0', '-an', '-sn', '-dn'];
  if (nth > 1) args.push('-vf', `select='not(mod(n\\,${nth}))'`);
  args.push('-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', options.fmt, 'pipe:1');
  const proc = spawn(tools.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = collectStderr(proc);
  const exited = exitOf(proc);
  const onAbort = () => proc.kill('SIGKILL');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let k = 0;
  try {
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      let c = chunk;
      while (pendingBytes + c.length >= size) {
        const need = size - pendingBytes;
        pending.push(c.subarray(0, need));
        const frame = pending.length === 1 ? Buffer.from(pending[0] as Buffer) : Buffer.concat(pending, size);
        c = c.subarray(need);
        pending = [];
        pendingBytes = 0;
        yield { index: k * nth, data: frame };
        k++;
        options.signal?.throwIfAborted();
      }
      if (c.length > 0) {
        pending.push(Buffer.from(c));
        pendingBytes += c.length;
      }
    }
    options.signal?.throwIfAborted();
    const code = await exited;
    if (code !== 0) throw new Error(`redaction: ffmpeg decoding failed (${code}): ${stderr().trim().slice(-500)}`);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
}

export function collectStderr(proc: ChildProcess): () => string {
  let text = '';
  proc.stderr?.on('data', (d: Buffer) => {
    if (text.length < 16_384) text += d.toString('utf8');
  });
  return () => text;
}

export function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    proc.once('error', () => resolve(-1));
    proc.once('close', (code) => resolve(code));
  });
}
