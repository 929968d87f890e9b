/** Row shapes of the recording tables (migration 0006), with the conventions of tables.ts. */

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
