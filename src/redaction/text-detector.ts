/**
 * Lines of text on signs (招牌, door plates, a business licence 营业执照 in view) on an RGB frame, in
 * plain TypeScript: the organisation identifiers of art. 22 (REG-22-1). Horizontal lines and vertical
 * ones (common on Chinese shop signs), CJK or Latin.
 *
 * 1. Stroke edges: a pixel whose luma differs from its neighbours' (left/right or up/down) by at
 *    least `edgeContrast`; each 4×4 cell with at least 4 such pixels is "edgy".
 * 2. Run-length smearing: along rows (for horizontal lines) and along columns (for vertical ones),
 *    gaps of up to 3 cells (12 px, the space between two characters) between edgy cells are filled,
 *    so the characters of a line join into one block.
 * 3. Connected blocks become candidates: the line's thickness (a character's height) between
 *    `minCharPx` and `maxCharPx`, at least 1.8 characters long, mostly filled.
 * 4. A candidate is kept when its pixels read as ink on a panel: two well separated luma classes
 *    (Otsu; `minContrast`) with few pixels between them (a photo, hair or foliage has many), the ink
 *    a minority; the rows along the line cross several strokes per character length; no column
 *    across the line is ink from edge to edge (a fence's bars are); and the ink is spread over the
 *    line's character-sized stretches with regular spacing (a single blob next to a border is not).
 */
import { insideShare } from './plate-text.ts';
import type { Box } from './track-math.ts';

export interface TextDetection extends Box {
  orientation: 'HORIZONTAL' | 'VERTICAL';
  score: number;
}

export interface TextDetectorOptions {
  /** Characters smaller than this (px, the line's thickness) are not looked for. */
  minCharPx?: number;
  /** Nor larger than this. */
  maxCharPx?: number;
  /** Least luma step across a stroke's edge. */
  edgeContrast?: number;
  /** Least luma difference between the ink and the panel. */
  minContrast?: number;
  /** Each side of the found box grows by this share of the character size. */
  grow?: number;
}

const CELL = 4;
const GAP = 3;
const MIN_EDGE_PX = 4;
const MIN_SCORE = 0.5;

export function detectText(rgb: Uint8Array, width: number, height: number, options: TextDetectorOptions = {}): TextDetection[] {
  const minChar = options.minCharPx ?? 14;
  const maxChar = options.maxCharPx ?? 160;
  const edgeContrast = options.edgeContrast ?? 48;
  const minContrast = options.minContrast ?? 60;
  const grow = options.grow ?? 0.15;
  const luma = lumaOf(rgb, width, height);
  const cw = Math.floor(width / CELL);
  const ch = Math.floor(height / CELL);
  const edgy = edgeCells(luma, width, height, cw, ch, edgeContrast);
  const found: TextDetection[] = [];
  for (const vertical of [false, true]) {
    const mask = smear(edgy, cw, ch, vertical);
    for (const c of components(mask, cw, ch)) {
      const across = ((vertical ? c.x1 - c.x0 : c.y1 - c.y0) + 1) * CELL;
      const along = ((vertical ? c.y1 - c.y0 : c.x1 - c.x0) + 1) * CELL;
      if (across < minChar || across > maxChar || along < 1.8 * across) continue;
      if (c.cells / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1)) < 0.45) continue;
      const box = { x: c.x0 * CELL, y: c.y0 * CELL, w: (c.x1 - c.x0 + 1) * CELL, h: (c.y1 - c.y0 + 1) * CELL };
      const line = lineEvidence(luma, width, box, vertical, minContrast, minChar);
      if (!line || line.charPx > maxChar) continue;
      const g = line.charPx * grow;
      const x0 = Math.max(0, line.box.x - g);
      const y0 = Math.max(0, line.box.y - g);
      const x1 = Math.min(width, line.box.x + line.box.w + g);
      const y1 = Math.min(height, line.box.y + line.box.h + g);
      found.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, orientation: vertical ? 'VERTICAL' : 'HORIZONTAL', score: line.score });
    }
  }
  return dedupe(found);
}

function lumaOf(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  const out = new Uint8Array(n);
  for (let k = 0, i = 0; k < n; k++, i += 3) out[k] = ((rgb[i] as number) * 77 + (rgb[i + 1] as number) * 150 + (rgb[i + 2] as number) * 29) >> 8;
  return out;
}

