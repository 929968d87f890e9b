/** A PostgreSQL database of a test's own on the test server, for a process (`custos serve`) that connects by URL. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** The server's URL with this database in its path. */
  url: string;
  /** Dropped even while something is still connected. */
  drop(): Promise<void>;
}

async function asAdmin(pgUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

export async function createTestDatabase(pgUrl: string, prefix: string): Promise<TestDatabase> {
  const database = `${prefix}_${randomBytes(5).toString('hex')}`;
  await asAdmin(pgUrl, `create database ${database}`);
  const url = new URL(pgUrl);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => asAdmin(pgUrl, `drop database if exists ${database} with (force)`) };
}
