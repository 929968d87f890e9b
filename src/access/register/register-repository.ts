/**
 * The access register's table: appends as a hash chain (the database refuses UPDATE and DELETE),
 * searches, and reads the chain back for verification. All I/O of the register goes through here.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { AccessRegisterTable } from '../../db/access-tables.ts';
import { chainEntryHash, GENESIS_HASH, withChainLock, type ChainLink, type ChainVerification, type ChainValue } from '../../ledger/hash-chain.ts';
import type { EntryContent, EntryKind, Operation, RegisterEntry, RegisterFilter, RegisterPage } from './model.ts';

const CHAIN = 'access-register';

export type NewRegisterRow = Omit<AccessRegisterTable, 'seq' | 'prevHash' | 'entryHash'>;

/** Every column except seq, prev_hash and entry_hash, in the chain's fixed order (never change it). */
export function hashedValues(row: NewRegisterRow): ChainValue[] {
  return [
    row.id,
    row.kind,
    row.operation,
    row.at,
    row.reasonCategory,
    row.reasonText,
    row.content,
    row.cameraIds,
    row.actorUserId,
    row.actorName,
    row.actorUnitId,
    row.actorUnitName,
    row.actorIdDocument,
    row.approverUserId,
    row.approverName,
    row.basisType,
    row.basisRef,
    row.shiftId,
    row.clientAddress,
    row.startedAt,
    row.endedAt,
    row.refersTo,
  ];
}

export function toEntry(row: AccessRegisterTable): RegisterEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    kind: row.kind as EntryKind,
    operation: row.operation as Operation,
    at: row.at,
    reason: { category: row.reasonCategory, text: row.reasonText },
    content: JSON.parse(row.content) as EntryContent,
    cameraIds: JSON.parse(row.cameraIds) as string[],
    actor: { userId: row.actorUserId, name: row.actorName, unitId: row.actorUnitId, unit: row.actorUnitName, idDocument: row.actorIdDocument },
    approver: row.approverUserId ? { userId: row.approverUserId, name: row.approverName ?? '' } : null,
    basis: row.basisType ? { type: row.basisType, ref: row.basisRef ?? '' } : null,
    shiftId: row.shiftId,
    clientAddress: row.clientAddress,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    refersTo: row.refersTo,
    prevHash: row.prevHash,
    entryHash: row.entryHash,
  };
}

/** LIKE pattern for one camera id inside the JSON array column, with `!` escaping LIKE's wildcards. */
function cameraPattern(cameraId: string): string {
  return `%${JSON.stringify(cameraId).replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

function filtered(db: Db, filter: RegisterFilter) {
  let query = db.selectFrom('accessRegister');
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.cameraId) query = query.where(sql<boolean>`${sql.ref('cameraIds')} like ${cameraPattern(filter.cameraId)} escape '!'`);
  if (filter.actorUserId) query = query.where('actorUserId', '=', filter.actorUserId);
  if (filter.actorName) query = query.where(sql<boolean>`${sql.ref('actorName')} like ${`%${filter.actorName.replace(/[!%_]/g, (c) => `!${c}`)}%`} escape '!'`);
  if (filter.unitId) query = query.where('actorUnitId', '=', filter.unitId);
  if (filter.reasonCategory) query = query.where('reasonCategory', '=', filter.reasonCategory);
  if (filter.basisType) query = query.where('basisType', '=', filter.basisType);
  if (filter.basisRef) query = query.where('basisRef', '=', filter.basisRef);
  if (filter.operation) query = query.where('operation', '=', filter.operation);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return query;
}

export const registerRepository = {
  /** Appends one entry as the chain's next link (inside the caller's transaction when there is one). */
  async append(db: Db, entry: NewRegisterRow): Promise<RegisterEntry> {
    return withChainLock(db, CHAIN, async (tx) => {
      const head = await tx.selectFrom('accessRegister').select(['seq', 'entryHash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const seq = head ? Number(head.seq) + 1 : 1;
      const prevHash = head?.entryHash ?? GENESIS_HASH;
      const row: AccessRegisterTable = { ...entry, seq, prevHash, entryHash: chainEntryHash(prevHash, hashedValues(entry)) };
      await tx.insertInto('accessRegister').values(row).execute();
      return toEntry(row);
    });
  },

  async get(db: Db, id: string): Promise<RegisterEntry | undefined> {
    const row = await db.selectFrom('accessRegister').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEntry(row) : undefined;
  },

  /** The CLOSE entries that refer to these entries: entry id → its CLOSE entry's end. */
  async closings(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('accessRegister')
        .select(['refersTo', 'endedAt', 'at'])
        .where('kind', '=', 'CLOSE')
        .where('refersTo', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) if (r.refersTo) out.set(r.refersTo, r.endedAt ?? r.at);
    }
    return out;
  },

  async search(db: Db, filter: RegisterFilter, page: RegisterPage, order: 'asc' | 'desc' = 'desc'): Promise<{ total: number; entries: RegisterEntry[] }> {
    const count = await filtered(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await filtered(db, filter).selectAll().orderBy('seq', order).limit(page.limit).offset(page.offset).execute();
    return { total: Number(count.n), entries: rows.map(toEntry) };
  },

  /** The chain's links in order, read in pages. */
  async *links(db: Db, pageSize = 2000): AsyncGenerator<ChainLink & { id: string }> {
    let after = 0;
    for (;;) {
      const page = await db.selectFrom('accessRegister').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
      for (const row of page) yield { id: row.id, seq: Number(row.seq), prevHash: row.prevHash, entryHash: row.entryHash, values: hashedValues(row) };
      if (page.length < pageSize) return;
      after = Number(page[page.length - 1]?.seq);
    }
  },

  /** Walks the whole chain page by page (the checks of verifyChain, without holding it all); names the first bad entry. */
  async verify(db: Db): Promise<ChainVerification & { firstBadId?: string }> {
    let prev = GENESIS_HASH;
    let entries = 0;
    for await (const link of registerRepository.links(db)) {
      const seq = Number(link.seq);
      const problem =
        link.prevHash !== prev ? 'PREVIOUS_HASH_MISMATCH' : link.entryHash !== chainEntryHash(prev, link.values) ? 'ENTRY_HASH_MISMATCH' : undefined;
      if (problem) return { ok: false, entries, headHash: prev, firstBad: { seq, problem }, firstBadId: link.id };
      prev = link.entryHash ?? prev;
      entries += 1;
    }
    return { ok: true, entries, headHash: prev };
  },

  /** 证件号 of an external actor (REG-16-5 "等"): from the person record behind the user, if any. */
  async idDocumentOf(db: Db, userId: string): Promise<string | null> {
    const row = await db
      .selectFrom('users')
      .leftJoin('persons', 'persons.id', 'users.personId')
      .select('persons.idDocument')
      .where('users.id', '=', userId)
      .executeTakeFirst();
    return row?.idDocument ?? null;
  },
};
