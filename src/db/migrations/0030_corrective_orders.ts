/**
 * Corrective orders 责令改正 (REG-24-3): the public security organ's order as the unit received it
 * (reference, organ, date, the articles it is made under, the time limit, the sites concerned), its
 * required items with their links to findings and tasks, and the documents: the scan of the order and
 * each item's evidence of correction (SHA-256, stored under the data folder). Rows are written once;
 * only the closure of an item or of the order fills its closing columns, once.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('corrective_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('issuing_organ', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    // JSON: the penalty articles the order is made under, e.g. ["29"]
    .addColumn('articles', 'text', (c) => c.notNull())
    .addColumn('limit_days', 'integer')
    .addColumn('due_date', 'text', (c) => c.notNull())
    // JSON: the sites concerned
    .addColumn('site_ids', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    // OPEN | CLOSED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('corrective_orders_status_idx').on('corrective_orders').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('corrective_orders_reference_idx').on('corrective_orders').columns(['unit_id', 'reference']).unique().execute();

  await db.schema
    .createTable('corrective_order_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('corrective_orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('assignee', 'text')
    // JSON: [{ruleId, code, subject}]
    .addColumn('finding_links', 'text', (c) => c.notNull())
    // JSON: [{kind, id?, text?}]
    .addColumn('task_links', 'text', (c) => c.notNull())
    // OPEN | CLOSED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence_note', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('corrective_order_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('corrective_orders.id'))
    // null: the scan of the order itself
    .addColumn('item_id', 'text')
    // ORDER_SCAN | EVIDENCE
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('corrective_order_documents').execute();
  await db.schema.dropTable('corrective_order_items').execute();
  await db.schema.dropTable('corrective_orders').execute();
}
