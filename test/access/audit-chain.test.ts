import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase, migrateTo, migrateToLatest, type DbDialect, type DbHandle } from '../../src/db/connect.ts';
import { historyRepository } from '../../src/registry/repositories/history-repository.ts';
import { DIALECTS, withSchemaLock } from '../support/db.ts';

/** An empty database (SQLite in memory, or a PostgreSQL schema of its own), not yet migrated. */
async function emptyDb(dialect: DbDialect): Promise<DbHandle> {
  if (dialect === 'sqlite') return connectDatabase('sqlite::memory:');
  const url = inject('pgUrl')!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = connectDatabase(url, { schema });
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

/** Migrations list tables across schemas: on PostgreSQL they run under the tests' shared schema lock. */
async function migrating<T>(handle: DbHandle, run: () => Promise<T>): Promise<T> {
  return handle.dialect === 'postgres' ? withSchemaLock(inject('pgUrl')!, 'shared', run) : run();
}

const entry = (n: number) => ({
  entityType: 'camera',
  entityId: `cam_${n}`,
  action: 'update',
  actor: 'tester',
  at: `2025-06-01T02:0${n}:00.000Z`,
  before: { retentionDays: 30 + n },
  after: { retentionDays: 31 + n },
  reason: n % 2 ? '调整保存期限' : null,
});

describe.each(DIALECTS)('administration history hash chain (%s)', (dialect) => {
  let handle: DbHandle;
  afterEach(async () => handle.close());

  it('chains entries written before the upgrade, then every new one; verify names the first entry edited behind the application', async () => {
    handle = await emptyDb(dialect);
    await migrating(handle, () => migrateTo(handle, '0006_segments'));
    // An older version wrote history rows without hashes.
    for (let n = 1; n <= 3; n += 1) {
      const { reason: _reason, ...old } = entry(n);
      await handle.db
        .insertInto('history')
        .values({ ...old, before: JSON.stringify(old.before), after: JSON.stringify(old.after), reason: null })
        .execute();
    }
    await migrating(handle, () => migrateToLatest(handle));
    for (let n = 4; n <= 6; n += 1) await historyRepository.append(handle.db, entry(n));
    const ok = await historyRepository.verify(handle.db);
    expect(ok).toMatchObject({ ok: true, entries: 6 });

    // The database refuses edits and deletions…
    await expect(handle.db.updateTable('history').set({ actor: 'mallory' }).where('seq', '=', 2).execute()).rejects.toThrow(/E_HISTORY_IMMUTABLE/);
    await expect(handle.db.deleteFrom('history').where('seq', '=', 5).execute()).rejects.toThrow(/E_HISTORY_IMMUTABLE/);
    expect((await historyRepository.list(handle.db, {})).map((h) => h.actor)).not.toContain('mallory');

    // …and one who removes the guard first is caught by the chain.
    if (dialect === 'postgres') await sql`drop trigger history_append_only on history`.execute(handle.db);
    else {
      await sql`drop trigger history_no_update`.execute(handle.db);
      await sql`drop trigger history_no_delete`.execute(handle.db);
    }
    await handle.db.updateTable('history').set({ after: JSON.stringify({ retentionDays: 7 }) }).where('seq', '=', 5).execute();
    expect(await historyRepository.verify(handle.db)).toMatchObject({ ok: false, entries: 4, firstBad: { seq: 5, problem: 'ENTRY_HASH_MISMATCH' } });
  });

  it('a deleted entry breaks the link of the next one', async () => {
    handle = await emptyDb(dialect);
    await migrating(handle, () => migrateToLatest(handle));
    for (let n = 1; n <= 4; n += 1) await historyRepository.append(handle.db, entry(n));
    if (dialect === 'postgres') await sql`drop trigger history_append_only on history`.execute(handle.db);
    else await sql`drop trigger history_no_delete`.execute(handle.db);
    await handle.db.deleteFrom('history').where('seq', '=', 2).execute();
    expect(await historyRepository.verify(handle.db)).toMatchObject({ ok: false, firstBad: { seq: 3, problem: 'PREVIOUS_HASH_MISMATCH' } });
  });

  it('parallel appends keep one unbroken chain', async () => {
    handle = await emptyDb(dialect);
    await migrating(handle, () => migrateToLatest(handle));
    await Promise.all(Array.from({ length: 40 }, (_, n) => historyRepository.append(handle.db, entry(n % 10))));
    expect(await historyRepository.verify(handle.db)).toMatchObject({ ok: true, entries: 40 });
  });
});
