/**
 * The access register (信息调用登记, art. 16.2(3), REG-16-5): what one entry holds. 事由 is the reason,
 * 内容 the content (cameras, time ranges, operation, file hashes), and the actor's 单位 and 姓名 come
 * from the signed-in principal, never from the request.
 */
import { z } from 'zod';

/** The controlled list a person may choose from (REG-16-1). */
export const REASON_CATEGORIES = [
  'PUBLIC_SECURITY_MONITORING',
  'INCIDENT_INVESTIGATION',
  'STATE_ORGAN_REQUEST',
  'ART21_VIEWING',
  'PUBLIC_RELEASE',
  'SYSTEM_MAINTENANCE',
  'INSPECTION',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

/** Filled in by the system only, for on-duty live monitoring within the shift's camera set (REG-16-8). */
export const DUTY_MONITORING = 'DUTY_MONITORING';
/** What a denial records when the refused request carried no usable reason. */
export const NO_REASON = 'NONE';

export const REASON_MIN_LENGTH = 10;

export const ENTRY_KINDS = ['ACCESS', 'CLOSE', 'DENIAL'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const OPERATIONS = ['PLAYBACK', 'SNAPSHOT', 'EXPORT', 'LIVE_ADHOC', 'LIVE_DUTY', 'PTZ', 'API_RETRIEVAL'] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * What an access may rest on. The disclosure paths name their own records: a state organ's request
 * (art. 20), a person's request to view (art. 21, view-only) and a public release (art. 22).
 */
export const BASIS_TYPES = ['INCIDENT', 'REQUEST', 'HOLD', 'STATE_ORGAN_REQUEST', 'ART21_REQUEST', 'PUBLIC_RELEASE'] as const;
export const basisInput = z.strictObject({ type: z.enum(BASIS_TYPES), ref: z.string().trim().min(1).max(100) });
export type Basis = z.infer<typeof basisInput>;
/** A basis as stored (its type already checked on the way in). */
export interface BasisRecord {
  type: string;
  ref: string;
}

/**
 * The reason as a request carries it. Deliberately loose (any strings): the service checks it and
 * answers E_REASON_REQUIRED with the article, rather than a generic validation error.
 */
export const reasonInput = z
  .object({ category: z.string().max(64).optional(), text: z.string().max(2000).optional() })
  .describe(`事由 (reason): category from ${REASON_CATEGORIES.join(', ')}; text of at least ${REASON_MIN_LENGTH} characters`);
export type ReasonInput = z.infer<typeof reasonInput>;

export interface Reason {
  category: string;
  text: string;
}

export interface TimeRangeContent {
  cameraId: string;
  from: string;
  /** Null for live viewing, whose end is the CLOSE entry. */
  to: string | null;
}

export interface SegmentFileHash {
  segmentId: string;
  cameraId: string;
  sha256: string;
}

/** A file handed out as a whole, e.g. an export bundle (its name inside the export, size and SHA-256). */
export interface ExportFileHash {
  file: string;
  bytes: number;
  sha256: string;
}

export type FileHash = SegmentFileHash | ExportFileHash;

export const fileHashLabel = (h: FileHash): string => ('file' in h ? h.file : h.segmentId);

/** 内容: what was accessed. */
export interface EntryContent {
  cameraIds: string[];
  ranges: TimeRangeContent[];
  operation: Operation;
  fileHashes?: FileHash[];
  /** For a DENIAL: the refusal. */
  denied?: { code: string; article?: string };
}

export interface RegisterEntry {
  seq: number;
  id: string;
  kind: EntryKind;
  operation: Operation;
  at: string;
  reason: Reason;
  content: EntryContent;
  cameraIds: string[];
  actor: { userId: string; name: string; unitId: string | null; unit: string; idDocument: string | null };
  approver: { userId: string; name: string } | null;
  basis: { type: string; ref: string } | null;
  shiftId: string | null;
  clientAddress: string;
  startedAt: string;
  endedAt: string | null;
  refersTo: string | null;
  prevHash: string;
  entryHash: string;
}

/** An entry as search shows it: with the end time of its CLOSE entry, when one was appended. */
export interface RegisterEntryView extends RegisterEntry {
  closedAt: string | null;
}

/** What a caller asks to record; everything else is a system fact. */
export interface OpenEntry {
  operation: Operation;
  reason: Reason;
  content: EntryContent;
  basis?: BasisRecord | null;
  approver?: { userId: string; name: string } | null;
  shiftId?: string | null;
  /**
   * The person outside the unit who receives or views the footage, when the register must name them
   * as the actor (REG-20-3: the receiving officer and their organ; REG-21-6: the requester and 个人).
   * The staff account that carried it out stays the entry's user.
   */
  recipient?: { name: string; unit: string; idDocument: string | null } | null;
}

export interface RegisterFilter {
  from?: string;
  to?: string;
  cameraId?: string;
  actorUserId?: string;
  actorName?: string;
  unitId?: string;
  reasonCategory?: string;
  basisType?: string;
  basisRef?: string;
  operation?: string;
  kind?: string;
}

export interface RegisterPage {
  limit: number;
  offset: number;
}
