/** Row shapes of the recording tables (migration 0006), with the conventions of tables.ts. */

/** Where a segment's bytes are (migration 0032): the local segments folder or the S3-compatible store. */
export type SegmentLocation = 'local' | 's3';

/** One closed segment and its link in the camera's hash chain. Instants are UTC ISO text with ms. */
export interface SegmentsTable {
  id: string;
  cameraId: string;
  seq: number;
  startAt: string;
  endAt: string;
  durationMs: number;
  bytes: number;
  codec: string;
  frames: number;
  /** Relative to the segments root, `/`-separated. */
  path: string;
  sha256: string;
  prevChainHash: string;
  chainHash: string;
  createdAt: string;
  /** 'local' by default; optional so that rows made before migration 0032 (and in tests) stay usable. */
  location?: SegmentLocation;
  /** When the tier mover put the segment in the object store. */
  movedAt?: string | null;
}

export interface RecordingGapsTable {
  id: string;
  cameraId: string;
  fromAt: string;
  toAt: string | null;
  reason: string;
  detail: string | null;
  createdAt: string;
}
