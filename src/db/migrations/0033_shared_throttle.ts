/**
 * Stateless API processes (issue 16): what throttles sign-in and the public forms is shared through the
 * database in cluster mode, so that a lock-out earned on one API process holds on every other.
 * Times are milliseconds since the epoch (bigint), compared in SQL against the caller's clock.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  // A (name, address) pair's consecutive failures and its lock (lockout.ts back-off).
  await db.schema
    .createTable('sign_in_pairs')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint', (c) => c.notNull())
    .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_pairs_pk', ['account', 'address'])
    .execute();
  // Attempts admitted per address and failures per name, kept for their window.
  await db.schema
    .createTable('sign_in_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_marks_key').on('sign_in_marks').columns(['scope', 'key', 'at']).execute();
  await db.schema.createIndex('sign_in_marks_at').on('sign_in_marks').column('at').execute();
  // When a slowed name was last let through.
  await db.schema
    .createTable('sign_in_accounts')
    .addColumn('account', 'text', (c) => c.primaryKey())
    .addColumn('last_attempt_at', 'bigint', (c) => c.notNull())
    .execute();
  // The public routes' fixed windows (@fastify/rate-limit), one row per route and client address.
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('window_ms', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
  await db.schema.dropTable('sign_in_accounts').execute();
  await db.schema.dropTable('sign_in_marks').execute();
  await db.schema.dropTable('sign_in_pairs').execute();
}
