/** Small real clips made by the system ffmpeg (testsrc2), and ffprobe's view of them. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedStream {
  codec_name: string;
  profile: string;
  level: number;
  width: number;
  height: number;
  pix_fmt: string;
}

export interface Clip {
  file: string;
  data: Buffer;
  stream: ProbedStream;
  /** key_frame per frame, in decode order. */
  keyframes: boolean[];
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custos-media-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * `ffmpeg -f lavfi -i testsrc2` encoded to a raw Annex B stream. `encoder` args follow `-c:v`;
 * the defaults are the 2 s, 25 fps, GOP 25, no-B-frame clips of the recording tests.
 */
export async function makeClip(dir: string, name: string, codec: 'h264' | 'h265', options: { size?: string; seconds?: number; args?: string[] } = {}): Promise<Clip> {
  const file = path.join(dir, `${name}.${codec}`);
  const size = options.size ?? '640x360';
  const encoder = codec === 'h264' ? ['-c:v', 'libx264', '-bf', '0', '-g', '25'] : ['-c:v', 'libx265', '-x265-params', 'keyint=25:bframes=0:log-level=error'];
  const format = codec === 'h264' ? 'h264' : 'hevc';
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-t', String(options.seconds ?? 2), ...encoder, ...(options.args ?? []), '-f', format, file]);
  const probe = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_entries', 'frame=key_frame', '-of', 'json', file], { maxBuffer: 16 * 1024 * 1024 });
  const parsed = JSON.parse(probe.stdout) as { streams: ProbedStream[]; frames: { key_frame: number }[] };
  return { file, data: await readFile(file), stream: parsed.streams[0]!, keyframes: parsed.frames.map((f) => f.key_frame === 1) };
}
