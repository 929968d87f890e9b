/**
 * Redaction (art. 22, REG-22-1, REG-22-2): what the detectors find and what the editor corrects is a
 * set of tracks; each track is one face, plate or text region over time. The released file has every
 * track's box burned in as an irreversible mosaic.
 */
export const TRACK_KINDS = ['FACE', 'PLATE', 'TEXT', 'OTHER'] as const;
export type TrackKind = (typeof TRACK_KINDS)[number];

/** One box at one instant, in pixels of the source frame; `t` in seconds from the clip's start. */
export interface TrackKeyframe {
  t: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * A box through time: linearly interpolated between its keyframes and shown from the first keyframe
 * to the last (inclusive). AUTO tracks come from the detectors, MANUAL ones from a person.
 */
export interface Track {
  id: string;
  kind: TrackKind;
  source: 'AUTO' | 'MANUAL';
  keyframes: TrackKeyframe[];
}

export interface ClipInfo {
  width: number;
  height: number;
  fps: number;
  frames: number;
  durationS: number;
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
}

export interface DetectOptions {
  /** Run the detectors on every Nth frame; tracks bridge the frames between. */
  everyNth?: number;
  /** Worker processes (threads) to spread detection over; default: the cores. */
  workers?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface RenderOptions {
  /** Each box grows by this share of its size on every side before it is obscured. */
  marginRatio?: number;
  /** Mosaic cell size in pixels (at least 16). */
  blockPx?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface DetectResult extends ClipInfo {
  tracks: Track[];
  /** Which detectors ran, with their versions and settings, for the manifest. */
  detectors: Record<string, unknown>;
}

export interface RenderResult {
  file: string;
  sha256: string;
  bytes: number;
  frames: number;
  /** The settings the released file was made with, for the manifest. */
  parameters: Record<string, unknown>;
}

/** What the disclosure workflow needs from the redaction pipeline. `inputs`: segment files in time order. */
export interface RedactionEngine {
  detect(inputs: string[], options?: DetectOptions): Promise<DetectResult>;
  render(inputs: string[], tracks: Track[], out: string, options?: RenderOptions): Promise<RenderResult>;
}
