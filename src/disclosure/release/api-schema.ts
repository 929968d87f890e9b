/** Public release on the API: requests and answers (OpenAPI is generated from these). */
import { z } from 'zod';
import { id, instant } from '../../registry/model.ts';
import { TRACK_KINDS } from '../../redaction/model.ts';
import { JOB_STATUSES, RELEASE_BASIS_TYPES, RELEASE_CHANNELS, RELEASE_STATUSES, RESOLUTIONS } from './model.ts';

export const releaseInput = z.strictObject({
  cameraId: id,
  from: instant,
  to: instant,
  basis: z.strictObject({ type: z.enum(RELEASE_BASIS_TYPES), text: z.string().trim().min(4).max(2000).describe('the provision, notice or consent the release rests on') }),
  purpose: z.string().max(2000).describe('事由: why this footage is made public (at least 10 characters); recorded as the register entry’s reason'),
  channel: z.enum(RELEASE_CHANNELS),
  url: z.url().max(2000).nullable().optional().describe('where it is published, when known'),
});

export const releaseQuery = z.strictObject({ status: z.enum(RELEASE_STATUSES).optional(), cameraId: id.optional() });

const keyframe = z.strictObject({
  t: z.number().min(0).max(86_400).describe('seconds from the clip’s start'),
  x: z.number().min(-100_000).max(100_000),
  y: z.number().min(-100_000).max(100_000),
  w: z.number().min(0).max(100_000),
  h: z.number().min(0).max(100_000),
});

const progress = z.object({ phase: z.string(), done: z.number(), total: z.number() });
const person = z.object({ userId: z.string(), name: z.string() });

const reviewedTrack = z.object({
  id: z.string(),
  kind: z.enum(TRACK_KINDS),
  source: z.enum(['AUTO', 'MANUAL']),
  keyframes: z.array(z.object({ t: z.number(), x: z.number(), y: z.number(), w: z.number(), h: z.number() })),
  resolution: z.enum(RESOLUTIONS).nullable(),
  justification: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

const releaseFile = z.object({ name: z.string(), sha256: z.string(), bytes: z.number() });

export const releaseRecord = z.object({
  id: z.string(),
  cameraId: z.string(),
  from: z.string(),
  to: z.string(),
  basis: z.object({ type: z.string(), text: z.string() }),
  purpose: z.string(),
  channel: z.string(),
  url: z.string().nullable(),
  status: z.enum(RELEASE_STATUSES),
  requestedBy: person,
  jobId: z.string().nullable(),
  holdId: z.string().nullable().describe('the legal hold that keeps the source while the release is in progress'),
  approver: z.object({ userId: z.string(), name: z.string(), at: z.string(), note: z.string().nullable() }).nullable(),
  publishedAt: z.string().nullable(),
  file: releaseFile.nullable(),
  manifest: z.record(z.string(), z.unknown()).nullable().describe('the released file, the original segments’ SHA-256 and chain hashes, the redaction parameters'),
  registerEntryId: z.string().nullable(),
  createdAt: z.string(),
});

export const releaseDetail = releaseRecord.extend({ rendering: progress.nullable().describe('while the redacted file is being made') });

export const jobRecord = z.object({
  id: z.string(),
  releaseId: z.string(),
  status: z.enum(JOB_STATUSES),
  progress,
  error: z.string().nullable(),
  tracks: z.array(reviewedTrack),
  clip: z.object({ width: z.number(), height: z.number(), fps: z.number(), frames: z.number(), durationS: z.number() }).nullable(),
  detectors: z.record(z.string(), z.unknown()).nullable(),
  unresolved: z.number().describe('AUTO tracks neither masked nor justified'),
  signOff: z.object({ userId: z.string(), name: z.string(), at: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const renderJobRecord = z.object({
  id: z.string(),
  releaseId: z.string(),
  status: z.enum(JOB_STATUSES),
  progress,
  error: z.string().nullable().describe('why it failed; INTERRUPTED… when the server stopped while it ran (publish again to restart)'),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const editRecord = z.object({ seq: z.number(), trackId: z.string().nullable(), action: z.string(), detail: z.record(z.string(), z.unknown()), by: person, at: z.string() });

export const detectInput = z.strictObject({ everyNth: z.number().int().min(1).max(25).optional() });
export const addTrackInput = z.strictObject({ kind: z.enum(TRACK_KINDS).default('OTHER'), keyframe });
export const keyframeInput = keyframe;
export const atInput = z.strictObject({ t: z.number().min(0).max(86_400) });
export const resolveInput = z.strictObject({ resolution: z.enum(RESOLUTIONS), justification: z.string().max(2000).optional() });
export const noteInput = z.strictObject({ note: z.string().max(1000).optional() });
export const trackParams = z.strictObject({ id, trackId: id });
