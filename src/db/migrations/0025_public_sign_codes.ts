/**
 * The code printed in a sign's QR (arts. 13, 21, 24): a short random code per sign, opening the site's
 * public page without sign-in. Random rather than derived from the sign's id, so that the codes of
 * signs nobody has printed cannot be guessed from one that has been.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_sign_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('sign_id', 'text', (c) => c.notNull().unique().references('signs.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_sign_codes').execute();
}
