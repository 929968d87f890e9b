/**
 * What a side of the recorder benchmark recorded within the measured window [fromMs, toMs] (wall clock),
 * camera by camera, and whether that is clean: every camera's recorded media covers the window within
 * one fragment and no camera reconnected. Pure functions; the benchmark feeds them.
 */

export interface Window {
  fromMs: number;
  toMs: number;
}

/** A recorded stretch of one camera: a Custos segment from the index. */
export interface Recorded {
  startMs: number;
  endMs: number;
  frames: number;
}

export interface CameraWindow {
  cameraId: string;
  framesRecorded: number;
  secondsMissing: number;
  reconnects: number;
}

export interface SideAccount {
  cameras: number;
  framesExpected: number;
  framesRecorded: number;
  secondsMissing: number;
  worstCamera: { cameraId: string; secondsMissing: number } | null;
  reconnects: number;
  /** Cameras whose missing time exceeds one fragment. */
  camerasShort: number;
  clean: boolean;
}

const overlapMs = (r: { startMs: number; endMs: number }, w: Window) => Math.max(0, Math.min(r.endMs, w.toMs) - Math.max(r.startMs, w.fromMs));

/** Milliseconds of the window covered by the union of the stretches (overlaps counted once). */
export function coveredMs(stretches: readonly { startMs: number; endMs: number }[], w: Window): number {
  const clipped = stretches
    .map((r) => ({ startMs: Math.max(r.startMs, w.fromMs), endMs: Math.min(r.endMs, w.toMs) }))
    .filter((r) => r.endMs > r.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  let covered = 0;
  let reach = -Infinity;
  for (const r of clipped) {
    if (r.endMs <= reach) continue;
    covered += r.endMs - Math.max(r.startMs, reach);
    reach = r.endMs;
  }
  return covered;
}

/** Frames of the stretches within the window, a stretch that straddles an edge prorated by time. */
export function framesInWindow(stretches: readonly Recorded[], w: Window): number {
  let frames = 0;
  for (const r of stretches) {
    const length = r.endMs - r.startMs;
    if (length > 0) frames += (r.frames * overlapMs(r, w)) / length;
  }
  return frames;
}

/**
 * One Custos camera from its segments. Missing is the larger of the window's time no segment covers and
 * the frames short of the frame rate: a segment can span time whose frames the camera never delivered
 * (the simulator drops frames a slow reader cannot take), and that time is not recorded either.
 */
export function cameraFromSegments(cameraId: string, segments: readonly Recorded[], w: Window, fps: number, reconnects: number): CameraWindow {
  const seconds = (w.toMs - w.fromMs) / 1000;
  const frames = framesInWindow(segments, w);
  const uncovered = seconds - coveredMs(segments, w) / 1000;
  return { cameraId, framesRecorded: frames, secondsMissing: Math.max(0, uncovered, seconds - frames / fps), reconnects };
}

/**
 * The frames of a camera's window that a recorder known only by its frame counts recorded: those the
 * camera sent in the window, less every frame of the whole run it never recorded (the run's loss is all
 * put in the window, as its counts cannot say when it happened). Frames counted when written would
 * instead call a recorder that is behind at t1 short, although it writes them all a moment later.
 */
export function framesOfWindowRecorded(sentInWindow: number, sentWholeRun: number, recordedWholeRun: number): number {
  return Math.max(0, sentInWindow - Math.max(0, sentWholeRun - recordedWholeRun));
}

/** One camera known only by its count of frames recorded in the window (ffmpeg). */
export function cameraFromFrames(cameraId: string, frames: number, w: Window, fps: number, reconnects: number): CameraWindow {
  const seconds = (w.toMs - w.fromMs) / 1000;
  return { cameraId, framesRecorded: frames, secondsMissing: Math.max(0, seconds - frames / fps), reconnects };
}

export function accountSide(cameras: readonly CameraWindow[], w: Window, fps: number, fragmentSeconds: number): SideAccount {
  const seconds = (w.toMs - w.fromMs) / 1000;
  const framesRecorded = Math.round(cameras.reduce((sum, c) => sum + c.framesRecorded, 0));
  const reconnects = cameras.reduce((sum, c) => sum + c.reconnects, 0);
  const camerasShort = cameras.filter((c) => c.secondsMissing > fragmentSeconds).length;
  const worst = cameras.reduce<CameraWindow | undefined>((a, c) => (!a || c.secondsMissing > a.secondsMissing ? c : a), undefined);
  return {
    cameras: cameras.length,
    framesExpected: Math.round(cameras.length * fps * seconds),
    framesRecorded,
    secondsMissing: round(cameras.reduce((sum, c) => sum + c.secondsMissing, 0)),
    worstCamera: worst ? { cameraId: worst.cameraId, secondsMissing: round(worst.secondsMissing) } : null,
    reconnects,
    camerasShort,
    clean: cameras.length > 0 && camerasShort === 0 && reconnects === 0 && framesRecorded > 0,
  };
}

/**
 * Times a process's frame count stood still for at least `stallMs` between samples (oldest first): each
 * such stretch counts once, as a lost connection would. ffmpeg never reconnects by itself, so one that
 * stops advancing has lost its camera (or hangs).
 */
export function stalls(samples: readonly { atMs: number; frames: number }[], stallMs: number): number {
  let count = 0;
  let since: number | undefined;
  let counted = false;
  for (let i = 1; i < samples.length; i++) {
    const [prev, cur] = [samples[i - 1]!, samples[i]!];
    if (cur.frames > prev.frames) {
      since = undefined;
      counted = false;
      continue;
    }
    since ??= prev.atMs;
    if (!counted && cur.atMs - since >= stallMs) {
      count++;
      counted = true;
    }
  }
  return count;
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
