/** The recording index as the rest of the system sees it. */
import type { SegmentLocation, SegmentsTable } from '../db/recording-tables.ts';

export type SegmentRow = SegmentsTable;

export const GAP_REASONS = ['CONNECTION_LOST', 'CRASH_RECOVERY', 'DISK_FULL', 'STREAM_ERROR', 'SERVER_STOPPED', 'RECORDER_LOST', 'FRAMES_LOST', 'RECORDING_SUSPENDED', 'CAMERA_DEACTIVATED'] as const;
export type GapReason = (typeof GAP_REASONS)[number];

export interface RecordingGap {
  id: string;
  cameraId: string;
  fromAt: string;
  /** Null while the gap is open. */
  toAt: string | null;
  reason: GapReason;
  detail: string | null;
  createdAt: string;
}

/** A finished segment file, before it has its place in the chain. */
export interface FinishedSegment {
  cameraId: string;
  seq: number;
  startMs: number;
  endMs: number;
  bytes: number;
  codec: string;
  frames: number;
  path: string;
  sha256: string;
  /** Where the store put it; 'local' when absent. */
  location?: SegmentLocation;
}

export interface TimeRange {
  cameraId: string;
  /** ISO instants; either may be left out. */
  from?: string;
  to?: string;
}

export const isoMs = (ms: number): string => new Date(ms).toISOString();
