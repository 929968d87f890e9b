import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** REG-33-2: the attestation a non-public-place camera needs when it may see into others' private space. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cameras').addColumn('privacy_attestation', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cameras').dropColumn('privacy_attestation').execute();
}
