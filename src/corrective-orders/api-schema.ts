/** The API shapes of corrective orders (the inputs live in model.ts). */
import { z } from 'zod';
import { findingLink, ORDER_ARTICLES, taskLink } from './model.ts';

const status = z.enum(['OPEN', 'CLOSED']);
const alertKind = z.enum(['DUE_IN_7_DAYS', 'DUE_IN_1_DAY', 'OVERDUE']);

export const orderDocumentRecord = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  kind: z.enum(['ORDER_SCAN', 'EVIDENCE']),
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const orderItemRecord = z.object({
  id: z.string(),
  position: z.number().int(),
  text: z.string(),
  dueDate: z.string().nullable(),
  assignee: z.string().nullable(),
  findings: z.array(findingLink),
  tasks: z.array(taskLink),
  status,
  evidenceNote: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  evidence: z.array(orderDocumentRecord),
  overdue: z.boolean(),
});

export const orderRecord = z.object({
  id: z.string(),
  unitId: z.string(),
  reference: z.string(),
  issuingOrgan: z.string(),
  issuedOn: z.string(),
  articles: z.array(z.enum(ORDER_ARTICLES)),
  limitDays: z.number().int().nullable(),
  dueDate: z.string(),
  siteIds: z.array(z.string()),
  summary: z.string().nullable(),
  status,
  recordedBy: z.string(),
  recordedAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedLate: z.boolean(),
  items: z.array(orderItemRecord),
  scan: orderDocumentRecord.nullable(),
  deadline: z.object({
    dueDate: z.string(),
    deadline: z.string(),
    daysLeft: z.number().int(),
    overdue: z.boolean(),
    dueOnRestDay: z.boolean(),
    alerts: z.array(z.object({ kind: alertKind, firesOn: z.string(), fired: z.boolean() })),
  }),
});

export const orderAlertRecord = z.object({
  orderId: z.string(),
  reference: z.string(),
  issuingOrgan: z.string(),
  siteIds: z.array(z.string()),
  dueDate: z.string(),
  daysLeft: z.number().int(),
  kind: alertKind,
  firesOn: z.string(),
});

export const orderHistoryRecord = z.object({ seq: z.number().int(), action: z.string(), actor: z.string(), at: z.string(), reason: z.string().nullable(), before: z.unknown(), after: z.unknown() });

export const ordersQuery = z.strictObject({ status: status.optional() });
export const atQuery = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() });
