/**
 * Public release (art. 22): what a release and its redaction job are. A release names one camera's
 * recorded range, the legal basis, the channel it goes out on, who asked and who approved; it is
 * published only as a redacted file made from tracks a person reviewed and signed off (REG-22-1).
 */
import type { ClipInfo, Progress, Track } from '../../redaction/model.ts';

export const RELEASE_CHANNELS = ['WEBSITE', 'PRESS', 'SOCIAL_MEDIA', 'NOTICE_BOARD', 'OTHER'] as const;
export type ReleaseChannel = (typeof RELEASE_CHANNELS)[number];

/** What the release rests on in law (the text names the provision or document). */
export const RELEASE_BASIS_TYPES = ['LAW_OR_REGULATION', 'STATE_ORGAN_NOTICE', 'CONSENT', 'PUBLIC_INTEREST', 'OTHER'] as const;
export type ReleaseBasisType = (typeof RELEASE_BASIS_TYPES)[number];

/** DRAFT until approved; APPROVED locks the redaction; PUBLISHED once the file is made and registered. */
export const RELEASE_STATUSES = ['DRAFT', 'APPROVED', 'PUBLISHED', 'REJECTED'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** MASK: burned in as a mosaic; JUSTIFIED: left visible, with the reviewer's reason. */
export const RESOLUTIONS = ['MASK', 'JUSTIFIED'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** A track as the reviewer sees it: unresolved (null) until a person decides. */
export interface ReviewedTrack extends Track {
  resolution: Resolution | null;
  justification: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export interface ReleaseFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Release {
  id: string;
  cameraId: string;
  from: string;
  to: string;
  basis: { type: string; text: string };
  purpose: string;
  channel: string;
  url: string | null;
  status: ReleaseStatus;
  requestedBy: { userId: string; name: string };
  jobId: string | null;
  /** The legal hold keeping the source while the release is in progress (released on publication or rejection). */
  holdId: string | null;
  approver: { userId: string; name: string; at: string; note: string | null } | null;
  publishedAt: string | null;
  file: ReleaseFile | null;
  manifest: ReleaseManifest | null;
  registerEntryId: string | null;
  createdAt: string;
}

export interface RedactionJob {
  id: string;
  releaseId: string;
  status: JobStatus;
  progress: Progress;
  error: string | null;
  tracks: ReviewedTrack[];
  clip: ClipInfo | null;
  detectors: Record<string, unknown> | null;
  unresolved: number;
  signOff: { userId: string; name: string; at: string } | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The render of a publication: the redacted file made on the job runner, then stored with the register entry. */
export type RenderJob = Pick<RedactionJob, 'id' | 'releaseId' | 'status' | 'progress' | 'error' | 'createdBy' | 'createdAt' | 'startedAt' | 'finishedAt'>;

export interface RedactionEdit {
  seq: number;
  trackId: string | null;
  action: string;
  detail: Record<string, unknown>;
  by: { userId: string; name: string };
  at: string;
}

/** What the released file is, traced to its proven original (REG-22-2: the manifest references the original's hashes). */
// A type (not an interface) so that it reads as a plain JSON record on the API.
export type ReleaseManifest = {
  releaseId: string;
  file: ReleaseFile;
  source: { cameraId: string; from: string; to: string; segments: { id: string; seq: number; startAt: string; endAt: string; sha256: string; chainHash: string }[] };
  redaction: {
    jobId: string;
    parameters: Record<string, unknown>;
    detectors: Record<string, unknown> | null;
    masked: { trackId: string; kind: string; source: string; keyframes: number }[];
    justified: { trackId: string; kind: string; justification: string }[];
    signedOffBy: { userId: string; name: string; at: string };
  };
  basis: { type: string; text: string };
  channel: string;
  url: string | null;
  approver: { userId: string; name: string; at: string };
  publishedAt: string;
};
