/**
 * Art. 21 requests filed from a sign's public page (arts. 13, 21): how the request came in (STAFF at
 * the counter, or PUBLIC_SIGN from the QR page), the reference number the person keeps to ask for the
 * status (random, unguessable, unique), and the site whose sign they stood under.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('art21_requests')
    .addColumn('received_via', 'text', (c) => c.notNull().defaultTo('STAFF'))
    .execute();
  await db.schema.alterTable('art21_requests').addColumn('public_reference', 'text').execute();
  await db.schema.alterTable('art21_requests').addColumn('site_id', 'text').execute();
  await db.schema.createIndex('art21_requests_public_reference').unique().on('art21_requests').column('public_reference').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('art21_requests_public_reference').execute();
  await db.schema.alterTable('art21_requests').dropColumn('site_id').execute();
  await db.schema.alterTable('art21_requests').dropColumn('public_reference').execute();
  await db.schema.alterTable('art21_requests').dropColumn('received_via').execute();
}
