/**
 * Where each segment's bytes are (issue 16): `local` (the segments folder) or `s3` (the object store),
 * and when a tiered store moved it. Only these two columns ever change on a segment row: path, hashes
 * and chain stay as recorded.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('segments').addColumn('location', 'text', (c) => c.notNull().defaultTo('local')).execute();
  await db.schema.alterTable('segments').addColumn('moved_at', 'text').execute();
  // The tier mover's lookup: local segments, oldest first.
  await db.schema.createIndex('segments_location_start').on('segments').columns(['location', 'start_at']).execute();
  // Its check of the latest moves for local copies a crash left behind.
  await db.schema.createIndex('segments_moved_at').on('segments').column('moved_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('segments_moved_at').execute();
  await db.schema.dropIndex('segments_location_start').execute();
  await db.schema.alterTable('segments').dropColumn('moved_at').execute();
  await db.schema.alterTable('segments').dropColumn('location').execute();
}
