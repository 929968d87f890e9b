/**
 * A plate's characters are text too: the text detector finds them as a short line. They are the
 * plate's (one PLATE box), not a second, TEXT box: dropped per frame against that frame's plates, and
 * per track against the plate tracks (a frame where the plate detector missed the plate but the text
 * detector saw its characters does not start a TEXT track on a plate). Pure: no Node imports.
 */
import type { Track } from './model.ts';
import { type Box, boxAt, iou } from './track-math.ts';

/** The share of `a`'s area inside `b`. */
export function insideShare(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? (w * h) / Math.max(1e-9, a.w * a.h) : 0;
}

/**
 * Whether a text box is about a plate's box (IoU ≥ 0.55) or mostly inside it. A longer line that
 * holds a "plate" (dark blue characters on a white sign read as a blue panel) is not: the sign's name
 * is more than the part the plate detector saw.
 */
export function onPlate(text: Box, plate: Box): boolean {
  return iou(text, plate) >= 0.55 || insideShare(text, plate) >= 0.6;
}

/** The text boxes of one frame that are on none of its plates. */
export function notOnPlates<T extends Box>(texts: T[], plates: readonly Box[]): T[] {
  return texts.filter((t) => !plates.some((p) => onPlate(t, p)));
}

/**
 * TEXT tracks that are not a plate's characters: a track whose keyframes sit on some plate track's box
 * at that time (`onPlate`) in at least half of them is dropped; other tracks pass unchanged.
 */
export function withoutPlateText(tracks: Track[]): Track[] {
  const plates = tracks.filter((t) => t.kind === 'PLATE');
  return tracks.filter((t) => {
    if (t.kind !== 'TEXT' || !plates.length) return true;
    const onAPlate = t.keyframes.filter((k) => plates.some((p) => {
      const b = boxAt(p, k.t);
      return b !== null && onPlate(k, b);
    })).length;
    return onAPlate * 2 < t.keyframes.length;
  });
}
