import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Where a sign hangs on the site plan (metres), as JSON text; null when not placed. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('signs').addColumn('position', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('signs').dropColumn('position').execute();
}
