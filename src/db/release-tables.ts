/** Row shapes of the public-release tables (migration 0018), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

type Json = string;

/** One public release (art. 22): its source range, basis, channel, approval and, once published, the file. */
export interface PublicReleasesTable {
  id: string;
  cameraId: string;
  fromAt: string;
  toAt: string;
  basisType: string;
  basisText: string;
  purpose: string;
  channel: string;
  url: string | null;
  status: string;
  requestedBy: string;
  requestedByName: string;
  jobId: string | null;
  /** The legal hold that keeps the source while the release is in progress. */
  holdId: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  approvalNote: string | null;
  publishedAt: string | null;
  fileName: string | null;
  fileSha256: string | null;
  fileBytes: number | null;
  /** The manifest: released file, original segments' hashes, redaction parameters. */
  manifest: Json | null;
  registerEntryId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A redaction job of a release: detection in the background, then the tracks a person reviews. */
export interface RedactionJobsTable {
  id: string;
  releaseId: string;
  kind: 'DETECT' | 'RENDER';
  /** The job's number among the release's jobs of its kind (the latest is the highest, whatever the clock). */
  attempt: number;
  status: string;
  phase: string | null;
  done: number;
  total: number;
  error: string | null;
  /** ReviewedTrack[] */
  tracks: Json;
  /** ClipInfo and the detectors' settings. */
  clip: Json | null;
  detectors: Json | null;
  signedOffBy: string | null;
  signedOffByName: string | null;
  signedOffAt: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Every change a person made to a job's tracks: who, when, what. */
export interface RedactionEditsTable {
  id: string;
  jobId: string;
  seq: number;
  trackId: string | null;
  action: string;
  detail: Json;
  byUserId: string;
  byName: string;
  at: string;
}

export interface ReleaseTables {
  publicReleases: PublicReleasesTable;
  redactionJobs: RedactionJobsTable;
  redactionEdits: RedactionEditsTable;
}

/** The same connection (or transaction), typed with the release tables (src/db/tables.ts stays the registry's). */
export type ReleaseDb = Kysely<Database & ReleaseTables>;
export const releaseDb = (db: Db | ReleaseDb): ReleaseDb => db as unknown as ReleaseDb;
