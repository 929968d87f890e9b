/** All reads and writes of state-organ requests, their documents and hand-overs (art. 20). */
import type { Db } from '../../db/connect.ts';
import { stateOrganDb, type StateOrganDocumentsTable, type StateOrganHandoversTable, type StateOrganRequestsTable } from '../../db/state-organ-tables.ts';
import { DOCUMENT_KINDS, type DocumentKind, type Handover, type Officer, type RequestStatus, type ScopeRange, type StateOrganRequest, type StoredDocument } from './model.ts';

type RequestRow = StateOrganRequestsTable;

function toDocument(row: StateOrganDocumentsTable): StoredDocument {
  return {
    id: row.id,
    requestId: row.requestId,
    kind: row.kind as DocumentKind,
    type: row.docType,
    number: row.docNumber,
    date: row.docDate,
    fileName: row.fileName,
    contentType: row.contentType,
    sha256: row.sha256,
    sizeBytes: Number(row.sizeBytes),
    scopeAdded: row.scopeAdded ? (JSON.parse(row.scopeAdded) as ScopeRange[]) : null,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt,
  };
}

/** Whether an emergency request has passed its documents deadline with no legal-basis document. */
export function docsOverdue(row: Pick<RequestRow, 'emergency' | 'docsDueAt' | 'status'>, hasBasisDoc: boolean, now: Date): boolean {
  return row.emergency === 1 && row.status === 'APPROVED' && !hasBasisDoc && row.docsDueAt !== null && Date.parse(row.docsDueAt) < now.getTime();
}

function toRequest(row: RequestRow, documents: StoredDocument[], now: Date): StateOrganRequest {
  const hasBasisDoc = documents.some((d) => d.kind === 'LEGAL_BASIS');
  return {
    id: row.id,
    organName: row.organName,
    organType: row.organType,
    officers: JSON.parse(row.officers) as Officer[],
    purpose: row.purpose,
    caseNumber: row.caseNumber,
    emergency: row.emergency === 1,
    scope: JSON.parse(row.scope) as ScopeRange[],
    status: row.status as RequestStatus,
    designatedApprover: row.designatedApprover,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    verbal: row.verbal === 1,
    docsDueAt: row.docsDueAt,
    accessUntil: row.accessUntil,
    holdIds: JSON.parse(row.holdIds) as string[],
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    closeNote: row.closeNote,
    postCloseDays: Number(row.postCloseDays),
    documents,
    emergencyDocsOverdue: docsOverdue(row, hasBasisDoc, now),
  };
}

function toHandover(row: StateOrganHandoversTable): Handover {
  return { ...row, bundleBytes: Number(row.bundleBytes), segments: Number(row.segments), recipients: JSON.parse(row.recipients) as Officer[] };
}

export const stateOrganRepository = {
  async insertRequest(db: Db, row: RequestRow): Promise<void> {
    await stateOrganDb(db).insertInto('stateOrganRequests').values(row).execute();
  },

  async row(db: Db, id: string): Promise<RequestRow | undefined> {
    return stateOrganDb(db).selectFrom('stateOrganRequests').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async get(db: Db, id: string, now: Date): Promise<StateOrganRequest | undefined> {
    const row = await this.row(db, id);
    return row ? toRequest(row, await this.documents(db, id), now) : undefined;
  },

  async list(db: Db, filter: { status?: RequestStatus }, now: Date): Promise<StateOrganRequest[]> {
    let query = stateOrganDb(db).selectFrom('stateOrganRequests').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    const rows = await query.orderBy('createdAt', 'desc').orderBy('id').execute();
    const out: StateOrganRequest[] = [];
    for (const row of rows) out.push(toRequest(row, await this.documents(db, row.id), now));
    return out;
  },

  /** Changes a request only while it is still in `from` (so two deciders cannot both win). */
  async update(db: Db, id: string, from: RequestStatus, changes: Partial<RequestRow>): Promise<boolean> {
    const result = await stateOrganDb(db).updateTable('stateOrganRequests').set(changes).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async insertDocument(db: Db, row: StateOrganDocumentsTable): Promise<StoredDocument> {
    await stateOrganDb(db).insertInto('stateOrganDocuments').values(row).execute();
    return toDocument(row);
  },

  async documents(db: Db, requestId: string): Promise<StoredDocument[]> {
    const rows = await stateOrganDb(db).selectFrom('stateOrganDocuments').selectAll().where('requestId', '=', requestId).orderBy('uploadedAt').orderBy('id').execute();
    // Uploaded at the same instant: the legal basis first, then amendments, then receipts.
    const rank = (kind: string): number => DOCUMENT_KINDS.indexOf(kind as DocumentKind);
    return rows.map(toDocument).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || rank(a.kind) - rank(b.kind));
  },

  async insertHandover(db: Db, row: StateOrganHandoversTable): Promise<Handover> {
    await stateOrganDb(db).insertInto('stateOrganHandovers').values(row).execute();
    return toHandover(row);
  },

  async handover(db: Db, id: string): Promise<Handover | undefined> {
    const row = await stateOrganDb(db).selectFrom('stateOrganHandovers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toHandover(row) : undefined;
  },

  async handovers(db: Db, requestId: string): Promise<Handover[]> {
    const rows = await stateOrganDb(db).selectFrom('stateOrganHandovers').selectAll().where('requestId', '=', requestId).orderBy('handedOverAt').orderBy('id').execute();
    return rows.map(toHandover);
  },

  async updateHandover(db: Db, id: string, changes: Partial<StateOrganHandoversTable>): Promise<void> {
    await stateOrganDb(db).updateTable('stateOrganHandovers').set(changes).where('id', '=', id).execute();
  },
};
