import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Why a change was made (REG-13-1: placement changes are versioned with who, when and why). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('history').addColumn('reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('history').dropColumn('reason').execute();
}
