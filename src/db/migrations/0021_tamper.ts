/** Tamper detection (art. 23(2)): per camera settings and learned reference, and the re-learn history. */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tamper_settings')
    .addColumn('camera_id', 'text', (c) => c.primaryKey().references('cameras.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('sensitivity', 'text', (c) => c.notNull())
    // The learned normal picture: figures (JSON) and the 160×120 grey frame (base64); null until learned.
    .addColumn('reference', 'text')
    .addColumn('reference_frame', 'text')
    .addColumn('learned_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tamper_relearns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull().references('cameras.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tamper_relearns_camera').on('tamper_relearns').columns(['camera_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tamper_relearns').execute();
  await db.schema.dropTable('tamper_settings').execute();
}
