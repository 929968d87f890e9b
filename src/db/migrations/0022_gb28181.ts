/**
 * GB/T 28181-2022 platform (issue 14): devices that registered over SIP, their channels (the catalog,
 * with the registry camera recording each), and per-device Digest passwords sealed with the server key.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gb_devices')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('manufacturer', 'text')
    .addColumn('model', 'text')
    .addColumn('firmware', 'text')
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('online', 'integer', (c) => c.notNull())
    .addColumn('registered_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('last_keepalive_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('gb_channels')
    .addColumn('device_id', 'text', (c) => c.notNull().references('gb_devices.device_id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('manufacturer', 'text')
    .addColumn('model', 'text')
    .addColumn('status', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('civil_code', 'text')
    .addColumn('address', 'text')
    .addColumn('ptz_type', 'integer')
    .addColumn('longitude', 'double precision')
    .addColumn('latitude', 'double precision')
    .addColumn('camera_id', 'text', (c) => c.references('cameras.id'))
    // A channel a later full catalog no longer lists: kept (a camera may link it), marked.
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gb_channels_pk', ['device_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('gb_channels_camera').on('gb_channels').column('camera_id').execute();
  await db.schema
    .createTable('gb_device_secrets')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('password_sealed', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('gb_device_secrets').execute();
  await db.schema.dropTable('gb_channels').execute();
  await db.schema.dropTable('gb_devices').execute();
}
