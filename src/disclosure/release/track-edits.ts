/**
 * The editor's changes to a job's tracks, as pure functions over the list (the service stores the
 * result and records who made each change). Keyframes stay sorted by time; a box keeps a size of at
 * least 2 px and stays inside the frame.
 */
import type { TrackKeyframe, TrackKind } from '../../redaction/model.ts';
import { newId } from '../../shared/ids.ts';
import { justificationRequired, keyframeOutsideClip, trackNotFound } from './errors.ts';
import type { Resolution, ReviewedTrack } from './model.ts';

export interface Frame {
  width: number;
  height: number;
  durationS: number;
  /** Keyframes are put on the nearest frame (the renderer meets a keyframe only at a frame's instant). */
  fps?: number;
}

/** Same instant when closer than this (a frame at 1000 fps). */
const SAME_T = 0.001;
const JUSTIFICATION_MIN = 10;

export function unresolvedCount(tracks: readonly ReviewedTrack[]): number {
  return tracks.filter((t) => t.resolution === null).length;
}

/** A box clipped to the frame; E_KEYFRAME_OUTSIDE_CLIP when its time is outside the clip or nothing of it is inside. */
export function checkKeyframe(k: TrackKeyframe, frame: Frame): TrackKeyframe {
  const x = Math.max(0, k.x);
  const y = Math.max(0, k.y);
  const w = Math.min(frame.width, k.x + k.w) - x;
  const h = Math.min(frame.height, k.y + k.h) - y;
  if (!(k.t >= 0 && k.t <= frame.durationS + SAME_T) || w < 2 || h < 2) throw keyframeOutsideClip(k.t, frame.durationS);
  const t = frame.fps && frame.fps > 0 ? Math.round(k.t * frame.fps) / frame.fps : k.t;
  return { t: round(t, 6), x: round(x, 1), y: round(y, 1), w: round(w, 1), h: round(h, 1) };
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

function find(tracks: readonly ReviewedTrack[], trackId: string): ReviewedTrack {
  const track = tracks.find((t) => t.id === trackId);
  if (!track) throw trackNotFound(trackId);
  return track;
}

const replace = (tracks: readonly ReviewedTrack[], next: ReviewedTrack): ReviewedTrack[] => tracks.map((t) => (t.id === next.id ? next : t));

/** A box a person drew: a MANUAL track, masked (a person drew it to hide something). */
export function addTrack(tracks: readonly ReviewedTrack[], kind: TrackKind, keyframe: TrackKeyframe, frame: Frame, by: string, at: string): { tracks: ReviewedTrack[]; track: ReviewedTrack } {
  const track: ReviewedTrack = { id: newId('trk'), kind, source: 'MANUAL', keyframes: [checkKeyframe(keyframe, frame)], resolution: 'MASK', justification: null, resolvedBy: by, resolvedAt: at };
  return { tracks: [...tracks, track], track };
}

/** Sets the box at instant t (moves the keyframe there, or adds one: before the first or after the last extends the track). */
export function setKeyframe(tracks: readonly ReviewedTrack[], trackId: string, keyframe: TrackKeyframe, frame: Frame): ReviewedTrack[] {
  const track = find(tracks, trackId);
  const k = checkKeyframe(keyframe, frame);
  const keyframes = [...track.keyframes.filter((f) => Math.abs(f.t - k.t) >= SAME_T), k].sort((a, b) => a.t - b.t);
  return replace(tracks, { ...track, keyframes });
}

/** Extends a track to instant t with the box of its nearest end (the track then covers up to t). */
export function extendTrack(tracks: readonly ReviewedTrack[], trackId: string, t: number, frame: Frame): ReviewedTrack[] {
  const track = find(tracks, trackId);
  const first = track.keyframes[0];
  const last = track.keyframes[track.keyframes.length - 1];
  if (!first || !last) throw trackNotFound(trackId);
  if (t >= first.t - SAME_T && t <= last.t + SAME_T) return [...tracks];
  const end = t < first.t ? first : last;
  return setKeyframe(tracks, trackId, { ...end, t }, frame);
}

/** Removes the keyframe at instant t; a track left without keyframes is removed. */
export function deleteKeyframe(tracks: readonly ReviewedTrack[], trackId: string, t: number): ReviewedTrack[] {
  const track = find(tracks, trackId);
  const keyframes = track.keyframes.filter((f) => Math.abs(f.t - t) >= SAME_T);
  if (keyframes.length === 0) return tracks.filter((x) => x.id !== trackId);
  return replace(tracks, { ...track, keyframes });
}

export function deleteTrack(tracks: readonly ReviewedTrack[], trackId: string): ReviewedTrack[] {
  find(tracks, trackId);
  return tracks.filter((t) => t.id !== trackId);
}

/** MASK, or JUSTIFIED with a reason of at least 10 characters (E_JUSTIFICATION_REQUIRED). */
export function resolveTrack(tracks: readonly ReviewedTrack[], trackId: string, resolution: Resolution, justification: string | null | undefined, by: string, at: string): ReviewedTrack[] {
  const track = find(tracks, trackId);
  const text = justification?.trim().replace(/\s+/g, ' ') ?? '';
  if (resolution === 'JUSTIFIED' && [...text].length < JUSTIFICATION_MIN) throw justificationRequired(trackId);
  return replace(tracks, { ...track, resolution, justification: resolution === 'JUSTIFIED' ? text : null, resolvedBy: by, resolvedAt: at });
}

/** Detector output as the reviewer first sees it: nothing resolved. */
export function fromDetections(tracks: readonly { id: string; kind: TrackKind; source: 'AUTO' | 'MANUAL'; keyframes: TrackKeyframe[] }[]): ReviewedTrack[] {
  return tracks.map((t) => ({ id: t.id, kind: t.kind, source: t.source, keyframes: [...t.keyframes].sort((a, b) => a.t - b.t), resolution: null, justification: null, resolvedBy: null, resolvedAt: null }));
}
