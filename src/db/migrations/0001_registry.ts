import { PostgresAdapter, type Kysely, type CreateTableBuilder } from 'kysely';

/* Migrations take Kysely<any>: they describe the schema, they do not read typed rows. */
/* eslint-disable @typescript-eslint/no-explicit-any */

function withTimestamps<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('units')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit_type', 'text', (c) => c.notNull())
      .addColumn('uscc', 'text', (c) => c.unique())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('legal_representative', 'text', (c) => c.notNull())
      .addColumn('contact_name', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('responsible_persons', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('commissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contractor_unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('principal_unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('admin_division_code', 'text', (c) => c.notNull())
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('place_category', 'text', (c) => c.notNull())
      .addColumn('place_subtype', 'text')
      .addColumn('put_into_use_date', 'text')
      .addColumn('storage_period_days', 'integer', (c) => c.notNull())
      .addColumn('entrusted_operator', 'text')
      .addColumn('security_obligation', 'text')
      .addColumn('networked_to_psb', 'integer', (c) => c.notNull())
      .addColumn('recorder_count', 'integer', (c) => c.notNull())
      .addColumn('boundary', 'text')
      .addColumn('active', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('zones')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('zone_type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('polygon', 'text', (c) => c.notNull())
      .addColumn('transparent_edges', 'text', (c) => c.notNull())
      .addColumn('openings', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('cameras')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('device_type', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('position', 'text')
      .addColumn('mount_height_m', 'double precision')
      .addColumn('heading_deg', 'double precision')
      .addColumn('tilt_deg', 'double precision')
      .addColumn('hfov_deg', 'double precision')
      .addColumn('range_m', 'double precision')
      .addColumn('ptz', 'text')
      .addColumn('masks', 'text', (c) => c.notNull())
      .addColumn('zone_type', 'text')
      .addColumn('public_security_area', 'text')
      .addColumn('necessity', 'text', (c) => c.notNull())
      .addColumn('placement_rationale', 'text', (c) => c.notNull())
      .addColumn('installed_by_unit_id', 'text', (c) => c.references('units.id'))
      .addColumn('installed_at', 'text')
      .addColumn('confidential_proximity', 'text')
      .addColumn('retention_days', 'integer', (c) => c.notNull())
      .addColumn('audio_enabled', 'integer', (c) => c.notNull())
      .addColumn('audio_justification', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('activated_at', 'text')
      .addColumn('signage_override_reason', 'text'),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('signs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('placement_note', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('photo_ref', 'text')
      .addColumn('installed_at', 'text')
      .addColumn('camera_ids', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('consents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('consenting_unit', 'text', (c) => c.notNull())
      .addColumn('reference_no', 'text', (c) => c.notNull())
      .addColumn('consent_date', 'text', (c) => c.notNull())
      .addColumn('scope_note', 'text', (c) => c.notNull())
      .addColumn('document_sha256', 'text')
      .addColumn('placements', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('filings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('dataset', 'text')
      .addColumn('dataset_sha256', 'text')
      .addColumn('attested_by', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('receipt_no', 'text')
      .addColumn('filed_at', 'text')
      .addColumn('authority', 'text')
      .addColumn('returned_reason', 'text'),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('filing_authorities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('admin_division_code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull()),
  ).execute();

  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('history')
    .addColumn('seq', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();

  for (const [table, column] of [
    ['sites', 'unit_id'],
    ['zones', 'site_id'],
    ['cameras', 'site_id'],
    ['signs', 'site_id'],
    ['consents', 'site_id'],
    ['filings', 'site_id'],
  ] as const) {
    await db.schema.createIndex(`${table}_${column}_idx`).on(table).column(column).execute();
  }
  await db.schema.createIndex('history_entity_idx').on('history').columns(['entity_type', 'entity_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['history', 'filing_authorities', 'filings', 'consents', 'signs', 'cameras', 'zones', 'sites', 'commissions', 'units']) {
    await db.schema.dropTable(table).execute();
  }
}
