/**
 * The geometry of redaction tracks, shared by the engine (Node) and the editor (browser): where a
 * track's box is at time t, how much it grows before it is obscured, and how much of a box a set of
 * boxes covers. Pure functions, no Node imports.
 */
import type { Track, TrackKeyframe } from './model.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The track's box at time `t` (seconds): linear between the two keyframes around `t`, exactly a
 * keyframe's box at its time, null before the first keyframe or after the last. Keyframes need not
 * be sorted.
 */
export function boxAt(track: Pick<Track, 'keyframes'>, t: number): Box | null {
  const kfs = sortedKeyframes(track.keyframes);
  const first = kfs[0];
  const last = kfs[kfs.length - 1];
  if (!first || !last || t < first.t - EPS || t > last.t + EPS) return null;
  for (let i = 0; i < kfs.length - 1; i++) {
    const a = kfs[i] as TrackKeyframe;
    const b = kfs[i + 1] as TrackKeyframe;
    if (t <= b.t + EPS) return lerpBox(a, b, t);
  }
  return { x: last.x, y: last.y, w: last.w, h: last.h };
}

const EPS = 1e-6;

function sortedKeyframes(kfs: readonly TrackKeyframe[]): readonly TrackKeyframe[] {
  for (let i = 1; i < kfs.length; i++) if ((kfs[i] as TrackKeyframe).t < (kfs[i - 1] as TrackKeyframe).t) return [...kfs].sort((p, q) => p.t - q.t);
  return kfs;
}

/** The box between keyframes a and b at time t (clamped to [a.t, b.t]). */
export function lerpBox(a: TrackKeyframe, b: TrackKeyframe, t: number): Box {
  const span = b.t - a.t;
  const u = span <= 0 ? 0 : Math.min(1, Math.max(0, (t - a.t) / span));
  return { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u, w: a.w + (b.w - a.w) * u, h: a.h + (b.h - a.h) * u };
}

/** The box grown by `ratio` of its width and height on every side, clipped to the frame. */
export function enlarge(box: Box, ratio: number, frameW: number, frameH: number): Box {
  const x0 = Math.max(0, box.x - box.w * ratio);
  const y0 = Math.max(0, box.y - box.h * ratio);
  const x1 = Math.min(frameW, box.x + box.w * (1 + ratio));
  const y1 = Math.min(frameH, box.y + box.h * (1 + ratio));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** Every box to obscure at time t: each track's interpolated box, enlarged by the margin, in frame pixels. */
export function maskBoxesAt(tracks: readonly Pick<Track, 'keyframes'>[], t: number, marginRatio: number, frameW: number, frameH: number): Box[] {
  const out: Box[] = [];
  for (const track of tracks) {
    const b = boxAt(track, t);
    if (!b) continue;
    const e = enlarge(b, marginRatio, frameW, frameH);
    if (e.w > 0 && e.h > 0) out.push(e);
  }
  return out;
}

/** Intersection over union of two boxes (0 when disjoint). */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union <= 0 ? 0 : inter / union;
}

/**
 * The share (0..1) of `target`'s area inside the union of `cover` boxes, measured exactly on the
 * grid of the boxes' edges (no sampling).
 */
export function coveredShare(target: Box, cover: readonly Box[]): number {
  const area = target.w * target.h;
  if (area <= 0) return 1;
  const tx1 = target.x + target.w;
  const ty1 = target.y + target.h;
  const clipped = cover
    .map((c) => ({ x0: Math.max(target.x, c.x), y0: Math.max(target.y, c.y), x1: Math.min(tx1, c.x + c.w), y1: Math.min(ty1, c.y + c.h) }))
    .filter((c) => c.x1 > c.x0 && c.y1 > c.y0);
  if (clipped.length === 0) return 0;
  const xs = [...new Set(clipped.flatMap((c) => [c.x0, c.x1]))].sort((p, q) => p - q);
  let inside = 0;
  for (let i = 0; i < xs.length - 1; i++) {
    const xa = xs[i] as number;
    const xb = xs[i + 1] as number;
    const spans = clipped
      .filter((c) => c.x0 <= xa && c.x1 >= xb)
      .map((c) => [c.y0, c.y1] as const)
      .sort((p, q) => p[0] - q[0]);
    let covered = 0;
    let curStart = -Infinity;
    let curEnd = -Infinity;
    for (const [s, e] of spans) {
      if (s > curEnd) {
        if (curEnd > curStart) covered += curEnd - curStart;
        curStart = s;
        curEnd = e;
      } else curEnd = Math.max(curEnd, e);
    }
    if (curEnd > curStart) covered += curEnd - curStart;
    inside += covered * (xb - xa);
  }
  return Math.min(1, inside / area);
}
