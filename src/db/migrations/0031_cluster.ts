/**
 * Past one machine (issue 16): the recorder processes of a cluster, the lease each holds on a camera
 * (no camera recorded twice; a dead recorder's cameras taken over when its leases expire), and the
 * recording status each reports for the API processes to read.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recorder_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    /** Where API processes fetch this recorder's live fragments (http://host:port), null before it listens. */
    .addColumn('live_url', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    /** Set by a clean stop; a node whose heartbeat stops without it died. */
    .addColumn('stopped_at', 'text')
    .execute();
  await db.schema
    .createTable('camera_leases')
    .addColumn('camera_id', 'text', (c) => c.primaryKey().references('cameras.id'))
    .addColumn('holder', 'text', (c) => c.notNull())
    /** Fencing token: raised by every claim, so a recorder that lost the lease cannot index after its successor. */
    .addColumn('epoch', 'integer', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('renewed_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('camera_leases_holder').on('camera_leases').column('holder').execute();
  await db.schema
    .createTable('recorder_camera_status')
    .addColumn('camera_id', 'text', (c) => c.primaryKey())
    .addColumn('node_id', 'text', (c) => c.notNull())
    /** CameraRecordingStatus as JSON. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recorder_camera_status').execute();
  await db.schema.dropTable('camera_leases').execute();
  await db.schema.dropTable('recorder_nodes').execute();
}
