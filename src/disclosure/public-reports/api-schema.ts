/** The API shapes of the public-report path (the inputs live in model.ts). */
import { z } from 'zod';
import { CHANNELS, OUTCOMES, STATUSES, STEP_ACTIONS, VIOLATION_TYPES } from './model.ts';

export const reportStatusRecord = z.object({
  reference: z.string(),
  status: z.enum(STATUSES),
  receivedAt: z.string(),
  firstActionAt: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const intakeReceipt = reportStatusRecord.extend({ firstActionDueAt: z.string() });

const photoRecord = z.object({ id: z.string(), kind: z.enum(['REPORT', 'EVIDENCE']), mediaType: z.string(), bytes: z.number(), sha256: z.string(), uploadedAt: z.string() });
const stepRecord = z.object({
  id: z.string(),
  seq: z.number(),
  action: z.enum(STEP_ACTIONS),
  status: z.enum(STATUSES),
  actorName: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  cameraId: z.string().nullable(),
  photoId: z.string().nullable(),
});
const forwardingRecord = z.object({
  id: z.string(),
  reportId: z.string(),
  authority: z.string(),
  adminDivisionCode: z.string(),
  channel: z.enum(CHANNELS),
  note: z.string().nullable(),
  forwardedBy: z.string(),
  forwardedByName: z.string(),
  forwardedAt: z.string(),
});

export const publicReportRecord = z.object({
  id: z.string(),
  reference: z.string(),
  siteId: z.string(),
  unitId: z.string(),
  signId: z.string().nullable(),
  violationType: z.enum(VIOLATION_TYPES),
  article: z.string(),
  location: z.string(),
  cameraDescription: z.string().nullable(),
  seenAt: z.string().nullable(),
  description: z.string(),
  anonymous: z.boolean(),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), shareWithPolice: z.boolean() }).nullable(),
  handler: z.boolean(),
  language: z.enum(['zh', 'en']),
  status: z.enum(STATUSES),
  outcome: z.enum(OUTCOMES).nullable(),
  cameraId: z.string().nullable(),
  receivedAt: z.string(),
  firstActionDueAt: z.string(),
  firstActionAt: z.string().nullable(),
  overdue: z.boolean(),
  forwardedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  updatedAt: z.string(),
  photos: z.array(photoRecord),
  steps: z.array(stepRecord),
  forwarding: forwardingRecord.nullable(),
});

export const policyRecord = z.object({ firstActionHours: z.number() });
