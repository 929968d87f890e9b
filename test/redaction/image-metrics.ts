/**
 * Pixel measures for the redaction tests and bench: grey frames read with ffmpeg, SSIM between two
 * crops (8×8 windows, stride 4, the usual constants for 8-bit), and the variance of the Laplacian (how
 * much fine detail, edges and text, a crop still holds).
 */
import { execFileSync } from 'node:child_process';
import type { Box } from '../../src/redaction/track-math.ts';

export interface GreyFrames {
  width: number;
  height: number;
  frames: Uint8Array[];
}

/** Every frame of the file(s) as 8-bit grey (several files are read in order, as one clip). */
export function readGrey(files: string[], width: number, height: number, ffmpeg = 'ffmpeg'): GreyFrames {
  const frames: Uint8Array[] = [];
  for (const file of files) {
    const raw = execFileSync(ffmpeg, ['-v', 'error', '-nostdin', '-i', file, '-map', '0:v:0', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { maxBuffer: 1 << 30 });
    const size = width * height;
    for (let off = 0; off + size <= raw.length; off += size) frames.push(new Uint8Array(raw.buffer, raw.byteOffset + off, size));
  }
  return { width, height, frames };
}

/** The integer pixel rectangle of a box, clipped to the frame. */
export function pixelRect(box: Box, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  return { x0: Math.max(0, Math.floor(box.x)), y0: Math.max(0, Math.floor(box.y)), x1: Math.min(width, Math.ceil(box.x + box.w)), y1: Math.min(height, Math.ceil(box.y + box.h)) };
}

/**
 * Mean SSIM of the same box in two grey frames (8×8 windows, stride 4), over the windows where the
 * original carries detail (variance ≥ C2 = (0.03·255)², a standard deviation of about 7.7 grey
 * levels). Flat windows (a cheek, a plain plate background) hold nothing to hide, and there SSIM
 * compares "flat" with "flat": over all windows even a solid fill of these faces scores about 0.4.
 * When the original has no such window the box is all flat and the result is 0.
 */
export function ssim(a: Uint8Array, b: Uint8Array, width: number, height: number, box: Box): number {
  const { x0, y0, x1, y1 } = pixelRect(box, width, height);
  const C1 = (0.01 * 255) ** 2;
  const C2 = (0.03 * 255) ** 2;
  let sum = 0;
  let n = 0;
  for (let wy = y0; wy + 8 <= y1; wy += 4) {
    for (let wx = x0; wx + 8 <= x1; wx += 4) {
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let y = wy; y < wy + 8; y++) {
        for (let x = wx; x < wx + 8; x++) {
          const p = a[y * width + x] as number;
          const q = b[y * width + x] as number;
          sa += p;
          sb += q;
          saa += p * p;
          sbb += q * q;
          sab += p * q;
        }
      }
      const ma = sa / 64;
      const mb = sb / 64;
      const va = saa / 64 - ma * ma;
      const vb = sbb / 64 - mb * mb;
      const cov = sab / 64 - ma * mb;
      if (va < C2) continue;
      sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** Variance of the 4-neighbour Laplacian inside the box. */
export function laplacianVariance(g: Uint8Array, width: number, height: number, box: Box): number {
  const { x0, y0, x1, y1 } = pixelRect(box, width, height);
  let s = 0;
  let ss = 0;
  let n = 0;
  for (let y = Math.max(1, y0); y < Math.min(height - 1, y1); y++) {
    for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
      const i = y * width + x;
      const l = (g[i - 1] as number) + (g[i + 1] as number) + (g[i - width] as number) + (g[i + width] as number) - 4 * (g[i] as number);
      s += l;
      ss += l * l;
      n++;
    }
  }
  if (!n) return 0;
  const m = s / n;
  return ss / n - m * m;
}
