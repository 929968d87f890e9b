import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import { ImmediateSqliteDialect } from './sqlite-dialect.ts';
import type { Database } from './tables.ts';
import { migrations } from './migrations/index.ts';
import { databaseUnreachable, sqliteUnopenable } from './unreachable.ts';

export type Db = Kysely<Database>;
export type DbDialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: DbDialect;
  /** The PostgreSQL schema in use when not the default one. */
  schema?: string;
  /** The PostgreSQL URL it was opened with (its errors name the place, never the password). */
  url?: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL schema to use (tests give each run its own). */
  schema?: string;
  /**
   * Told when PostgreSQL ends one of the pool's connections (restart, failover, pg_terminate_backend):
   * the pool replaces it with a new one on the next query; only the query that was using it fails.
   */
  onConnectionLost?: (error: Error) => void;
}

export function connectDatabase(url: string, options: ConnectOptions = {}): DbHandle {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    let sqlite: SQLite.Database;
    try {
      sqlite = openSqliteOwnerOnly(file);
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
    } catch (error) {
      throw sqliteUnopenable(error, file);
    }
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A half-open socket (the server's host gone) is noticed instead of waited on forever.
    keepAlive: true,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An ended connection emits 'error' on its client, and on the pool too while idle. Unheard, that event
  // ends the process; heard, the pool drops the dead client. Every client is heard from its first
  // connect on, so the pool's own event (the same error again) needs no report.
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionLost?.(error)));
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'postgres', schema: options.schema, url, close: () => db.destroy() };
}

/**
 * Opens (creating when missing) a SQLite database readable by its owner only: the file, its -wal and
 * -shm hold password hashes and the register. SQLite gives -wal and -shm the database file's mode;
 * the umask is narrowed while the files are made (main thread only: workers open existing files).
 */
function openSqliteOwnerOnly(file: string): SQLite.Database {
  if (file === ':memory:') return new SQLite(file);
  const full = path.resolve(file);
  mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
  const previous = isMainThread ? process.umask(0o077) : undefined;
  try {
    const sqlite = new SQLite(full);
    sqlite.pragma('journal_mode = WAL');
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${full}${suffix}`)) chmodSync(`${full}${suffix}`, 0o600);
    return sqlite;
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

/** Migrations run against the handle's own schema, so that several schemas can share one database. */
function migrator(handle: DbHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
}

/** Also the first use of the database at start: one that cannot be reached is E_DATABASE_UNREACHABLE. */
export async function migrateToLatest(handle: DbHandle): Promise<MigrationResultSet> {
  let result: MigrationResultSet;
  try {
    result = await migrator(handle).migrateToLatest();
  } catch (error) {
    throw (handle.url ? databaseUnreachable(error, handle.url) : undefined) ?? error;
  }
  if (result.error) throw (handle.url ? databaseUnreachable(result.error, handle.url) : undefined) ?? (result.error instanceof Error ? result.error : new Error(`migration failed: ${JSON.stringify(result.error)}`));
  return result;
}

/** Migrates up (or down) to the named migration: for upgrade tests of data written by older versions. */
export async function migrateTo(handle: DbHandle, name: string): Promise<MigrationResultSet> {
  const result = await migrator(handle).migrateTo(name);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(`migration failed: ${JSON.stringify(result.error)}`);
  return result;
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(handle: DbHandle): Promise<string[]> {
  const all = await migrator(handle).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
