/**
 * The ledger (art. 15, REG-15-x): an append-only Merkle log (RFC 6962/9162 style) over segments,
 * deletions, access-register entries and administration history, with signed checkpoints.
 *
 * CONTRACT for deleting a segment (the retention module's sweeper and ordered deletions):
 * in the SAME transaction that deletes the `segments` row, insert one row into `segment_deletions`
 * copying the segment's id, camera_id, seq (as segment_seq), start_at, end_at, sha256,
 * prev_chain_hash, chain_hash and bytes, with policy (RETENTION | ORDERED | ...), order_ref (the
 * order's reference for ORDERED, else null) and deleted_at (from the injected clock). Leave `seq`
 * to the database. The table is append-only (the database refuses UPDATE and DELETE). The ledger
 * follower turns each row into a TOMBSTONE leaf; `custos ledger verify` accepts a missing segment
 * only when its tombstone is there and the camera's chain still links through it.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

async function appendOnly(db: Kysely<any>, table: string, code: string, isPostgres: boolean): Promise<void> {
  if (isPostgres) {
    await sql
      .raw(`CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${code}: ${table} is append-only'; END; $$ LANGUAGE plpgsql`)
      .execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${code}: ${table} is append-only'); END`).execute(db);
  }
}

const APPEND_ONLY: [string, string][] = [
  ['segment_deletions', 'E_DELETION_LOG_IMMUTABLE'],
  ['ledger_leaves', 'E_LEDGER_IMMUTABLE'],
  ['ledger_nodes', 'E_LEDGER_IMMUTABLE'],
  ['ledger_checkpoints', 'E_LEDGER_IMMUTABLE'],
];

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const big = isPostgres ? 'bigint' : 'integer';

  await db.schema
    .createTable('segment_deletions')
    .addColumn('seq', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('segment_seq', 'integer', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('prev_chain_hash', 'text', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    // RETENTION | ORDERED | ...
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('order_ref', 'text')
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segment_deletions_camera_seq_idx').on('segment_deletions').columns(['camera_id', 'segment_seq']).execute();
  await db.schema.createIndex('segment_deletions_segment_idx').on('segment_deletions').column('segment_id').execute();

  // Leaf i of the log; `data` is the canonical leaf (JSON text), hashed as SHA-256(0x00 || data).
  await db.schema
    .createTable('ledger_leaves')
    .addColumn('idx', big, (c) => c.primaryKey())
    // SEGMENT | TOMBSTONE | REGISTER | HISTORY
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('appended_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ledger_leaves_kind_ref_uq', ['kind', 'ref'])
    .execute();

  // Every complete (perfect, aligned) subtree: level 0 the leaf hashes, level L covers leaves idx·2^L .. (idx+1)·2^L - 1.
  await db.schema
    .createTable('ledger_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', big, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx'])
    .execute();

  // Where the follower stands in each source (JSON; per camera for segments).
  await db.schema
    .createTable('ledger_cursors')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('seq', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('tree_size', big, (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();

  for (const [table, code] of APPEND_ONLY) await appendOnly(db, table, code, isPostgres);
}

export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [table] of APPEND_ONLY) {
    if (isPostgres) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION IF EXISTS ${table}_append_only()`).execute(db);
    }
  }
  for (const table of ['ledger_checkpoints', 'ledger_cursors', 'ledger_nodes', 'ledger_leaves', 'segment_deletions']) await db.schema.dropTable(table).execute();
}
