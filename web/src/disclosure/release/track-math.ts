/**
 * The editor's geometry, pure: the box a drag draws or moves, frame ↔ screen scaling, keyframes on
 * frames. Where a track is at an instant comes from the engine's src/redaction/track-math.ts.
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

/** Half a frame at 25 fps: how near an instant a keyframe counts as "here". */
export const EDGE_S = 0.02;

/** Where a track's box is at an instant: the engine's own interpolation (what the editor shows is what gets burned in). */
export { boxAt } from '../../../../src/redaction/track-math.ts';

/** The instant of the frame nearest t (keyframes sit on frames, so that the renderer meets them). */
export function onFrame(t: number, fps: number): number {
  return fps > 0 ? Math.round(Math.max(0, t) * fps) / fps : t;
}


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
