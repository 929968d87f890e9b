/**
 * Art. 21 viewing requests (查阅, never 调取): who may ask (the person filmed, a close relative of the
 * Civil Code art. 1045 list, a guardian, carer or custodian), for what (life and health, or property),
 * and what a request, its scope and its sessions look like.
 */
import { z } from 'zod';
import { instant } from '../../registry/model.ts';

export const RELATIONSHIPS = ['SELF', 'CLOSE_RELATIVE', 'GUARDIAN', 'CARER', 'CUSTODIAN'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
/** 近亲属 per Civil Code art. 1045 (AMB-11), not the narrower Criminal Procedure Law list. */
export const CLOSE_RELATIVE_SUBTYPES = ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'] as const;
export const PURPOSES = ['LIFE_HEALTH', 'PROPERTY_SAFETY'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const ID_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_ID', 'OTHER'] as const;
export const STATUSES = ['PENDING_CONSENT', 'APPROVED', 'REJECTED', 'CLOSED'] as const;
export type Art21Status = (typeof STATUSES)[number];
export const RECEIVED_VIA = ['STAFF', 'PUBLIC_SIGN'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];
/** The receivedBy of a request filed from the public page: no staff member took it in. */
export const PUBLIC_RECEIVER = 'PUBLIC_SIGN';
export const DOCUMENT_KINDS = ['IDENTITY', 'RELATIONSHIP', 'GUARDIANSHIP', 'CARE_CONTRACT', 'CUSTODY_NOTE', 'OTHER'] as const;

/** At most this many bytes in one proof document (sent base64 in the intake). */
export const DOCUMENT_MAX_BYTES = 512 * 1024;

const text = (max: number) => z.string().trim().min(1).max(max);

export const documentInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  fileName: text(200),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/).max(100),
  contentBase64: z.string().min(1).max(Math.ceil((DOCUMENT_MAX_BYTES * 4) / 3) + 4),
});
export type DocumentInput = z.infer<typeof documentInput>;
/** A proof document added to an existing request (e.g. the ID shown at the counter after a public-page request). */
export const addDocumentInput = z.strictObject({ document: documentInput });

/**
 * The intake. Relationship and purpose are deliberately plain strings: the service answers an
 * ineligible one with its own code and article 21 (E_RELATIONSHIP_NOT_ELIGIBLE, E_PURPOSE_NOT_ELIGIBLE).
 */
export const intakeInput = z.strictObject({
  unitId: z.string().min(1).max(64),
  requester: z.strictObject({
    name: text(100),
    idType: z.enum(ID_TYPES),
    idNumber: text(64),
    employer: z.string().trim().max(200).optional(),
    contact: z.string().trim().max(200).optional(),
  }),
  relationship: z.string().trim().min(1).max(64),
  relationshipSubtype: z.string().trim().max(64).optional(),
  purpose: z.string().trim().min(1).max(64),
  purposeDescription: text(2000),
  relatedPerson: text(100),
  incidentAt: instant,
  incidentPlace: text(500),
  documents: z.array(documentInput).max(10).default([]),
});
export type IntakeInput = z.infer<typeof intakeInput>;

export const scopeItem = z.strictObject({ cameraId: z.string().min(1).max(64), from: instant, to: instant });
export type ScopeItem = { cameraId: string; from: string; to: string };

export const decisionInput = z.strictObject({
  decision: z.enum(['APPROVED', 'REJECTED']),
  reason: z.string().trim().max(2000).optional(),
  scope: z.array(scopeItem).max(50).optional(),
  justification: z.string().trim().max(2000).optional(),
});
export type DecisionInput = z.infer<typeof decisionInput>;

export const acknowledgeInput = z.strictObject({ signedName: text(100), textSha256: z.string().regex(/^[0-9a-f]{64}$/) });
export const sessionInput = z.strictObject({ ranges: z.array(scopeItem).min(1).max(50).optional() });

export interface Art21Document {
  id: string;
  kind: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface Art21Request {
  id: string;
  unitId: string;
  status: Art21Status;
  requester: { name: string; idType: string; idNumber: string; employer: string | null; contact: string | null };
  relationship: Relationship;
  relationshipSubtype: string | null;
  purpose: Purpose;
  purposeDescription: string;
  relatedPerson: string;
  incidentAt: string;
  incidentPlace: string;
  receivedBy: string;
  /** STAFF (at the counter) or PUBLIC_SIGN (from a sign's public page, arts. 13, 21). */
  receivedVia: ReceivedVia;
  /** The reference number the person keeps (public page only). */
  publicReference: string | null;
  /** The site whose sign the person stood under (public page only). */
  siteId: string | null;
  receivedAt: string;
  dueAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  scope: ScopeItem[];
  scopeJustification: string | null;
  notification: { zh: string; en: string } | null;
  documents: Art21Document[];
  /** The latest non-dissemination acknowledgement, once signed (REG-21-5). */
  acknowledgement: Acknowledgement | null;
}

export interface Acknowledgement {
  id: string;
  requestId: string;
  signedName: string;
  textSha256: string;
  acknowledgedAt: string;
  witnessedBy: string;
}

export interface ViewingSession {
  id: string;
  requestId: string;
  acknowledgementId: string;
  supervisorId: string;
  registerEntryId: string;
  ranges: ScopeItem[];
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
}
