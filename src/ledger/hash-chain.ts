/**
 * Append-only hash chains over database tables (the access register, the administration history):
 * each entry's hash covers the previous entry's hash and the entry's own fields, so an edit, a
 * removal or a reordering made behind the application's back breaks the chain at that entry.
 */
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';

export const GENESIS_HASH = '0'.repeat(64);

/** A hashed field: what a database column holds (JSON is stored as text). */
export type ChainValue = string | number | bigint | boolean | null | undefined;

/** Values are canonicalised as strings (or null), so SQLite and PostgreSQL rows hash alike. */
export function chainEntryHash(prevHash: string, values: readonly ChainValue[]): string {
  const canonical = JSON.stringify(values.map((v) => (v === undefined || v === null ? null : String(v))));
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainLink {
  seq: number | string;
  prevHash: string | null;
  entryHash: string | null;
  /** The hashed fields, in the chain's fixed order. */
  values: readonly ChainValue[];
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  headHash: string;
  /** The first entry that does not verify, and why. */
  firstBad?: { seq: number; problem: 'PREVIOUS_HASH_MISMATCH' | 'ENTRY_HASH_MISMATCH' };
}

export function verifyChain(links: Iterable<ChainLink>): ChainVerification {
  let prev = GENESIS_HASH;
  let entries = 0;
  for (const link of links) {
    const seq = Number(link.seq);
    if (link.prevHash !== prev) return { ok: false, entries, headHash: prev, firstBad: { seq, problem: 'PREVIOUS_HASH_MISMATCH' } };
    if (link.entryHash !== chainEntryHash(prev, link.values)) {
      return { ok: false, entries, headHash: prev, firstBad: { seq, problem: 'ENTRY_HASH_MISMATCH' } };
    }
    prev = link.entryHash;
    entries += 1;
  }
  return { ok: true, entries, headHash: prev };
}

/**
 * Runs `append` in a transaction that holds the chain's lock, so that reading the head and
 * inserting the next entry cannot interleave with another writer. SQLite transactions already
 * take the write lock at BEGIN; PostgreSQL takes an advisory lock named after the chain.
 */
export async function withChainLock<DB, T>(db: Kysely<DB>, chain: string, append: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  const run = async (tx: Transaction<DB>): Promise<T> => {
    if (tx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(hashtext(${`custos-chain:${chain}`}))`.execute(tx);
    }
    return append(tx);
  };
  if (db.isTransaction) return run(db as Transaction<DB>);
  return db.transaction().execute(run);
}
