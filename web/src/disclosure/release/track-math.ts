/**
 * The editor's geometry, pure: where a track's box is at an instant (linear between keyframes, shown
 * from the first keyframe to the last inclusive, as the engine burns it in), the box a drag draws or
 * moves, and frame ↔ screen scaling. The redaction engine keeps its own copy of the interpolation in
 * src/redaction; test/web/release-track-math.test.ts checks this one.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Keyframe extends Box {
  t: number;
}

/** Half a frame at 25 fps: a box stays visible this long past its last keyframe (and before its first). */
export const EDGE_S = 0.02;

/** The box of a track at instant t, or null when the track does not cover t. */
export function boxAt(keyframes: readonly Keyframe[], t: number): Box | null {
  const first = keyframes[0];
  const last = keyframes[keyframes.length - 1];
  if (!first || !last || t < first.t - EDGE_S || t > last.t + EDGE_S) return null;
  if (t <= first.t) return pick(first);
  if (t >= last.t) return pick(last);
  for (let i = 1; i < keyframes.length; i++) {
    const b = keyframes[i] as Keyframe;
    if (t > b.t) continue;
    const a = keyframes[i - 1] as Keyframe;
    const f = b.t === a.t ? 1 : (t - a.t) / (b.t - a.t);
    return { x: lerp(a.x, b.x, f), y: lerp(a.y, b.y, f), w: lerp(a.w, b.w, f), h: lerp(a.h, b.h, f) };
  }
  return pick(last);
}

const lerp = (a: number, b: number, f: number): number => a + (b - a) * f;
const pick = ({ x, y, w, h }: Box): Box => ({ x, y, w, h });

/** Whether the track has a keyframe at t (within half a frame). */
export function keyframeAt(keyframes: readonly Keyframe[], t: number): Keyframe | undefined {
  return keyframes.find((k) => Math.abs(k.t - t) <= EDGE_S);
}

/** The rectangle between two drag points, in either direction. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): Box {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** A box moved by (dx, dy), kept inside the frame. */
export function moved(box: Box, dx: number, dy: number, frame: { width: number; height: number }): Box {
  return { ...box, x: clamp(box.x + dx, 0, Math.max(0, frame.width - box.w)), y: clamp(box.y + dy, 0, Math.max(0, frame.height - box.h)) };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Screen pixels ↔ frame pixels for an element showing the frame at `shownWidth` pixels wide. */
export function scaleOf(frameWidth: number, shownWidth: number): number {
  return frameWidth > 0 && shownWidth > 0 ? shownWidth / frameWidth : 1;
}

export function toFrame(box: Box, scale: number): Box {
  return { x: round(box.x / scale), y: round(box.y / scale), w: round(box.w / scale), h: round(box.h / scale) };
}

export function toScreen(box: Box, scale: number): Box {
  return { x: box.x * scale, y: box.y * scale, w: box.w * scale, h: box.h * scale };
}

const round = (v: number): number => Math.round(v * 10) / 10;

/** The first and last instant a track covers. */
export function spanOf(keyframes: readonly Keyframe[]): { from: number; to: number } | null {
  const first = keyframes[0];
  const last = keyframes[keyframes.length - 1];
  return first && last ? { from: first.t, to: last.t } : null;
}
