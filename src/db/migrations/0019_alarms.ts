/** Alarms (arts. 15, 23): tamper, health and security, each with start, end, acknowledgement and snapshots. */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('camera_id', 'text', (c) => c.references('cameras.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    // Set while the alarm is open, null once it ended: at most one open alarm per kind and subject.
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('snapshots', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('acknowledged_by_name', 'text')
    .addColumn('acknowledged_by_unit_name', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledgement_comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alarms_started').on('alarms').columns(['started_at']).execute();
  await db.schema.createIndex('alarms_camera').on('alarms').columns(['camera_id', 'started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alarms').execute();
}
