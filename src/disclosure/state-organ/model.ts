/**
 * A state organ's request to review or retrieve footage (art. 20, REG-20-1): the organ, its officers,
 * the statutory purpose and case, the legal-basis document, and the scope (cameras × time ranges).
 * The system records the documents; it does not judge the organ's authority (AMB-13).
 */
import { z } from 'zod';
import { id, instant } from '../../registry/model.ts';

export const ORGAN_TYPES = ['PUBLIC_SECURITY', 'STATE_SECURITY', 'PROCURATORATE', 'COURT', 'EMERGENCY_MANAGEMENT', 'OTHER_ADMIN'] as const;
export const STATUTORY_PURPOSES = ['LAW_ENFORCEMENT_CASE', 'EMERGENCY_RESPONSE', 'OTHER_STATUTORY'] as const;
export const REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'CLOSED'] as const;
export const DOCUMENT_KINDS = ['LEGAL_BASIS', 'AMENDMENT', 'RECEIPT'] as const;
export const MARKINGS = ['机密', '秘密', '绝密', '内部'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Access under a verbally approved emergency request lasts this long without documents (REG-20-4). */
export const EMERGENCY_WINDOW_HOURS = 24;
/** The documents of an emergency request must follow within this many hours of its approval. */
export const EMERGENCY_DOCS_HOURS = 24;
/** A request's hold is kept this many days after the request is closed (REG-20-5). */
export const POST_CLOSE_DAYS = 30;
/** The largest document scan accepted (bytes, before base64). */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export const officerInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  credentialNumber: z.string().trim().min(1).max(100).describe('警官证号 or other credential number'),
});
export type Officer = z.infer<typeof officerInput>;

export const scopeRangeInput = z.strictObject({ cameraId: id, from: instant, to: instant });
export type ScopeRange = { cameraId: string; from: string; to: string };

/** The uploaded scan, base64 in JSON (at most 10 MB). */
export const fileInput = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.string().trim().min(1).max(100).default('application/pdf'),
  contentBase64: z.string().min(1).max(Math.ceil((MAX_SCAN_BYTES * 4) / 3) + 4),
});

export const documentInput = z.strictObject({
  type: z.string().trim().min(1).max(100).describe('e.g. 调取证据通知书'),
  number: z.string().trim().min(1).max(100),
  date: z.iso.date(),
  file: fileInput,
});
export type DocumentInput = z.infer<typeof documentInput>;

export const requestInput = z.strictObject({
  organName: z.string().trim().min(1).max(200),
  organType: z.enum(ORGAN_TYPES),
  officers: z.array(officerInput).min(1).max(20),
  purpose: z.enum(STATUTORY_PURPOSES),
  caseNumber: z.string().trim().min(1).max(100),
  emergency: z.boolean().default(false).describe('处置突发事件: may be approved verbally, the documents following within 24 h (REG-20-4)'),
  document: documentInput.optional().describe('the legal-basis document; required unless emergency (E_LEGAL_BASIS_DOC_REQUIRED)'),
  scope: z.array(scopeRangeInput).min(1).max(200),
  designatedApprover: id.optional().describe('user id of the unit’s approver; when named, only they may approve'),
});
export type RequestInput = z.input<typeof requestInput>;

export const approveInput = z.strictObject({
  note: z.string().max(1000).optional(),
  verbal: z.boolean().optional().describe('a verbal approval of an EMERGENCY request, documents to follow (REG-20-4)'),
});
export const amendmentInput = z.strictObject({ document: documentInput.optional(), scope: z.array(scopeRangeInput).min(1).max(200) });
export const closeInput = z.strictObject({ note: z.string().max(1000).optional(), postCloseDays: z.number().int().min(0).max(3650).optional() });

export const handoverInput = z.strictObject({
  recipients: z.array(officerInput).min(1).max(20).optional().describe('the receiving officers; the request’s officers when absent'),
  marking: z.enum(MARKINGS).default('机密'),
  handlingNote: z.string().trim().max(1000).default('按涉密载体管理,专人专送,不得复制、转借'),
});
export const signatureInput = z.strictObject({
  signedBy: z.string().trim().min(1).max(100).optional().describe('"signed by <name> at <time>" when no scan is uploaded'),
  signedAt: instant.optional(),
  receipt: fileInput.optional().describe('the scan of the receipt the officer signed'),
});

export interface StoredDocument {
  id: string;
  requestId: string;
  kind: DocumentKind;
  type: string;
  number: string;
  date: string;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  scopeAdded: ScopeRange[] | null;
  uploadedBy: string;
  uploadedAt: string;
}

export interface StateOrganRequest {
  id: string;
  organName: string;
  organType: string;
  officers: Officer[];
  purpose: string;
  caseNumber: string;
  emergency: boolean;
  scope: ScopeRange[];
  status: RequestStatus;
  designatedApprover: string | null;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  verbal: boolean;
  docsDueAt: string | null;
  accessUntil: string | null;
  holdIds: string[];
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  postCloseDays: number;
  documents: StoredDocument[];
  /** Computed at the reader's clock: an emergency request past its documents deadline without a legal-basis document. */
  emergencyDocsOverdue: boolean;
}

export interface Handover {
  id: string;
  requestId: string;
  exportId: string;
  fileName: string;
  bundleSha256: string;
  bundleBytes: number;
  segments: number;
  registerEntryId: string;
  handedOverBy: string;
  handedOverByName: string;
  handedOverAt: string;
  recipients: Officer[];
  organName: string;
  marking: string;
  handlingNote: string;
  signedBy: string | null;
  signedAt: string | null;
  receiptDocumentId: string | null;
}
