/** The deletion log (REG-17-3): segment, hash, camera, range, policy and time; never image content. */
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { SegmentDeletionsTable } from '../db/ledger-tables.ts';
import { retentionDb } from './tables.ts';
import { instantText } from './model.ts';

export const deletionLogQuery = z.strictObject({
  cameraId: z.string().min(1).max(64).optional(),
  policy: z.enum(['RETENTION', 'ORDERED']).optional(),
  orderRef: z.string().min(1).max(200).optional(),
  from: instantText.optional(),
  to: instantText.optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type DeletionLogQuery = z.output<typeof deletionLogQuery>;

export type DeletionLogEntry = Omit<SegmentDeletionsTable, 'seq'> & { seq: number };

export async function listDeletions(db: Db, q: Partial<DeletionLogQuery> = {}): Promise<DeletionLogEntry[]> {
  let query = retentionDb(db).selectFrom('segmentDeletions').selectAll();
  if (q.cameraId) query = query.where('cameraId', '=', q.cameraId);
  if (q.policy) query = query.where('policy', '=', q.policy);
  if (q.orderRef) query = query.where('orderRef', '=', q.orderRef);
  if (q.from) query = query.where('deletedAt', '>=', q.from);
  if (q.to) query = query.where('deletedAt', '<', q.to);
  if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
  const rows = await query.orderBy('seq').limit(q.limit ?? 1000).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), bytes: Number(r.bytes), segmentSeq: Number(r.segmentSeq) }));
}

const COLUMNS = ['seq', 'id', 'segmentId', 'cameraId', 'segmentSeq', 'startAt', 'endAt', 'sha256', 'chainHash', 'bytes', 'policy', 'orderRef', 'deletedAt'] as const;

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // Quote what needs it, and keep spreadsheet formulas out (a leading = + - @ is prefixed).
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function deletionsCsv(rows: readonly DeletionLogEntry[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
