import { describe, expect, it } from 'vitest';
import { cellSize, mosaicYuv420 } from '../../src/redaction/mosaic.ts';

const W = 320;
const H = 240;

function frame(seed: number): Uint8Array {
  const f = new Uint8Array(W * H * 1.5);
  let s = seed;
  for (let i = 0; i < f.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    f[i] = s >>> 24;
  }
  return f;
}

describe('mosaic (REG-22-2: burned in, irreversible)', () => {
  const box = { x: 40, y: 30, w: 160, h: 120 };

  it('changes only the pixels inside the box', () => {
    const before = frame(1);
    const after = new Uint8Array(before);
    mosaicYuv420(after, W, H, box, { blockPx: 16 });
    let inside = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        const isInside = x >= 40 && x < 200 && y >= 30 && y < 150;
        if (!isInside) expect(after[i]).toBe(before[i]);
        else if (after[i] !== before[i]) inside++;
      }
    }
    expect(inside).toBeGreaterThan(0.9 * 160 * 120);
  });

  it('cannot be undone: two different pictures with the same cell averages give the same released pixels', () => {
    const a = frame(2);
    const b = new Uint8Array(a);
    // Reverse the luma pixels inside every cell of b: a different picture, the same averages.
    const cell = cellSize({ x: 40, y: 30, w: 160, h: 120 }, { blockPx: 16 });
    for (let cy = 30; cy < 150; cy += cell) {
      for (let cx = 40; cx < 200; cx += cell) {
        const idx: number[] = [];
        for (let y = cy; y < Math.min(cy + cell, 150); y++) for (let x = cx; x < Math.min(cx + cell, 200); x++) idx.push(y * W + x);
        const values = idx.map((i) => a[i] as number).reverse();
        idx.forEach((i, k) => (b[i] = values[k] as number));
      }
    }
    expect(Buffer.compare(a, b)).not.toBe(0);
    mosaicYuv420(a, W, H, box, { blockPx: 16 });
    mosaicYuv420(b, W, H, box, { blockPx: 16 });
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('fills a box smaller than two cells with one colour', () => {
    const f = frame(3);
    mosaicYuv420(f, W, H, { x: 10, y: 10, w: 20, h: 12 }, { blockPx: 16 });
    const values = new Set<number>();
    for (let y = 10; y < 22; y++) for (let x = 10; x < 30; x++) values.add(f[y * W + x] as number);
    expect(values.size).toBe(1);
  });

  it('uses cells of at least blockPx and at least a third of the longer side', () => {
    expect(cellSize({ x: 0, y: 0, w: 30, h: 30 }, { blockPx: 16 })).toBe(16);
    expect(cellSize({ x: 0, y: 0, w: 300, h: 90 }, { blockPx: 16 })).toBe(100);
  });
});
