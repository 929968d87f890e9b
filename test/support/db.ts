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
  await migrateToLatest(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop schema ${schema} cascade`);
      await dropper.end();
    },
  };
}
