import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, migrateToLatest, type DbHandle, type DbDialect } from '../../src/db/connect.ts';

/** The dialects this run tests: SQLite always, PostgreSQL when the global setup found it. */
export const DIALECTS: DbDialect[] = inject('pgUrl') ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, migrated database: in-memory SQLite, or a PostgreSQL schema of its own that close() drops. */
export async function openTestDb(dialect: DbDialect): Promise<DbHandle> {
  if (dialect === 'sqlite') {
    const handle = connectDatabase('sqlite::memory:');
    await migrateToLatest(handle);
    return handle;
  }
  const url = inject('pgUrl');
  if (!url) throw new Error('PostgreSQL is not available');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = connectDatabase(url, { schema });
  // Kysely's migrator lists the tables of every schema; a schema dropped meanwhile by another test
  // makes that listing fail. Migrations hold a shared advisory lock, drops an exclusive one.
  await withSchemaLock(url, 'shared', () => migrateToLatest(handle));
  return {
    ...handle,
    async close() {
      await handle.close();
      await withSchemaLock(url, 'exclusive', async (client) => {
        await client.query(`drop schema ${schema} cascade`);
      });
    },
  };
}

/** Test schemas: created freely, migrated under a shared lock, dropped under an exclusive one. */
const SCHEMA_LOCK = 0x637573; // 'cus'

export async function withSchemaLock<T>(url: string, mode: 'shared' | 'exclusive', run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(mode === 'shared' ? 'select pg_advisory_lock_shared($1)' : 'select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await run(client);
  } finally {
    await client.end();
  }
}
