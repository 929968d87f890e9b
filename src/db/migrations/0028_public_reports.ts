/**
 * Art. 24 reports from the public (举报), made from a sign's public page: the report with its
 * reference number, the reporter's optional contact (seen only by those who handle reports), its
 * photos (SHA-256, stored under the data folder), the handling steps (insert-only: who, when, what),
 * and the forwardings to the county public security organ.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('sign_id', 'text')
    // ART7_3 | ART8_1 | ART9_1 | OTHER
    .addColumn('violation_type', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('camera_description', 'text')
    .addColumn('seen_at', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_to_police', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // RECEIVED | ACKNOWLEDGED | INVESTIGATING | FORWARDED | RESOLVED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('camera_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('first_action_due_at', 'text', (c) => c.notNull())
    .addColumn('first_action_at', 'text')
    .addColumn('forwarded_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_reports_site_idx').on('public_reports').columns(['site_id', 'received_at']).execute();
  await db.schema.createIndex('public_reports_due_idx').on('public_reports').columns(['first_action_at', 'first_action_due_at']).execute();

  await db.schema
    .createTable('public_report_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('public_reports.id'))
    // REPORT (sent by the reporter) | EVIDENCE (added by a handler with a step)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('public_report_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('public_reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // RECEIVE | ACKNOWLEDGE | INVESTIGATE | LINK_CAMERA | FORWARD | RESOLVE
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('outcome', 'text')
    .addColumn('camera_id', 'text')
    .addColumn('photo_id', 'text')
    .execute();
  await db.schema.createIndex('public_report_steps_seq_idx').on('public_report_steps').columns(['report_id', 'seq']).unique().execute();

  await db.schema
    .createTable('public_report_forwardings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().unique().references('public_reports.id'))
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('admin_division_code', 'text', (c) => c.notNull())
    // HAND_DELIVERY | POST | EMAIL | PHONE | POLICE_PLATFORM | OTHER
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('forwarded_by', 'text', (c) => c.notNull())
    .addColumn('forwarded_by_name', 'text', (c) => c.notNull())
    .addColumn('forwarded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_report_forwardings').execute();
  await db.schema.dropTable('public_report_steps').execute();
  await db.schema.dropTable('public_report_photos').execute();
  await db.schema.dropTable('public_reports').execute();
}
