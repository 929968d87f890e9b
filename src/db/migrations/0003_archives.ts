/** REG-11-1 system archive: documents and their versions (the bytes live in the archive file store). */
import type { Kysely, CreateTableBuilder } from 'kysely';

/* Migrations take Kysely<any>: they describe the schema, they do not read typed rows. */
/* eslint-disable @typescript-eslint/no-explicit-any */

function withTimestamps<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('archive_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('author_unit', 'text', (c) => c.notNull())
      .addColumn('effective_date', 'text', (c) => c.notNull())
      .addColumn('standard_codes', 'text', (c) => c.notNull())
      .addColumn('current_version', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('archive_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('archive_documents.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addColumn('author_unit', 'text', (c) => c.notNull())
      .addColumn('effective_date', 'text', (c) => c.notNull())
      .addUniqueConstraint('archive_versions_document_version_uq', ['document_id', 'version']),
  ).execute();

  await db.schema.createIndex('archive_documents_site_id_idx').on('archive_documents').column('site_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('archive_versions').execute();
  await db.schema.dropTable('archive_documents').execute();
}
