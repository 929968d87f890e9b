/**
 * What the tamper detector measures in one small grey frame (160×120, 8-bit, row-major). Everything a
 * camera's own changes move (gain, IR switch, lights) is normalised away: detail against contrast,
 * gradient structure against its own energy.
 */
export const FRAME_WIDTH = 160;
export const FRAME_HEIGHT = 120;
export const FRAME_BYTES = FRAME_WIDTH * FRAME_HEIGHT;

/** 8×8 blocks: 20 × 15. */
const BLOCK = 8;
/** A block whose standard deviation is below this (grey levels) shows nothing: flat, covered or painted. */
const FLAT_BLOCK_STD = 3;
/** The structure map: 4×4 cells of the frame averaged, 40 × 30. */
const CELL = 4;
export const MAP_WIDTH = FRAME_WIDTH / CELL;
export const MAP_HEIGHT = FRAME_HEIGHT / CELL;

export interface FrameFeatures {
  mean: number;
  std: number;
  /** Share of 8×8 blocks that are flat (0…1). */
  flatShare: number;
  /** Mean absolute Laplacian over the standard deviation: fine detail for the contrast there is (defocus). */
  sharpness: number;
}

export function frameFeatures(frame: Uint8Array): FrameFeatures {
  if (frame.length !== FRAME_BYTES) throw new RangeError(`a tamper frame is ${FRAME_BYTES} bytes, got ${frame.length}`);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < FRAME_BYTES; i++) {
    const v = frame[i]!;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / FRAME_BYTES;
  const std = Math.sqrt(Math.max(0, sumSq / FRAME_BYTES - mean * mean));
  return { mean, std, flatShare: flatShare(frame), sharpness: laplacianEnergy(frame) / Math.max(std, 1) };
}

function flatShare(frame: Uint8Array): number {
  const bw = FRAME_WIDTH / BLOCK;
  const bh = FRAME_HEIGHT / BLOCK;
  let flat = 0;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0;
      let sq = 0;
      for (let y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
        const row = y * FRAME_WIDTH + bx * BLOCK;
        for (let x = 0; x < BLOCK; x++) {
          const v = frame[row + x]!;
          s += v;
          sq += v * v;
        }
      }
      const n = BLOCK * BLOCK;
      const m = s / n;
      if (sq / n - m * m < FLAT_BLOCK_STD * FLAT_BLOCK_STD) flat++;
    }
  }
  return flat / (bw * bh);
}

function laplacianEnergy(frame: Uint8Array): number {
  let total = 0;
  for (let y = 1; y < FRAME_HEIGHT - 1; y++) {
    const row = y * FRAME_WIDTH;
    for (let x = 1; x < FRAME_WIDTH - 1; x++) {
      const i = row + x;
      total += Math.abs(4 * frame[i]! - frame[i - 1]! - frame[i + 1]! - frame[i - FRAME_WIDTH]! - frame[i + FRAME_WIDTH]!);
    }
  }
  return total / ((FRAME_WIDTH - 2) * (FRAME_HEIGHT - 2));
}

/**
 * The frame's coarse edge structure: the gradients of the 40×30 cell means as double-angle vectors
 * (gx² − gy², 2·gx·gy)/|g|, so an edge counts by where it lies and how it runs, not by which side is
 * brighter (an IR switch can invert it), scaled to unit length overall so brightness and contrast do not count.
 */
export function structureMap(frame: Uint8Array): Float32Array {
  const cells = new Float32Array(MAP_WIDTH * MAP_HEIGHT);
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    const row = y * FRAME_WIDTH;
    const cellRow = Math.floor(y / CELL) * MAP_WIDTH;
    for (let x = 0; x < FRAME_WIDTH; x++) cells[cellRow + Math.floor(x / CELL)]! += frame[row + x]!;
  }
  const map = new Float32Array(MAP_WIDTH * MAP_HEIGHT * 2);
  let norm = 0;
  for (let y = 0; y < MAP_HEIGHT; y++) {
    for (let x = 0; x < MAP_WIDTH; x++) {
      const i = y * MAP_WIDTH + x;
      const gx = x + 1 < MAP_WIDTH ? cells[i + 1]! - cells[i]! : 0;
      const gy = y + 1 < MAP_HEIGHT ? cells[i + MAP_WIDTH]! - cells[i]! : 0;
      const magnitude = Math.sqrt(gx * gx + gy * gy);
      if (magnitude === 0) continue;
      map[2 * i] = (gx * gx - gy * gy) / magnitude;
      map[2 * i + 1] = (2 * gx * gy) / magnitude;
      norm += magnitude * magnitude;
    }
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < map.length; i++) map[i]! *= scale;
  return map;
}

/** How well two structure maps line up: 1 the same edges, about 0 unrelated ones. */
export function structureMatch(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}
