/**
 * Art. 21 viewing requests (REG-21-1 … REG-21-6): the request with the requester's identity,
 * relationship and purpose; its proof documents (SHA-256, stored under the data folder); the
 * consent decision and its scope (JSON cameras × windows); non-dissemination acknowledgements;
 * and the supervised view-only sessions, each tied to its one register entry.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('art21_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    // PENDING_CONSENT | APPROVED | REJECTED | CLOSED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('requester_id_type', 'text', (c) => c.notNull())
    .addColumn('requester_id_number', 'text', (c) => c.notNull())
    .addColumn('requester_employer', 'text')
    .addColumn('requester_contact', 'text')
    // SELF | CLOSE_RELATIVE | GUARDIAN | CARER | CUSTODIAN
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('relationship_subtype', 'text')
    // LIFE_HEALTH | PROPERTY_SAFETY
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('purpose_description', 'text', (c) => c.notNull())
    .addColumn('related_person', 'text', (c) => c.notNull())
    .addColumn('incident_at', 'text', (c) => c.notNull())
    .addColumn('incident_place', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('scope', 'text')
    .addColumn('scope_justification', 'text')
    .addColumn('notification', 'text')
    .execute();
  await db.schema.createIndex('art21_requests_status_idx').on('art21_requests').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('art21_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('art21_requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('art21_acknowledgements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('art21_requests.id'))
    .addColumn('signed_name', 'text', (c) => c.notNull())
    .addColumn('text_sha256', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addColumn('witnessed_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('art21_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('art21_requests.id'))
    .addColumn('acknowledgement_id', 'text', (c) => c.notNull().references('art21_acknowledgements.id'))
    .addColumn('supervisor_id', 'text', (c) => c.notNull())
    .addColumn('register_entry_id', 'text', (c) => c.notNull())
    .addColumn('ranges', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('art21_sessions').execute();
  await db.schema.dropTable('art21_acknowledgements').execute();
  await db.schema.dropTable('art21_documents').execute();
  await db.schema.dropTable('art21_requests').execute();
}
