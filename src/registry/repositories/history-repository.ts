import type { Db } from '../../db/connect.ts';
import { chainEntryHash, GENESIS_HASH, verifyChain, withChainLock, type ChainValue, type ChainVerification } from '../../ledger/hash-chain.ts';

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

interface StoredHistoryRow {
  seq: number | string;
  entityType: string;
  entityId: string;
  action: string;
  actor: string;
  at: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** The hashed fields, in the order migration 0007 used when it chained the rows written before it. */
function hashedValues(row: StoredHistoryRow): ChainValue[] {
  return [row.seq, row.entityType, row.entityId, row.action, row.actor, row.at, row.before, row.after, row.reason];
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

export const historyRepository = {
  /** Appends one entry to the administration history's hash chain (inside the caller's transaction when there is one). */
  async append(db: Db, entry: NewHistoryEntry): Promise<void> {
    await withChainLock(db, 'history', async (tx) => {
      const head = await tx.selectFrom('history').select(['seq', 'entryHash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const seq = head ? Number(head.seq) + 1 : 1;
      const row: StoredHistoryRow = {
        seq,
        entityType: entry.entityType,
        entityId: entry.entityId,
        action: entry.action,
        actor: entry.actor,
        at: entry.at,
        before: json(entry.before),
        after: json(entry.after),
        reason: entry.reason ?? null,
      };
      const prevHash = head?.entryHash ?? GENESIS_HASH;
      await tx
        .insertInto('history')
        .values({ ...row, seq, prevHash, entryHash: chainEntryHash(prevHash, hashedValues(row)) })
        .execute();
    });
  },

  /** `afterSeq`: entries after this one (reading the history in pages). */
  async list(db: Db, filter: { entityType?: string; entityId?: string; limit?: number; afterSeq?: number } = {}): Promise<HistoryEntry[]> {
    let query = db.selectFrom('history').select(['seq', 'entityType', 'entityId', 'action', 'actor', 'at', 'before', 'after', 'reason']);
    if (filter.afterSeq !== undefined) query = query.where('seq', '>', filter.afterSeq);
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

  /**
   * The entries about the given entity types (optionally only these ids), in chain order, without a
   * limit: what the filing engine reads to date the changes of filed facts.
   */
  async listAbout(db: Db, entityTypes: readonly string[], entityIds?: readonly string[]): Promise<HistoryEntry[]> {
    if (entityTypes.length === 0 || entityIds?.length === 0) return [];
    let query = db
      .selectFrom('history')
      .select(['seq', 'entityType', 'entityId', 'action', 'actor', 'at', 'before', 'after', 'reason'])
      .where('entityType', 'in', [...entityTypes]);
    if (entityIds) query = query.where('entityId', 'in', [...entityIds]);
    const rows = await query.orderBy('seq').execute();
    return rows.map((row) => ({
      ...row,
      seq: Number(row.seq),
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    }));
  },

  /** Walks the whole chain in pages; names the first entry that does not verify. */
  async verify(db: Db, pageSize = 5000): Promise<ChainVerification> {
    const rows: { seq: number; prevHash: string | null; entryHash: string | null; values: ChainValue[] }[] = [];
    let after = 0;
    for (;;) {
      const page = await db.selectFrom('history').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
      for (const row of page) rows.push({ seq: Number(row.seq), prevHash: row.prevHash, entryHash: row.entryHash, values: hashedValues(row) });
      if (page.length < pageSize) break;
      after = Number(page[page.length - 1]?.seq);
    }
    return verifyChain(rows);
  },
};
