/**
 * Cameras added by ONVIF: the device service address (for PTZ, events and identity checks), the
 * profiles chosen and the substream address. No secret here: the credentials are those of the
 * camera's stream address, stored (sealed) by the registry.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('onvif_cameras')
    .addColumn('camera_id', 'text', (c) => c.primaryKey().references('cameras.id'))
    .addColumn('device_url', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text')
    .addColumn('main_profile', 'text', (c) => c.notNull())
    .addColumn('sub_profile', 'text')
    .addColumn('substream_url', 'text')
    .addColumn('ptz_profile', 'text')
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('mac', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('onvif_cameras').execute();
}
