/**
 * Chinese vehicle plates on an RGB frame, in plain TypeScript: blue (蓝牌, white characters on blue),
 * yellow (黄牌, black on yellow) and green new-energy (绿牌, black on a white-to-green gradient).
 *
 * 1. Each 4×4 cell of the frame is classed by the share of its pixels in a plate colour (HSV-like
 *    tests on RGB), with a horizontal closing so that characters do not split a plate.
 * 2. Connected cells of one colour become candidates: at least `minWidth` px wide, about 3.1:1
 *    (440×140 mm; new-energy 480×140 mm), mostly filled with the colour.
 * 3. A candidate is kept when its middle rows cross characters several times (the character-edge
 *    density of 6–7 glyphs), which a plain coloured sign or car body does not.
 */
import type { Box } from './track-math.ts';

export type PlateColour = 'BLUE' | 'YELLOW' | 'GREEN';

export interface PlateDetection extends Box {
  colour: PlateColour;
  score: number;
}

export interface PlateDetectorOptions {
  /** Plates narrower than this (px) are not looked for (below about 45 px nothing reads them anyway). */
  minWidth?: number;
  /** Each side of the found box grows by this share of its size. */
  grow?: number;
}

const CELL = 4;
const COLOURS: readonly PlateColour[] = ['BLUE', 'YELLOW', 'GREEN'];

/** 0 none, 1 blue, 2 yellow, 3 green: the plate colour of one pixel. */
function colourOf(r: number, g: number, b: number): number {
  const max = r > g ? (r > b ? r : b) : g > b ? g : b;
  const min = r < g ? (r < b ? r : b) : g < b ? g : b;
  const d = max - min;
  if (max < 60 || d < 18) return 0;
  // Blue: b is the largest by far, hue about 200–245°.
  if (max === b && b - r > 50 && d / max > 0.4 && g < b - 15) return 1;
  // Yellow: r and g high, b low, hue about 38–60°.
  if (max === r && g > 0.62 * r && g <= r && b < 0.55 * g && r > 110) return 2;
  // Green (new energy): g the largest; the gradient's pale top is barely saturated.
  if (max === g && g - r >= 14 && g - b >= 8 && g > 80) return 3;
  return 0;
}

function luma(r: number, g: number, b: number): number {
  return (r * 77 + g * 150 + b * 29) >> 8;
}

export function detectPlates(rgb: Uint8Array, width: number, height: number, options: PlateDetectorOptions = {}): PlateDetection[] {
  const minWidth = options.minWidth ?? 40;
  const grow = options.grow ?? 0.08;
  const cw = Math.floor(width / CELL);
  const ch = Math.floor(height / CELL);
  const counts = new Uint8Array(cw * ch * 4);
  for (let y = 0; y < ch * CELL; y++) {
    const row = y * width * 3;
    const crow = (y >> 2) * cw;
    for (let x = 0; x < cw * CELL; x++) {
      const i = row + x * 3;
      const c = colourOf(rgb[i] as number, rgb[i + 1] as number, rgb[i + 2] as number);
      if (c) (counts[(crow + (x >> 2)) * 4 + c] as number)++;
    }
  }
  const out: PlateDetection[] = [];
  for (let ci = 1; ci <= 3; ci++) {
    const mask = new Uint8Array(cw * ch);
    for (let k = 0; k < cw * ch; k++) mask[k] = (counts[k * 4 + ci] as number) >= 6 ? 1 : 0;
    // Closing along rows: a cell between two colour cells (up to 2 apart) joins them (character strokes).
    for (let y = 0; y < ch; y++) {
      for (let x = 1; x < cw - 1; x++) {
        const k = y * cw + x;
        if (!mask[k] && mask[k - 1] === 1 && (mask[k + 1] === 1 || (x < cw - 2 && mask[k + 2] === 1))) mask[k] = 2;
      }
    }
    for (const comp of components(mask, cw, ch)) {
      const bx = comp.x0 * CELL;
      const by = comp.y0 * CELL;
      const bw = (comp.x1 - comp.x0 + 1) * CELL;
      const bh = (comp.y1 - comp.y0 + 1) * CELL;
      if (bw < minWidth || bh < 8) continue;
      const aspect = bw / bh;
      if (aspect < 2.0 || aspect > 6.0) continue;
      const fill = comp.cells / ((comp.x1 - comp.x0 + 1) * (comp.y1 - comp.y0 + 1));
      if (fill < 0.55) continue;
      const colour = COLOURS[ci - 1] as PlateColour;
      const text = characterEvidence(rgb, width, { x: bx, y: by, w: bw, h: bh }, colour);
      if (text < 0.35) continue;
      const gx = bw * grow;
      const gy = bh * grow;
      const x0 = Math.max(0, bx - gx);
      const y0 = Math.max(0, by - gy);
      const x1 = Math.min(width, bx + bw + gx);
      const y1 = Math.min(height, by + bh + gy);
      out.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, colour, score: Math.min(1, text) });
    }
  }
  return out;
}

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  cells: number;
}

function components(mask: Uint8Array, w: number, h: number): Component[] {
  const seen = new Uint8Array(w * h);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || seen[start]) continue;
    const c: Component = { x0: w, y0: h, x1: 0, y1: 0, cells: 0 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const k = stack.pop() as number;
      const x = k % w;
      const y = (k - x) / w;
      c.cells++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const n = ny * w + nx;
          if (mask[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

/**
 * The share (0..1) of the box's middle rows that cross at least five character strokes: light
 * strokes on blue, dark strokes on yellow and green.
 */
function characterEvidence(rgb: Uint8Array, width: number, box: Box, colour: PlateColour): number {
  const y0 = Math.round(box.y + box.h * 0.3);
  const y1 = Math.round(box.y + box.h * 0.7);
  const x0 = Math.round(box.x + box.w * 0.03);
  const x1 = Math.round(box.x + box.w * 0.97);
  let rows = 0;
  let good = 0;
  for (let y = y0; y < y1; y++) {
    rows++;
    // Threshold halfway between the row's darkest and lightest pixel.
    let lo = 255;
    let hi = 0;
    const row = y * width * 3;
    for (let x = x0; x < x1; x++) {
      const i = row + x * 3;
      const l = luma(rgb[i] as number, rgb[i + 1] as number, rgb[i + 2] as number);
      if (l < lo) lo = l;
      if (l > hi) hi = l;
    }
    if (hi - lo < 50) continue;
    const mid = (hi + lo) / 2;
    let runs = 0;
    let inStroke = false;
    let strokePx = 0;
    for (let x = x0; x < x1; x++) {
      const i = row + x * 3;
      const l = luma(rgb[i] as number, rgb[i + 1] as number, rgb[i + 2] as number);
      const stroke = colour === 'BLUE' ? l > mid : l < mid;
      if (stroke) strokePx++;
      if (stroke && !inStroke) runs++;
      inStroke = stroke;
    }
    const share = strokePx / Math.max(1, x1 - x0);
    if (runs >= 5 && share > 0.08 && share < 0.65) good++;
  }
  return rows ? good / rows : 0;
}