/** Per 4×4 cell: 1 when at least MIN_EDGE_PX of its pixels sit on a stroke edge. */
function edgeCells(luma: Uint8Array, width: number, height: number, cw: number, ch: number, contrast: number): Uint8Array {
  const counts = new Uint8Array(cw * ch);
  for (let y = 1; y < Math.min(height - 1, ch * CELL); y++) {
    const row = y * width;
    const crow = (y >> 2) * cw;
    for (let x = 1; x < Math.min(width - 1, cw * CELL); x++) {
      const k = row + x;
      const gx = (luma[k + 1] as number) - (luma[k - 1] as number);
      const gy = (luma[k + width] as number) - (luma[k - width] as number);
      if (gx >= contrast || gx <= -contrast || gy >= contrast || gy <= -contrast) (counts[crow + (x >> 2)] as number)++;
    }
  }
  for (let k = 0; k < counts.length; k++) counts[k] = (counts[k] as number) >= MIN_EDGE_PX ? 1 : 0;
  return counts;
}

/** Fills gaps of up to GAP cells between edgy cells along rows (or columns when `vertical`). */
function smear(edgy: Uint8Array, cw: number, ch: number, vertical: boolean): Uint8Array {
  const mask = edgy.slice();
  const lines = vertical ? cw : ch;
  const len = vertical ? ch : cw;
  const step = vertical ? cw : 1;
  for (let l = 0; l < lines; l++) {
    const base = vertical ? l : l * cw;
    let last = -1;
    for (let i = 0; i < len; i++) {
      const k = base + i * step;
      if (!edgy[k]) continue;
      if (last >= 0 && i - last > 1 && i - last - 1 <= GAP) for (let j = last + 1; j < i; j++) mask[base + j * step] = 1;
      last = i;
    }
  }
  return mask;
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
  const stack = new Int32Array(w * h);
  const out: Component[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || seen[start]) continue;
    const c: Component = { x0: w, y0: h, x1: 0, y1: 0, cells: 0 };
    seen[start] = 1;
    let top = 0;
    stack[top++] = start;
    while (top) {
      const k = stack[--top] as number;
      const x = k % w;
      const y = (k - x) / w;
      c.cells++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (let d = 0; d < 4; d++) {
        const n = d === 0 ? (x > 0 ? k - 1 : -1) : d === 1 ? (x < w - 1 ? k + 1 : -1) : d === 2 ? (y > 0 ? k - w : -1) : y < h - 1 ? k + w : -1;
        if (n >= 0 && mask[n] && !seen[n]) {
          seen[n] = 1;
          stack[top++] = n;
        }
      }
    }
    out.push(c);
  }
  return out;
}

/**
 * Whether the box reads as one line of characters, ink on a panel, and how much (score 0..1); with the
 * characters' band (the box trimmed across the line) and their size. `vertical`: the line runs top to
 * bottom.
 */
