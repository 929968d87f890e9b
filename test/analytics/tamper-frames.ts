/** Synthetic 160×120 grey frames for the tamper detector: a textured scene with sensor noise, and what tampering does to it. */
import { FRAME_BYTES, FRAME_HEIGHT, FRAME_WIDTH } from '../../src/analytics/tamper/frame-features.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A room-like scene: rectangles of different grey levels (furniture, windows) over a gradient, plus noise. */
export function scene(frameSeed: number, options: { shift?: number } = {}): Uint8Array {
  const layout = random(7);
  const base = new Float32Array(FRAME_BYTES);
  for (let y = 0; y < FRAME_HEIGHT; y++) for (let x = 0; x < FRAME_WIDTH; x++) base[y * FRAME_WIDTH + x] = 60 + x * 0.5 + y * 0.3;
  for (let r = 0; r < 40; r++) {
    const x0 = Math.floor(layout() * FRAME_WIDTH);
    const y0 = Math.floor(layout() * FRAME_HEIGHT);
    const w = 6 + Math.floor(layout() * 40);
    const h = 6 + Math.floor(layout() * 30);
    const v = 20 + layout() * 200;
    for (let y = y0; y < Math.min(FRAME_HEIGHT, y0 + h); y++) for (let x = x0; x < Math.min(FRAME_WIDTH, x0 + w); x++) base[y * FRAME_WIDTH + x] = v;
  }
  const noise = random(1000 + frameSeed);
  const shift = Math.round((options.shift ?? 0) * FRAME_WIDTH);
  const out = new Uint8Array(FRAME_BYTES);
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      const from = y * FRAME_WIDTH + ((x + shift) % FRAME_WIDTH);
      out[y * FRAME_WIDTH + x] = clamp(base[from]! + (noise() - 0.5) * 8);
    }
  }
  return out;
}

export const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

export const map = (frame: Uint8Array, f: (v: number, i: number) => number): Uint8Array => Uint8Array.from(frame, (v, i) => clamp(f(v, i)));

export const solid = (value: number): Uint8Array => new Uint8Array(FRAME_BYTES).fill(value);

/** A box blur of the given radius (a defocused lens). */
export function blur(frame: Uint8Array, radius: number): Uint8Array {
  const out = new Uint8Array(FRAME_BYTES);
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || yy >= FRAME_HEIGHT || xx < 0 || xx >= FRAME_WIDTH) continue;
          sum += frame[yy * FRAME_WIDTH + xx]!;
          n++;
        }
      }
      out[y * FRAME_WIDTH + x] = Math.round(sum / n);
    }
  }
  return out;
}

/** A dark shape over a third of the frame (someone walking past close to the lens). */
export const passerBy = (frame: Uint8Array): Uint8Array => map(frame, (v, i) => (i % FRAME_WIDTH > 50 && i % FRAME_WIDTH < 105 ? 25 : v));
