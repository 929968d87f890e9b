/** What the retention routes answer (OpenAPI, and the web UI's generated types, come from these). */
import { z } from 'zod';
import { CAMERA_PRIORITIES, HOLD_BASIS_TYPES, RETENTION_BASIS_TYPES } from './model.ts';

const text = z.object({ zh: z.string(), en: z.string() });
const range = z.object({ cameraId: z.string(), from: z.string().nullable(), to: z.string().nullable() });

export const retentionSettingsView = z.object({
  cameraId: z.string(),
  retentionDays: z.number(),
  floorDays: z.number().nullable().describe('the legal floor (art. 17: 30 days); null where no floor applies'),
  priority: z.enum(CAMERA_PRIORITIES),
  basisType: z.enum(RETENTION_BASIS_TYPES).nullable(),
  citation: z.string().nullable(),
  statutoryException: z.boolean(),
  legalReviewRequired: z.boolean(),
});

export const retentionStatusView = z.object({
  cameraId: z.string(),
  settings: retentionSettingsView,
  segments: z.number(),
  bytes: z.number(),
  oldest: z
    .object({ segmentId: z.string(), seq: z.number(), startAt: z.string(), endAt: z.string(), eligibleAt: z.string(), state: z.enum(['NOT_ELIGIBLE', 'HELD', 'PURPOSE_ONGOING', 'ELIGIBLE']) })
    .nullable(),
  heldRanges: z.array(range.extend({ holdId: z.string() })),
  openPurposes: z.array(range.extend({ ref: z.string() })),
  suspended: z.boolean(),
});

export const retentionFindingView = z.object({
  ruleId: z.string(),
  code: z.enum(['HOLD_REVIEW_OVERDUE', 'RETENTION_AT_RISK', 'STORAGE_INSUFFICIENT', 'STORAGE_HEADROOM_LOW', 'RECORDING_SUSPENDED_CAPACITY', 'RETENTION_LEGAL_REVIEW_REQUIRED']),
  article: z.string(),
  severity: z.enum(['CRITICAL', 'NONCOMPLIANT', 'ADVISORY', 'INFO']),
  message: text,
  subject: z.object({ type: z.enum(['hold', 'camera', 'storage']), id: z.string() }),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const capacityReportView = z.object({
  at: z.string(),
  forecast: z.object({
    freeBytes: z.number(),
    totalBytes: z.number(),
    storedBytes: z.number(),
    usableBytes: z.number(),
    dailyIngestBytes: z.number(),
    neededBytes: z.number(),
    achievableDays: z.number().nullable(),
    retentionDays: z.number(),
    daysUntilAtRisk: z.number().nullable(),
    exhausted: z.boolean(),
    reserveBytes: z.number(),
  }),
  cameras: z.array(z.object({ cameraId: z.string(), bytesPerDay: z.number(), storedBytes: z.number(), keepDays: z.number(), priority: z.enum(CAMERA_PRIORITIES), suspended: z.boolean() })),
  findings: z.array(retentionFindingView),
  suspended: z.array(z.object({ cameraId: z.string(), reason: z.string(), since: z.string(), detail: z.string().nullable() })),
});

export const holdView = z.object({
  id: z.string(),
  basisType: z.enum(HOLD_BASIS_TYPES),
  citation: z.string(),
  requestId: z.string().nullable(),
  owner: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  reviewAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  ranges: z.array(range),
  reviewOverdue: z.boolean(),
});

export const purposeView = z.object({
  id: z.string(),
  cameraId: z.string(),
  fromAt: z.string(),
  toAt: z.string(),
  basisType: z.string(),
  ref: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  state: z.enum(['PURPOSE_ONGOING', 'ACHIEVED']),
});

export const orderView = z.object({
  id: z.string(),
  authority: z.string(),
  documentNo: z.string(),
  orderDate: z.string(),
  documentSha256: z.string().nullable(),
  article: z.string(),
  deactivateCameras: z.boolean(),
  status: z.enum(['RECORDED', 'EXECUTED']),
  approvals: z.array(z.object({ by: z.string(), at: z.string() })),
  createdAt: z.string(),
  createdBy: z.string(),
  executedAt: z.string().nullable(),
  certificate: z
    .object({
      documentNo: z.string(),
      executedAt: z.string(),
      segments: z.number(),
      bytes: z.number(),
      cameras: z.array(z.object({ cameraId: z.string(), segments: z.number(), lastSeq: z.number(), chainHead: z.string() })),
    })
    .nullable(),
  ranges: z.array(range),
});

export const deletionView = z.object({
  seq: z.number(),
  id: z.string(),
  segmentId: z.string(),
  cameraId: z.string(),
  segmentSeq: z.number(),
  startAt: z.string(),
  endAt: z.string(),
  sha256: z.string(),
  prevChainHash: z.string(),
  chainHash: z.string(),
  bytes: z.number(),
  policy: z.string(),
  orderRef: z.string().nullable(),
  deletedAt: z.string(),
});
