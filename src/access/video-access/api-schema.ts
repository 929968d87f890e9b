/** Video access on the API: requests and answers (OpenAPI is generated from these). */
import { z } from 'zod';
import { id, instant } from '../../registry/model.ts';
import { basisInput, reasonInput } from '../register/model.ts';
import { registerEntryWritten } from '../register/api-schema.ts';
import { EXPORT_REQUEST_STATUSES } from './export-request-repository.ts';

export const playbackInput = z.strictObject({
  cameraId: id,
  from: instant,
  to: instant,
  reason: reasonInput.optional(),
  basis: basisInput.optional().describe('an incident, request or hold: lifts the role’s playback depth limit (REG-16-4) and is recorded'),
});

export const liveInput = z.strictObject({
  cameraId: id,
  reason: reasonInput.optional().describe('needed unless the caller is on a duty shift whose camera set holds the camera (REG-16-8)'),
});

const segmentLink = z.object({ id: z.string(), cameraId: z.string(), startAt: z.string(), endAt: z.string(), sha256: z.string(), url: z.string() });

const mediaGrant = {
  registerEntryId: z.string(),
  token: z.string().describe('short-lived media token (HMAC-SHA256) of one kind (playback, live or export); send it in the x-media-token header of media requests, or as ?token= where a player cannot send headers'),
  expiresAt: z.string(),
};

export const playbackAnswer = z.object({ ...mediaGrant, segments: z.array(segmentLink) });
export const liveAnswer = z.object({ ...mediaGrant, entry: registerEntryWritten });
export const exportAnswer = z.object({ ...mediaGrant, exportRequestId: z.string(), segments: z.array(segmentLink) });

export const exportRequestInput = z.strictObject({
  cameraIds: z.array(id).min(1).max(64),
  from: instant,
  to: instant,
  reason: reasonInput.optional(),
  basis: basisInput.optional(),
});

export const exportRequestRecord = z.object({
  id: z.string(),
  requestedBy: z.string(),
  cameraIds: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  reason: z.object({ category: z.string(), text: z.string() }),
  basis: z.object({ type: z.string(), ref: z.string() }).nullable(),
  status: z.enum(EXPORT_REQUEST_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});

export const decisionInput = z.strictObject({ note: z.string().max(1000).optional() });
export const exportInput = z.strictObject({ exportRequestId: id });
export const exportRequestQuery = z.strictObject({ status: z.enum(EXPORT_REQUEST_STATUSES).optional() });
