/**
 * Public release (art. 22, REG-22-1 … REG-22-3): the release register, the redaction job of each
 * release with its tracks, and the record of every edit a person made to them.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull().references('cameras.id'))
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('basis_type', 'text', (c) => c.notNull())
    .addColumn('basis_text', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('hold_id', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approval_note', 'text')
    .addColumn('published_at', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('file_bytes', 'integer')
    .addColumn('manifest', 'text')
    .addColumn('register_entry_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_releases_camera').on('public_releases').columns(['camera_id', 'from_at']).execute();

  await db.schema
    .createTable('redaction_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('release_id', 'text', (c) => c.notNull().references('public_releases.id'))
    // DETECT: finds the tracks and carries the review; RENDER: one attempt at the released file.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('tracks', 'text', (c) => c.notNull())
    .addColumn('clip', 'text')
    .addColumn('detectors', 'text')
    .addColumn('signed_off_by', 'text', (c) => c.references('users.id'))
    .addColumn('signed_off_by_name', 'text')
    .addColumn('signed_off_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('redaction_jobs_release').on('redaction_jobs').column('release_id').execute();

  await db.schema
    .createTable('redaction_edits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('redaction_jobs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('track_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('redaction_edits_job_seq', ['job_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redaction_edits').execute();
  await db.schema.dropTable('redaction_jobs').execute();
  await db.schema.dropTable('public_releases').execute();
}
