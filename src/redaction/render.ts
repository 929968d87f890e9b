/**
 * The released file: every frame decoded to yuv420p, each track's box at that frame's time
 * (interpolated, enlarged by the margin) burned in as a mosaic, encoded with libx264 into an MP4
 * that holds one video stream and nothing else: no audio, no data streams, no metadata (no
 * location, no device), `+faststart`. The output is written under a temporary name and renamed
 * when complete; on failure or cancellation nothing is left at `out`.
 */
import { hashFile } from '../shared/file-hash.ts';
import { spawn } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { collectStderr, concatList, exitOf, type MediaTools, probeClip, readFrames } from './ffmpeg-io.ts';
import type { RenderOptions, RenderResult, Track } from './model.ts';
import { DEFAULT_MIN_BLOCK_SHARE, mosaicYuv420 } from './mosaic.ts';
import { maskBoxesAt } from './track-math.ts';

export interface EncodeSettings {
  preset: string;
  crf: number;
}

export const DEFAULT_ENCODE: EncodeSettings = { preset: 'veryfast', crf: 23 };

export async function renderClip(tools: MediaTools, inputs: string[], tracks: Track[], out: string, options: RenderOptions = {}, encode: EncodeSettings = DEFAULT_ENCODE): Promise<RenderResult> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const marginRatio = options.marginRatio ?? 0.25;
  const blockPx = Math.max(16, Math.round(options.blockPx ?? 16));
  if (!(marginRatio >= 0)) throw new Error('redaction: marginRatio must be ≥ 0');
  const list = await concatList(inputs);
  const partial = `${out}.partial-${process.pid}.mp4`;
  let frames = 0;
  try {
    const clip = await probeClip(tools, list.file);
    const enc = spawn(
      tools.ffmpeg,
      [
        '-v', 'error', '-nostdin', '-y',
        '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${clip.width}x${clip.height}`, '-framerate', clip.rate, '-i', 'pipe:0',
        '-map', '0:v:0', '-an', '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
        '-c:v', 'libx264', '-preset', encode.preset, '-crf', String(encode.crf), '-pix_fmt', 'yuv420p',
        '-fflags', '+bitexact', '-flags:v', '+bitexact', '-movflags', '+faststart', '-f', 'mp4', partial,
      ],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    const stderr = collectStderr(enc);
    const exited = exitOf(enc);
    const onAbort = () => enc.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    enc.stdin.on('error', () => undefined);
    try {
      options.onProgress?.({ phase: 'render', done: 0, total: clip.frames });
      for await (const { index, data } of readFrames(tools, list.file, clip, { fmt: 'yuv420p', signal })) {
        const t = index / clip.fps;
        for (const box of maskBoxesAt(tracks, t, marginRatio, clip.width, clip.height)) mosaicYuv420(data, clip.width, clip.height, box, { blockPx });
        if (!enc.stdin.write(data)) await new Promise<void>((resolve) => enc.stdin.once('drain', () => resolve()));
        frames++;
        if (frames % 5 === 0) options.onProgress?.({ phase: 'render', done: frames, total: Math.max(clip.frames, frames) });
      }
      enc.stdin.end();
      const code = await exited;
      signal?.throwIfAborted();
      if (code !== 0) throw new Error(`redaction: encoding failed (${code}): ${stderr().trim().slice(-500)}`);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (enc.exitCode === null) enc.kill('SIGKILL');
    }
    options.onProgress?.({ phase: 'render', done: frames, total: frames });
    await rename(partial, out);
    const { sha256, bytes } = await hashFile(out);
    return {
      file: out,
      sha256,
      bytes,
      frames,
      parameters: {
        method: 'mosaic (cell average, cell edges softened) burned into every frame, re-encoded',
        marginRatio,
        blockPx,
        minBlockShare: DEFAULT_MIN_BLOCK_SHARE,
        softenedEdges: 'two box-filter passes a quarter cell wide',
        solidFillBelowCells: 2,
        tracks: tracks.length,
        encoder: { codec: 'libx264', preset: encode.preset, crf: encode.crf, pixFmt: 'yuv420p', faststart: true },
        streams: 'one video stream; audio, data and subtitles dropped; container and stream metadata removed',
        width: clip.width,
        height: clip.height,
        fps: clip.fps,
      },
    };
  } finally {
    await rm(partial, { force: true });
    await list.dispose();
  }
}

