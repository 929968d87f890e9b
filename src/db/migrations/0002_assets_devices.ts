/**
 * REG-02-2 related facilities (assets), REG-12-1 device product data and conformance declarations,
 * REG-12-2 vulnerability advisories and remediation tasks.
 */
import type { Kysely, CreateTableBuilder } from 'kysely';

/* Migrations take Kysely<any>: they describe the schema, they do not read typed rows. */
/* eslint-disable @typescript-eslint/no-explicit-any */

const PRODUCT_COLUMNS = ['manufacturer', 'model', 'serial_number', 'firmware_version', 'hardware_version'];

function withTimestamps<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

function withProduct<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return PRODUCT_COLUMNS.reduce((t, column) => t.addColumn(column, 'text'), table);
}

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds one column per statement.
  for (const column of PRODUCT_COLUMNS) await db.schema.alterTable('cameras').addColumn(column, 'text').execute();

  await withTimestamps(
    withProduct(
      db.schema
        .createTable('assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('asset_type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('location_note', 'text', (c) => c.notNull())
        .addColumn('holds_footage', 'integer', (c) => c.notNull()),
    ).addColumn('active', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('conformance_declarations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_kind', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('standard', 'text', (c) => c.notNull())
      .addColumn('level', 'text')
      .addColumn('certificate_ref', 'text')
      .addColumn('evidence_doc_id', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('advisories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.unique())
      .addColumn('title', 'text')
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('cves', 'text', (c) => c.notNull())
      .addColumn('products', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addColumn('notify_role', 'text')
      .addColumn('notified_at', 'text'),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('remediation_tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('advisory_id', 'text', (c) => c.notNull().references('advisories.id'))
      .addColumn('device_kind', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('matched_version', 'text', (c) => c.notNull())
      .addColumn('fixed_version', 'text')
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text')
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addUniqueConstraint('remediation_tasks_advisory_device_uq', ['advisory_id', 'device_kind', 'device_id']),
  ).execute();

  await db.schema.createIndex('assets_site_id_idx').on('assets').column('site_id').execute();
  await db.schema.createIndex('conformance_declarations_device_idx').on('conformance_declarations').columns(['device_kind', 'device_id']).execute();
  await db.schema.createIndex('remediation_tasks_status_idx').on('remediation_tasks').columns(['status', 'due_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['remediation_tasks', 'advisories', 'conformance_declarations', 'assets']) await db.schema.dropTable(table).execute();
  for (const column of PRODUCT_COLUMNS) await db.schema.alterTable('cameras').dropColumn(column).execute();
}
