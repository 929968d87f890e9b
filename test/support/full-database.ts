/**
 * A database whose disk is full for some writes: the engine itself refuses them, as on a full volume
 * (SQLite: SQLITE_FULL "database or disk is full", past max_page_count; PostgreSQL: disk_full, 53100).
 * Each named write (table and INSERT or UPDATE) fails until free() gives the room back.
 */
import { sql } from 'kysely';
import type { DbHandle } from '../../src/db/connect.ts';

export interface FullWrite {
  table: string;
  event: 'INSERT' | 'UPDATE';
}

export interface FullDatabase {
  free(): Promise<void>;
}

export async function fillDatabase(handle: DbHandle, writes: readonly FullWrite[]): Promise<FullDatabase> {
  const db = handle.db;
  const names = writes.map((w, i) => `disk_full_${i}_${w.table}`);
  if (handle.dialect === 'sqlite') {
    await sql.raw('create table if not exists disk_filler (b blob)').execute(db);
    for (const [i, w] of writes.entries()) {
      // 16 MiB more than the database may grow: every such write needs pages the "disk" does not have.
      await sql.raw(`create trigger ${names[i]} before ${w.event} on ${w.table} begin insert into disk_filler values (zeroblob(16777216)); end`).execute(db);
    }
    const { rows } = await sql<{ n: number }>`select page_count as n from pragma_page_count()`.execute(db);
    // Room for small writes elsewhere (audit rows), never for the 16 MiB of a named write.
    await sql.raw(`pragma max_page_count = ${Number(rows[0]!.n) + 256}`).execute(db);
    return {
      async free() {
        for (const name of names) await sql.raw(`drop trigger ${name}`).execute(db);
        await sql.raw('pragma max_page_count = 1073741823').execute(db);
      },
    };
  }
  await sql.raw(`create or replace function disk_full_refuse() returns trigger language plpgsql as $$ begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`).execute(db);
  for (const [i, w] of writes.entries()) await sql.raw(`create trigger ${names[i]} before ${w.event} on ${w.table} for each row execute function disk_full_refuse()`).execute(db);
  return {
    async free() {
      for (const [i, w] of writes.entries()) await sql.raw(`drop trigger ${names[i]} on ${w.table}`).execute(db);
    },
  };
}
