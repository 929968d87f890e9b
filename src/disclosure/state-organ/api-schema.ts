/** State-organ requests on the API: answers (OpenAPI is generated from these). */
import { z } from 'zod';
import { DOCUMENT_KINDS, REQUEST_STATUSES } from './model.ts';

const officer = z.object({ name: z.string(), credentialNumber: z.string() });
const scopeRange = z.object({ cameraId: z.string(), from: z.string(), to: z.string() });

export const storedDocument = z.object({
  id: z.string(),
  requestId: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  type: z.string(),
  number: z.string(),
  date: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sha256: z.string(),
  sizeBytes: z.number(),
  scopeAdded: z.array(scopeRange).nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const stateOrganRequestRecord = z.object({
  id: z.string(),
  organName: z.string(),
  organType: z.string(),
  officers: z.array(officer),
  purpose: z.string(),
  caseNumber: z.string(),
  emergency: z.boolean(),
  scope: z.array(scopeRange),
  status: z.enum(REQUEST_STATUSES),
  designatedApprover: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  verbal: z.boolean(),
  docsDueAt: z.string().nullable(),
  accessUntil: z.string().nullable(),
  holdIds: z.array(z.string()),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
  postCloseDays: z.number(),
  documents: z.array(storedDocument),
  emergencyDocsOverdue: z.boolean().describe('REG-20-4: an emergency request past its documents deadline (EMERGENCY_DOCS_OVERDUE); access under it is refused'),
});

export const handoverRecord = z.object({
  id: z.string(),
  requestId: z.string(),
  exportId: z.string(),
  fileName: z.string(),
  bundleSha256: z.string(),
  bundleBytes: z.number(),
  segments: z.number(),
  registerEntryId: z.string(),
  handedOverBy: z.string(),
  handedOverByName: z.string(),
  handedOverAt: z.string(),
  recipients: z.array(officer),
  organName: z.string(),
  marking: z.string(),
  handlingNote: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  receiptDocumentId: z.string().nullable(),
});

export const stateOrganFinding = z.object({ code: z.string(), article: z.string(), requestId: z.string(), docsDueAt: z.string(), organName: z.string(), caseNumber: z.string() });
export const requestListQuery = z.strictObject({ status: z.enum(REQUEST_STATUSES).optional() });
export const handoverParams = z.strictObject({ id: z.string().min(1).max(64), hid: z.string().min(1).max(64) });
export const documentParams = z.strictObject({ id: z.string().min(1).max(64), docId: z.string().min(1).max(64) });
