import type { Db } from '../../db/connect.ts';

export interface HistoryEntry {
  seq: number;
  entityType: string;
  entityId: string;
  action: string;
  actor: string;
  at: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'seq' | 'reason'> & { reason?: string | null };

export const historyRepository = {
  async append(db: Db, entry: NewHistoryEntry): Promise<void> {
    await db
      .insertInto('history')
      .values({
        ...entry,
        before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
        reason: entry.reason ?? null,
      })
      .execute();
  },

  async list(db: Db, filter: { entityType?: string; entityId?: string; limit?: number } = {}): Promise<HistoryEntry[]> {
    let query = db.selectFrom('history').selectAll();
    if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
    if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
    const rows = await query.orderBy('seq').limit(filter.limit ?? 1000).execute();
    return rows.map((row) => ({
      ...row,
      seq: Number(row.seq),
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    }));
  },
};
