/**
 * The irreversible mosaic, burned into a yuv420p frame in place: every cell of the box takes the
 * average of its pixels (luma and both chroma planes), so the detail inside a cell is gone from the
 * pixels and cannot be recovered from the file. Cells are at least `blockPx` and at least 1/8 of the
 * box's longer side; a box smaller than two cells either way is filled with its average instead.
 */
import type { Box } from './track-math.ts';

export interface MosaicOptions {
  blockPx: number;
  /** Cells are at least this share of the box's longer side. */
  minBlockShare?: number;
}

export function cellSize(box: Box, options: MosaicOptions): number {
  const b = Math.max(options.blockPx, Math.ceil(Math.max(box.w, box.h) * (options.minBlockShare ?? 1 / 8)));
  return b + (b & 1);
}

/** Obscures `box` (frame pixels, any fractions) in the yuv420p `frame` of `width` × `height`. */
export function mosaicYuv420(frame: Uint8Array, width: number, height: number, box: Box, options: MosaicOptions): void {
  const x0 = Math.max(0, Math.floor(box.x) & ~1);
  const y0 = Math.max(0, Math.floor(box.y) & ~1);
  const x1 = Math.min(width & ~1, roundUpEven(box.x + box.w));
  const y1 = Math.min(height & ~1, roundUpEven(box.y + box.h));
  if (x1 <= x0 || y1 <= y0) return;
  const b = cellSize({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, options);
  const solid = x1 - x0 < 2 * b || y1 - y0 < 2 * b;
  const cw = solid ? x1 - x0 : b;
  const ch = solid ? y1 - y0 : b;
  averageCells(frame, 0, width, x0, y0, x1, y1, cw, ch);
  const cwidth = width >> 1;
  const uOff = width * height;
  const vOff = uOff + cwidth * (height >> 1);
  const hx0 = x0 >> 1;
  const hy0 = y0 >> 1;
  const hx1 = x1 >> 1;
  const hy1 = y1 >> 1;
  const hcw = Math.max(1, cw >> 1);
  const hch = Math.max(1, ch >> 1);
  averageCells(frame, uOff, cwidth, hx0, hy0, hx1, hy1, hcw, hch);
  averageCells(frame, vOff, cwidth, hx0, hy0, hx1, hy1, hcw, hch);
}

function roundUpEven(v: number): number {
  const c = Math.ceil(v);
  return c + (c & 1);
}

function averageCells(plane: Uint8Array, offset: number, stride: number, x0: number, y0: number, x1: number, y1: number, cw: number, ch: number): void {
  for (let cy = y0; cy < y1; cy += ch) {
    const ey = Math.min(cy + ch, y1);
    for (let cx = x0; cx < x1; cx += cw) {
      const ex = Math.min(cx + cw, x1);
      let sum = 0;
      for (let y = cy; y < ey; y++) {
        const row = offset + y * stride;
        for (let x = cx; x < ex; x++) sum += plane[row + x] as number;
      }
      const avg = Math.round(sum / ((ey - cy) * (ex - cx)));
      for (let y = cy; y < ey; y++) {
        const row = offset + y * stride;
        plane.fill(avg, row + cx, row + ex);
      }
    }
  }
}
