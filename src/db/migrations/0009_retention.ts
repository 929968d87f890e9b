/**
 * Retention (art. 17, arts. 26–28): per-camera retention settings (priority, basis of a longer
 * retention), purpose links (REG-17-4), legal holds and their ranges (REG-17-5), ordered deletions
 * (REG-26-2) and capacity suspensions (REG-17-2, AMB-17). Deletions themselves are logged in
 * `segment_deletions` (migration 0008).
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_camera_settings')
    .addColumn('camera_id', 'text', (c) => c.primaryKey())
    // HIGH | NORMAL | LOW: which streams stop first when storage runs out (AMB-17).
    .addColumn('priority', 'text', (c) => c.notNull())
    // LAW | ADMIN_REGULATION | LOCAL_REGULATION | STANDARD | CONTRACT | UNIT_CHOICE, null when none is cited.
    .addColumn('basis_type', 'text')
    .addColumn('citation', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('retention_purpose_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    // INCIDENT | REQUEST | COMPLAINT
    .addColumn('basis_type', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema.createIndex('retention_purpose_links_camera_idx').on('retention_purpose_links').columns(['camera_id', 'closed_at']).execute();
  await db.schema.createIndex('retention_purpose_links_ref_idx').on('retention_purpose_links').columns(['basis_type', 'ref']).execute();

  await db.schema
    .createTable('retention_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // LAW | ADMIN_REGULATION | STATE_ORGAN_REQUEST | INCIDENT | LITIGATION | OTHER
    .addColumn('basis_type', 'text', (c) => c.notNull())
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('review_at', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .addColumn('released_by', 'text')
    .addColumn('release_reason', 'text')
    .execute();

  await db.schema
    .createTable('retention_hold_ranges')
    .addColumn('hold_id', 'text', (c) => c.notNull().references('retention_holds.id'))
    .addColumn('camera_id', 'text', (c) => c.notNull())
    // Null ends: open on that side (all footage before / after).
    .addColumn('from_at', 'text')
    .addColumn('to_at', 'text')
    .execute();
  await db.schema.createIndex('retention_hold_ranges_camera_idx').on('retention_hold_ranges').columns(['camera_id', 'hold_id']).execute();

  await db.schema
    .createTable('retention_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('document_no', 'text', (c) => c.notNull().unique())
    .addColumn('order_date', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text')
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('deactivate_cameras', 'integer', (c) => c.notNull())
    // RECORDED | EXECUTED
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: [{by, at}]
    .addColumn('approvals', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('executed_at', 'text')
    // JSON certificate: counts, bytes, chain heads per camera.
    .addColumn('certificate', 'text')
    .execute();

  await db.schema
    .createTable('retention_order_ranges')
    .addColumn('order_id', 'text', (c) => c.notNull().references('retention_orders.id'))
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text')
    .addColumn('to_at', 'text')
    .execute();
  await db.schema.createIndex('retention_order_ranges_order_idx').on('retention_order_ranges').column('order_id').execute();

  await db.schema
    .createTable('recording_suspensions')
    .addColumn('camera_id', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['recording_suspensions', 'retention_order_ranges', 'retention_orders', 'retention_hold_ranges', 'retention_holds', 'retention_purpose_links', 'retention_camera_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
