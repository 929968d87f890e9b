/** All I/O of the ledger's own tables: leaves, stored subtrees, cursors and checkpoints. */
import type { Db } from '../db/connect.ts';
import type { Selectable } from 'kysely';
import type { LedgerCheckpointsTable, LedgerLeavesTable } from '../db/ledger-tables.ts';

const CHUNK = 400;

export interface NodeRow {
  level: number;
  idx: number;
  hash: string;
}

export interface CheckpointRow {
  seq: number;
  treeSize: number;
  rootHash: string;
  at: string;
  keyId: string;
  signature: string;
}

const toCheckpoint = (r: Selectable<LedgerCheckpointsTable>): CheckpointRow => ({ ...r, seq: Number(r.seq), treeSize: Number(r.treeSize) });

export const ledgerRepository = {
  async size(db: Db): Promise<number> {
    const row = await db.selectFrom('ledgerLeaves').select((eb) => eb.fn.max('idx').as('m')).executeTakeFirst();
    return row?.m === null || row?.m === undefined ? 0 : Number(row.m) + 1;
  },

  /** Stored subtree hashes by "level:idx". */
  async nodes(db: Db, coords: readonly (readonly [number, number])[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const byLevel = new Map<number, number[]>();
    for (const [level, idx] of coords) byLevel.set(level, [...(byLevel.get(level) ?? []), idx]);
    const levels = [...byLevel.entries()];
    // A proof needs O(log n) nodes: one query for all of them, a few when there are many.
    for (let i = 0; i < levels.length; i += 32) {
      const part = levels.slice(i, i + 32);
      if (part.some(([, idxs]) => idxs.length > CHUNK)) {
        for (const [level, idxs] of part) {
          for (let j = 0; j < idxs.length; j += CHUNK) {
            const rows = await db.selectFrom('ledgerNodes').select(['level', 'idx', 'hash']).where('level', '=', level).where('idx', 'in', idxs.slice(j, j + CHUNK)).execute();
            for (const r of rows) out.set(`${r.level}:${Number(r.idx)}`, r.hash);
          }
        }
        continue;
      }
      const rows = await db
        .selectFrom('ledgerNodes')
        .select(['level', 'idx', 'hash'])
        .where((eb) => eb.or(part.map(([level, idxs]) => eb.and([eb('level', '=', level), eb('idx', 'in', idxs)]))))
        .execute();
      for (const r of rows) out.set(`${r.level}:${Number(r.idx)}`, r.hash);
    }
    return out;
  },

  async insert(db: Db, leaves: LedgerLeavesTable[], nodes: NodeRow[]): Promise<void> {
    for (let i = 0; i < leaves.length; i += CHUNK) await db.insertInto('ledgerLeaves').values(leaves.slice(i, i + CHUNK)).execute();
    for (let i = 0; i < nodes.length; i += CHUNK * 2) await db.insertInto('ledgerNodes').values(nodes.slice(i, i + CHUNK * 2)).execute();
  },

  async leaves(db: Db, fromIdx: number, limit: number): Promise<LedgerLeavesTable[]> {
    const rows = await db.selectFrom('ledgerLeaves').selectAll().where('idx', '>=', fromIdx).orderBy('idx').limit(limit).execute();
    return rows.map((r) => ({ ...r, idx: Number(r.idx) }));
  },

  /** Leaves of one kind in index order, after `afterIdx`. */
  async leavesOfKind(db: Db, kind: string, afterIdx: number, limit: number): Promise<LedgerLeavesTable[]> {
    const rows = await db.selectFrom('ledgerLeaves').selectAll().where('kind', '=', kind).where('idx', '>', afterIdx).orderBy('idx').limit(limit).execute();
    return rows.map((r) => ({ ...r, idx: Number(r.idx) }));
  },

  async leaf(db: Db, idx: number): Promise<LedgerLeavesTable | undefined> {
    const row = await db.selectFrom('ledgerLeaves').selectAll().where('idx', '=', idx).executeTakeFirst();
    return row ? { ...row, idx: Number(row.idx) } : undefined;
  },

  async leafByRef(db: Db, kind: string, ref: string): Promise<LedgerLeavesTable | undefined> {
    const row = await db.selectFrom('ledgerLeaves').selectAll().where('kind', '=', kind).where('ref', '=', ref).executeTakeFirst();
    return row ? { ...row, idx: Number(row.idx) } : undefined;
  },

  async refsPresent(db: Db, kind: string, refs: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = await db.selectFrom('ledgerLeaves').select('ref').where('kind', '=', kind).where('ref', 'in', refs.slice(i, i + CHUNK)).execute();
      for (const r of rows) out.add(r.ref);
    }
    return out;
  },

  async levelNodes(db: Db, level: number, fromIdx: number, limit: number): Promise<NodeRow[]> {
    const rows = await db.selectFrom('ledgerNodes').selectAll().where('level', '=', level).where('idx', '>=', fromIdx).orderBy('idx').limit(limit).execute();
    return rows.map((r) => ({ level: r.level, idx: Number(r.idx), hash: r.hash }));
  },

  async cursor(db: Db, source: string): Promise<string | undefined> {
    return (await db.selectFrom('ledgerCursors').select('position').where('source', '=', source).executeTakeFirst())?.position;
  },

  async setCursor(db: Db, source: string, position: string, at: string): Promise<void> {
    await db
      .insertInto('ledgerCursors')
      .values({ source, position, updatedAt: at })
      .onConflict((oc) => oc.column('source').doUpdateSet({ position, updatedAt: at }))
      .execute();
  },

  async addCheckpoint(db: Db, cp: Omit<CheckpointRow, 'seq'>): Promise<CheckpointRow> {
    await db.insertInto('ledgerCheckpoints').values(cp).execute();
    return (await ledgerRepository.latestCheckpoint(db)) as CheckpointRow;
  },

  async latestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
    const row = await db.selectFrom('ledgerCheckpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? toCheckpoint(row) : undefined;
  },

  async checkpoint(db: Db, seq: number): Promise<CheckpointRow | undefined> {
    const row = await db.selectFrom('ledgerCheckpoints').selectAll().where('seq', '=', seq).executeTakeFirst();
    return row ? toCheckpoint(row) : undefined;
  },

  async checkpoints(db: Db, limit = 1000, beforeSeq?: number): Promise<CheckpointRow[]> {
    let q = db.selectFrom('ledgerCheckpoints').selectAll();
    if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
    return (await q.orderBy('seq', 'desc').limit(limit).execute()).map(toCheckpoint);
  },
};
