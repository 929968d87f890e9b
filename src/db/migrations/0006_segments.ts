/** Recorded segments with their per-camera hash chain (REG-15-4), and recording gaps (REG-15-8). */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('codec', 'text', (c) => c.notNull())
    .addColumn('frames', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('prev_chain_hash', 'text', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('segments_camera_seq_uq', ['camera_id', 'seq'])
    .execute();
  await db.schema.createIndex('segments_camera_start_idx').on('segments').columns(['camera_id', 'start_at']).execute();
  await db.schema.createIndex('segments_camera_end_idx').on('segments').columns(['camera_id', 'end_at']).execute();

  await db.schema
    .createTable('recording_gaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    // Null while the gap is still open (e.g. the disk is still full).
    .addColumn('to_at', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recording_gaps_camera_from_idx').on('recording_gaps').columns(['camera_id', 'from_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recording_gaps').execute();
  await db.schema.dropTable('segments').execute();
}
