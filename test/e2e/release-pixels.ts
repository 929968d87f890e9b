/**
 * Pixel checks of a released file against its original: frames decoded by ffmpeg as 8-bit grey, then
 * inside a box the mean absolute difference and the Laplacian variance (sharp detail) of each.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Gray {
  width: number;
  height: number;
  /** Frame index → pixels. */
  frames: Map<number, Uint8Array>;
}

/** The frames at `indices` (counted from 0 over the whole input) of one file, or of several joined in order. */
export async function grayFrames(inputs: string[], indices: number[], size: { width: number; height: number }, work: string): Promise<Gray> {
  let source = ['-i', inputs[0] as string];
  if (inputs.length > 1) {
    const list = path.join(work, `concat-${Date.now()}.txt`);
    await writeFile(list, inputs.map((f) => `file '${f.replace(/'/g, "'\\''")}'`).join('\n'));
    source = ['-f', 'concat', '-safe', '0', '-i', list];
  }
  const select = indices.map((n) => `eq(n\\,${n})`).join('+');
  const { stdout } = await run('ffmpeg', ['-v', 'error', ...source, '-vf', `select='${select}',format=gray`, '-vsync', '0', '-f', 'rawvideo', '-'], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 });
  const frameBytes = size.width * size.height;
  const frames = new Map<number, Uint8Array>();
  indices.forEach((n, i) => {
    const start = i * frameBytes;
    if (start + frameBytes <= stdout.length) frames.set(n, new Uint8Array(stdout.buffer, stdout.byteOffset + start, frameBytes));
  });
  return { ...size, frames };
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of a box inside the frame, shrunk by `inset` pixels on every side. */
function inside(box: Box, g: { width: number; height: number }, inset: number): { x0: number; y0: number; x1: number; y1: number } {
  return { x0: Math.max(1, Math.round(box.x + inset)), y0: Math.max(1, Math.round(box.y + inset)), x1: Math.min(g.width - 1, Math.round(box.x + box.w - inset)), y1: Math.min(g.height - 1, Math.round(box.y + box.h - inset)) };
}

export function meanAbsDiff(a: Uint8Array, b: Uint8Array, width: number, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let sum = 0;
  let n = 0;
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) {
    sum += Math.abs((a[y * width + x] as number) - (b[y * width + x] as number));
    n++;
  }
  return n ? sum / n : 0;
}

/** Variance of the 4-neighbour Laplacian: high where there is fine detail, near zero over mosaic cells. */
export function laplacianVariance(p: Uint8Array, width: number, box: { x0: number; y0: number; x1: number; y1: number }): number {
  const values: number[] = [];
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) {
    const i = y * width + x;
    values.push(4 * (p[i] as number) - (p[i - 1] as number) - (p[i + 1] as number) - (p[i - width] as number) - (p[i + width] as number));
  }
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length);
}

/** How a box compares between the original and the released frame. */
export function compareBox(original: Uint8Array, released: Uint8Array, g: { width: number; height: number }, box: Box, inset = 2) {
  const r = inside(box, g, inset);
  return { diff: meanAbsDiff(original, released, g.width, r), sharpOriginal: laplacianVariance(original, g.width, r), sharpReleased: laplacianVariance(released, g.width, r) };
}
