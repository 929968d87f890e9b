/**
 * The irreversible mosaic, burned into a yuv420p frame in place: every cell of the box takes the
 * average of its pixels (luma and both chroma planes), so the detail inside a cell is gone from the
 * pixels and cannot be recovered from the file. Cells are at least `blockPx` and at least a quarter
 * of the box's longer side (a face is two or three cells across: with eight cells, as many mosaics
 * use, the SSIM against the original stayed near 0.4, above REG-22-2's 0.3); a box smaller than two
 * cells either way is filled with its average instead. The cells' edges are then softened (two passes
 * of a box filter a quarter of a cell wide, inside the box only): hard cell edges are fine detail
 * of their own (a Laplacian variance above the original face's). The softening works on averages
 * already taken, so undoing it gives back at most the mosaic, never the original.
 */
import type { Box } from './track-math.ts';

export interface MosaicOptions {
  blockPx: number;
  /** Cells are at least this share of the box's longer side (default 1/4). */
  minBlockShare?: number;
  /** Soften the cell edges (default true). */
  soften?: boolean;
}

export const DEFAULT_MIN_BLOCK_SHARE = 1 / 3;

export function cellSize(box: Box, options: MosaicOptions): number {
  const b = Math.max(options.blockPx, Math.ceil(Math.max(box.w, box.h) * (options.minBlockShare ?? DEFAULT_MIN_BLOCK_SHARE)));
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
  const soften = !solid && options.soften !== false;
  const r = Math.max(1, Math.round(b / 4));
  if (soften) boxBlur(frame, 0, width, x0, y0, x1, y1, r);
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
  if (soften) {
    boxBlur(frame, uOff, cwidth, hx0, hy0, hx1, hy1, Math.max(1, r >> 1));
    boxBlur(frame, vOff, cwidth, hx0, hy0, hx1, hy1, Math.max(1, r >> 1));
  }
}

/** Two passes of a (2r+1) box filter over the region, rows then columns, edges clamped to the region. */
function boxBlur(plane: Uint8Array, offset: number, stride: number, x0: number, y0: number, x1: number, y1: number, r: number): void {
  const w = x1 - x0;
  const h = y1 - y0;
  const line = new Float64Array(Math.max(w, h));
  const n = 2 * r + 1;
  for (let pass = 0; pass < 2; pass++) {
    for (let y = y0; y < y1; y++) {
      const row = offset + y * stride;
      for (let i = 0; i < w; i++) line[i] = plane[row + x0 + i] as number;
      let acc = 0;
      for (let k = -r; k <= r; k++) acc += line[Math.min(w - 1, Math.max(0, k))] as number;
      for (let i = 0; i < w; i++) {
        plane[row + x0 + i] = Math.round(acc / n);
        acc += (line[Math.min(w - 1, i + r + 1)] as number) - (line[Math.max(0, i - r)] as number);
      }
    }
    for (let x = x0; x < x1; x++) {
      for (let i = 0; i < h; i++) line[i] = plane[offset + (y0 + i) * stride + x] as number;
      let acc = 0;
      for (let k = -r; k <= r; k++) acc += line[Math.min(h - 1, Math.max(0, k))] as number;
      for (let i = 0; i < h; i++) {
        plane[offset + (y0 + i) * stride + x] = Math.round(acc / n);
        acc += (line[Math.min(h - 1, i + r + 1)] as number) - (line[Math.max(0, i - r)] as number);
      }
    }
  }
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
