/**
 * Corrective orders 责令改正 / 责令限期改正 (REG-24-3): what the unit records of an order of the public
 * security organ, its items, and the documents (the scan of the order, evidence of correction).
 */
import { z } from 'zod';
import { legalDate } from '../registry/model.ts';

/**
 * The penalty articles an order is made under (arts. 13, 26–30): each names the conditional fine that
 * becomes imposable once the order is not complied with in time (拒不改正), or none (art. 13).
 */
export const ORDER_ARTICLES = ['13', '26', '27.1', '27.2', '28', '29', '30'] as const;
export type OrderArticle = (typeof ORDER_ARTICLES)[number];

/** The article whose duty was breached, for each penalty article (labels in the UI and the PDF). */
export const BREACHED_ARTICLE: Record<OrderArticle, string> = { '13': '13', '26': '7.3/9.1', '27.1': '8.1', '27.2': '8.2', '28': '10', '29': '14', '30': '23(2)' };

export const DOCUMENT_MAX_BYTES = 4 * 1024 * 1024;
export const TASK_KINDS = ['FILING', 'REMEDIATION', 'TEXT'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(64);

export const documentInput = z.strictObject({
  fileName: text(200),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/).max(100),
  contentBase64: z.string().min(1).max(Math.ceil((DOCUMENT_MAX_BYTES * 4) / 3) + 4),
});
export type DocumentInput = z.infer<typeof documentInput>;

/** A finding as the compliance report shows it: rule, code and subject. */
export const findingLink = z.strictObject({
  ruleId: text(32),
  code: text(64),
  subject: z.strictObject({
    type: z.enum(['unit', 'site', 'camera', 'asset', 'sign', 'consent', 'filing']),
    id,
    siteId: id.optional(),
  }),
});
export type FindingLink = z.infer<typeof findingLink>;

/** A task: a change filing or a remediation task of the project by id, or a task described in words. */
export const taskLink = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('FILING'), id }),
  z.strictObject({ kind: z.literal('REMEDIATION'), id }),
  z.strictObject({ kind: z.literal('TEXT'), text: text(500) }),
]);
export type TaskLink = z.infer<typeof taskLink>;

export const itemInput = z.strictObject({
  text: text(2000),
  dueDate: legalDate.optional(),
  assignee: z.string().trim().max(100).optional(),
  findings: z.array(findingLink).max(50).default([]),
  tasks: z.array(taskLink).max(20).default([]),
});

/** The time limit is either a number of days from the date of issue or a date the order names. */
export const recordInput = z.strictObject({
  reference: text(100),
  issuingOrgan: text(200),
  issuedOn: legalDate,
  articles: z.array(z.enum(ORDER_ARTICLES)).min(1).max(ORDER_ARTICLES.length),
  limitDays: z.number().int().min(1).max(365).optional(),
  dueDate: legalDate.optional(),
  siteIds: z.array(id).min(1).max(50),
  summary: z.string().trim().max(2000).optional(),
  items: z.array(itemInput).min(1).max(50),
  scan: documentInput.optional(),
});
export type RecordInput = z.infer<typeof recordInput>;

export const closeItemInput = z.strictObject({
  note: text(4000),
  documents: z.array(documentInput).max(10).default([]),
});
export type CloseItemInput = z.infer<typeof closeItemInput>;

export type OrderStatus = 'OPEN' | 'CLOSED';

export interface OrderDocument {
  id: string;
  itemId: string | null;
  kind: 'ORDER_SCAN' | 'EVIDENCE';
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface OrderItem {
  id: string;
  position: number;
  text: string;
  dueDate: string | null;
  assignee: string | null;
  findings: FindingLink[];
  tasks: TaskLink[];
  status: OrderStatus;
  evidenceNote: string | null;
  closedBy: string | null;
  closedAt: string | null;
  evidence: OrderDocument[];
}

/** As stored. */
export interface StoredOrder {
  id: string;
  unitId: string;
  reference: string;
  issuingOrgan: string;
  issuedOn: string;
  articles: OrderArticle[];
  limitDays: number | null;
  dueDate: string;
  siteIds: string[];
  summary: string | null;
  status: OrderStatus;
  recordedBy: string;
  recordedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  items: OrderItem[];
  scan: OrderDocument | null;
}