export function lineEvidence(luma: Uint8Array, width: number, box: Box, vertical: boolean, minContrast: number, minChar: number): { score: number; charPx: number; box: Box } | null {
  const { x, y, w, h } = box;
  const hist = new Uint32Array(256);
  for (let yy = y; yy < y + h; yy++) for (let xx = x, k = yy * width + x; xx < x + w; xx++, k++) (hist[luma[k] as number] as number)++;
  const n = w * h;
  const t = otsu(hist, n);
  let n0 = 0;
  let s0 = 0;
  for (let v = 0; v <= t; v++) {
    n0 += hist[v] as number;
    s0 += v * (hist[v] as number);
  }
  let s1 = 0;
  for (let v = t + 1; v < 256; v++) s1 += v * (hist[v] as number);
  const n1 = n - n0;
  if (!n0 || !n1) return null;
  const m0 = s0 / n0;
  const m1 = s1 / n1;
  const contrast = m1 - m0;
  if (contrast < minContrast) return null;
  // Pixels well between the two classes: anti-aliased stroke edges on a sign, most of a photo.
  let between = 0;
  for (let v = Math.ceil(m0 + 0.3 * contrast); v <= Math.floor(m1 - 0.3 * contrast); v++) between += hist[v] as number;
  if (between / n > 0.3) return null;
  const inkIsDark = n0 <= n1;
  const inkShare = (inkIsDark ? n0 : n1) / n;
  if (inkShare < 0.06 || inkShare > 0.5) return null;
  const isInk = (v: number) => (inkIsDark ? v <= t : v > t);
  const along = vertical ? h : w;
  const across = vertical ? w : h;
  const at = (a: number, c: number) => luma[vertical ? (y + a) * width + x + c : (y + c) * width + x + a] as number;
  // The characters' band across the line: the longest run of lines (rows of a horizontal line) that
  // cross strokes (three ink runs or more: not a panel's margin with the wall at both ends) and are not
  // ink from end to end (a panel's edge). Its width is the character size.
  let c0 = 0;
  let c1 = -1;
  for (let c = 0, runStart = -1; c <= across; c++) {
    let ink = 0;
    let inkRuns = 0;
    if (c < across) {
      let inStroke = false;
      for (let a = 0; a < along; a++) {
        const s = isInk(at(a, c));
        if (s) ink++;
        if (s && !inStroke) inkRuns++;
        inStroke = s;
      }
    }
    const texty = inkRuns >= 3 && ink <= 0.85 * along;
    if (texty && runStart < 0) runStart = c;
    if (!texty && runStart >= 0) {
      if (c - 1 - runStart > c1 - c0) {
        c0 = runStart;
        c1 = c - 1;
      }
      runStart = -1;
    }
  }
  const charPx = c1 - c0 + 1;
  if (charPx < minChar || along < 1.8 * charPx) return null;
  // Per position along the line: ink in the band and in the whole box. The line's ends: the first and
  // last positions with some ink in the band that is not ink across the whole band (the wall beside
  // a panel is).
  const inkBand = new Uint32Array(along);
  const inkBox = new Uint32Array(along);
  let a0 = -1;
  let a1 = -1;
  for (let a = 0; a < along; a++) {
    let band = 0;
    let all = 0;
    for (let c = 0; c < across; c++) {
      if (!isInk(at(a, c))) continue;
      all++;
      if (c >= c0 && c <= c1) band++;
    }
    inkBand[a] = band;
    inkBox[a] = all;
    if (band > 0 && band < 0.8 * charPx) {
      if (a0 < 0) a0 = a;
      a1 = a;
    }
  }
  const length = a1 - a0 + 1;
  if (a0 < 0 || length < 1.8 * charPx) return null;
  // Strokes crossed along the middle of the band, per character length.
  let runs = 0;
  let lines = 0;
  for (let c = c0 + Math.floor(charPx * 0.25); c < c0 + Math.ceil(charPx * 0.75); c++) {
    lines++;
    let inStroke = false;
    for (let a = a0; a <= a1; a++) {
      const s = isInk(at(a, c));
      if (s && !inStroke) runs++;
      inStroke = s;
    }
  }
  const perChar = runs / Math.max(1, lines) / (length / charPx);
  if (perChar < 1.5) return null;
  // Across the line: most ink not in lines of pixels that are ink from edge to edge of the box (a
  // fence's bars; a character's 一 or 丨 stroke is one of several), and the ink spread over the
  // character-sized stretches of the line (regular spacing, not one blob).
  let inFull = 0;
  let inkAll = 0;
  const stretches = Math.max(1, Math.floor(length / charPx));
  const inkPer = new Uint32Array(stretches);
  for (let a = a0; a <= a1; a++) {
    const all = inkBox[a] as number;
    inkAll += all;
    if (all >= 0.8 * across) inFull += all;
    (inkPer[Math.min(stretches - 1, Math.floor(((a - a0) * stretches) / length))] as number) += inkBand[a] as number;
  }
  if (inFull > 0.4 * inkAll) return null;
  const stretchPx = (length / stretches) * charPx;
  let inked = 0;
  for (const v of inkPer) if (v / stretchPx >= 0.05) inked++;
  if (stretches < 2 || inked / stretches < 0.7) return null;
  // Contrast × spread × stroke density: a faint or sparse "line" (the edge of a photo) scores low.
  const score = Math.min(1, (contrast / 255) * (inked / stretches) * Math.min(1, perChar / 3) + 0.3);
  if (score < MIN_SCORE) return null;
  return { score, charPx, box: vertical ? { x: x + c0, y: y + a0, w: charPx, h: length } : { x: x + a0, y: y + c0, w: length, h: charPx } };
}

/** Otsu's threshold: the luma that best splits the histogram into two classes. */
function otsu(hist: Uint32Array, n: number): number {
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * (hist[v] as number);
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 127;
  for (let v = 0; v < 256; v++) {
    wB += hist[v] as number;
    if (!wB) continue;
    const wF = n - wB;
    if (!wF) break;
    sumB += v * (hist[v] as number);
    const d = sumB / wB - (sum - sumB) / wF;
    const between = wB * wF * d * d;
    if (between > best) {
      best = between;
      bestT = v;
    }
  }
  return bestT;
}

/** Of boxes that overlap much (one mostly inside the other), the larger is kept. */
function dedupe(found: TextDetection[]): TextDetection[] {
  const sorted = [...found].sort((a, b) => b.w * b.h - a.w * a.h);
  const out: TextDetection[] = [];
  for (const d of sorted) if (!out.some((o) => insideShare(d, o) > 0.6)) out.push(d);
  return out;
}

