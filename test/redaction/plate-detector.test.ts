import { describe, expect, it } from 'vitest';
import { detectPlates } from '../../src/redaction/plate-detector.ts';

const W = 640;
const H = 360;

function scene(): Uint8Array {
  const f = new Uint8Array(W * H * 3);
  for (let i = 0; i < f.length; i += 3) {
    f[i] = 110;
    f[i + 1] = 110;
    f[i + 2] = 115;
  }
  return f;
}

function rect(f: Uint8Array, x: number, y: number, w: number, h: number, c: [number, number, number]): void {
  for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(W, x + w); xx++) {
      const i = (yy * W + xx) * 3;
      f[i] = c[0];
      f[i + 1] = c[1];
      f[i + 2] = c[2];
    }
  }
}

/** A plate: background colour, seven glyph-like groups of strokes in the ink colour. */
function plate(f: Uint8Array, x: number, y: number, w: number, bg: [number, number, number], ink: [number, number, number], glyphs = 7): void {
  const h = Math.round(w / 3.14);
  rect(f, x, y, w, h, bg);
  const pitch = (w * 0.9) / glyphs;
  for (let g = 0; g < glyphs; g++) {
    const gx = Math.round(x + w * 0.05 + g * pitch);
    const stroke = Math.max(2, Math.round(pitch * 0.18));
    rect(f, gx, y + Math.round(h * 0.2), stroke, Math.round(h * 0.6), ink);
    rect(f, gx + Math.round(pitch * 0.5), y + Math.round(h * 0.2), stroke, Math.round(h * 0.6), ink);
    rect(f, gx, y + Math.round(h * 0.2), Math.round(pitch * 0.6), stroke, ink);
  }
}

describe('plate detector', () => {
  it('finds blue, yellow and green plates with characters, each with its colour', () => {
    const f = scene();
    plate(f, 40, 40, 120, [17, 69, 176], [250, 250, 250]);
    plate(f, 300, 60, 100, [245, 196, 0], [10, 10, 10]);
    plate(f, 200, 220, 132, [90, 200, 110], [10, 10, 10], 8);
    const found = detectPlates(f, W, H);
    expect(found.map((p) => p.colour).sort()).toEqual(['BLUE', 'GREEN', 'YELLOW']);
    const blue = found.find((p) => p.colour === 'BLUE');
    expect(blue?.x).toBeLessThanOrEqual(40);
    expect((blue?.x ?? 0) + (blue?.w ?? 0)).toBeGreaterThanOrEqual(160);
  });

  it('ignores a plain coloured sign, a square coloured patch and plates narrower than the minimum', () => {
    const f = scene();
    rect(f, 40, 40, 200, 60, [20, 62, 165]); // a sign with no characters
    rect(f, 300, 40, 80, 80, [46, 112, 44]); // a square green patch
    plate(f, 420, 200, 30, [17, 69, 176], [250, 250, 250]); // 30 px: below 40
    expect(detectPlates(f, W, H)).toEqual([]);
  });

  it('finds a plate cut by the edge of the picture', () => {
    const f = scene();
    plate(f, W - 70, 100, 120, [245, 196, 0], [10, 10, 10]);
    const found = detectPlates(f, W, H);
    expect(found).toHaveLength(1);
    expect((found[0]?.x ?? 0) + (found[0]?.w ?? 0)).toBeCloseTo(W, 0);
  });
});
