/**
 * State-organ requests (art. 20, REG-20-1..5): the request with its organ, officers, purpose and
 * scope; the documents stored with their SHA-256 (legal basis, amendments, signed receipts); the
 * hand-overs of export bundles to the receiving officers.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('state_organ_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organ_name', 'text', (c) => c.notNull())
    // PUBLIC_SECURITY | STATE_SECURITY | PROCURATORATE | COURT | EMERGENCY_MANAGEMENT | OTHER_ADMIN
    .addColumn('organ_type', 'text', (c) => c.notNull())
    // LAW_ENFORCEMENT_CASE | EMERGENCY_RESPONSE | OTHER_STATUTORY
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('emergency', 'integer', (c) => c.notNull())
    .addColumn('officers', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    // PENDING | APPROVED | REJECTED | CLOSED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('designated_approver', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('verbal', 'integer', (c) => c.notNull())
    .addColumn('docs_due_at', 'text')
    .addColumn('access_until', 'text')
    .addColumn('hold_ids', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('close_note', 'text')
    .addColumn('post_close_days', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('state_organ_requests_status_idx').on('state_organ_requests').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('state_organ_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('state_organ_requests.id'))
    // LEGAL_BASIS | AMENDMENT | RECEIPT
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('scope_added', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('state_organ_documents_request_idx').on('state_organ_documents').columns(['request_id', 'uploaded_at']).execute();

  await db.schema
    .createTable('state_organ_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('state_organ_requests.id'))
    .addColumn('export_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('bundle_sha256', 'text', (c) => c.notNull())
    .addColumn('bundle_bytes', 'integer', (c) => c.notNull())
    .addColumn('segments', 'integer', (c) => c.notNull())
    .addColumn('register_entry_id', 'text', (c) => c.notNull())
    .addColumn('handed_over_by', 'text', (c) => c.notNull())
    .addColumn('handed_over_by_name', 'text', (c) => c.notNull())
    .addColumn('handed_over_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('organ_name', 'text', (c) => c.notNull())
    .addColumn('marking', 'text', (c) => c.notNull())
    .addColumn('handling_note', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('receipt_document_id', 'text')
    .execute();
  await db.schema.createIndex('state_organ_handovers_request_idx').on('state_organ_handovers').columns(['request_id', 'handed_over_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('state_organ_handovers').execute();
  await db.schema.dropTable('state_organ_documents').execute();
  await db.schema.dropTable('state_organ_requests').execute();
}
