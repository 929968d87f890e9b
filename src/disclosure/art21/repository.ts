/** Every read and write of the art. 21 tables (migration 0017). */
import type { Db } from '../../db/connect.ts';
import { art21Db, type Art21RequestsTable, type Art21SessionsTable } from '../../db/art21-tables.ts';
import type { Acknowledgement, Art21Document, Art21Request, Art21Status, Purpose, Relationship, ScopeItem, ViewingSession } from './model.ts';

const parse = <T>(text: string | null, empty: T): T => (text ? (JSON.parse(text) as T) : empty);

/** The columns the unit's decision fills (REG-21-2); a new request has them empty. */
type DecisionField = 'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'scope' | 'scopeJustification' | 'notification';
const UNDECIDED: Pick<Art21RequestsTable, DecisionField> = { status: 'PENDING_CONSENT', decidedBy: null, decidedAt: null, decisionReason: null, scope: null, scopeJustification: null, notification: null };

function toRequest(row: Art21RequestsTable, documents: Art21Document[], acknowledgement: Acknowledgement | undefined): Art21Request {
  return {
    id: row.id,
    unitId: row.unitId,
    status: row.status as Art21Status,
    requester: { name: row.requesterName, idType: row.requesterIdType, idNumber: row.requesterIdNumber, employer: row.requesterEmployer, contact: row.requesterContact },
    relationship: row.relationship as Relationship,
    relationshipSubtype: row.relationshipSubtype,
    purpose: row.purpose as Purpose,
    purposeDescription: row.purposeDescription,
    relatedPerson: row.relatedPerson,
    incidentAt: row.incidentAt,
    incidentPlace: row.incidentPlace,
    receivedBy: row.receivedBy,
    receivedVia: row.receivedVia === 'PUBLIC_SIGN' ? 'PUBLIC_SIGN' : 'STAFF',
    publicReference: row.publicReference,
    siteId: row.siteId,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionReason: row.decisionReason,
    scope: parse<ScopeItem[]>(row.scope, []),
    scopeJustification: row.scopeJustification,
    notification: parse<{ zh: string; en: string } | null>(row.notification, null),
    documents,
    acknowledgement: acknowledgement ?? null,
  };
}

function toSession(row: Art21SessionsTable): ViewingSession {
  return { ...row, ranges: parse<ScopeItem[]>(row.ranges, []) };
}

export type NewDocumentRow = Art21Document & { requestId: string; path: string; uploadedBy: string };

export const art21Repository = {
  /** A new request, undecided (PENDING_CONSENT), with its proof documents. */
  async insertRequest(db: Db, row: Omit<Art21RequestsTable, DecisionField>, documents: NewDocumentRow[]): Promise<void> {
    await art21Db(db).insertInto('art21Requests').values({ ...row, ...UNDECIDED }).execute();
    for (const d of documents) await art21Db(db).insertInto('art21Documents').values(d).execute();
  },

  async get(db: Db, id: string): Promise<Art21Request | undefined> {
    const row = await art21Db(db).selectFrom('art21Requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRequest(row, await this.documents(db, id), await this.latestAcknowledgement(db, id));
  },

  async list(db: Db, filter: { status?: string }): Promise<Art21Request[]> {
    let q = art21Db(db).selectFrom('art21Requests').selectAll().orderBy('receivedAt', 'desc').orderBy('id');
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q.execute();
    return Promise.all(rows.map(async (r) => toRequest(r, await this.documents(db, r.id), await this.latestAcknowledgement(db, r.id))));
  },

  async byPublicReference(db: Db, reference: string): Promise<Art21RequestsTable | undefined> {
    return art21Db(db).selectFrom('art21Requests').selectAll().where('publicReference', '=', reference).where('receivedVia', '=', 'PUBLIC_SIGN').executeTakeFirst();
  },

  async insertDocument(db: Db, document: NewDocumentRow): Promise<void> {
    await art21Db(db).insertInto('art21Documents').values(document).execute();
  },

  async documents(db: Db, requestId: string): Promise<Art21Document[]> {
    return art21Db(db)
      .selectFrom('art21Documents')
      .select(['id', 'kind', 'fileName', 'mediaType', 'bytes', 'sha256', 'uploadedAt'])
      .where('requestId', '=', requestId)
      .orderBy('uploadedAt')
      .orderBy('id')
      .execute();
  },

  async document(db: Db, requestId: string, documentId: string): Promise<(Art21Document & { path: string }) | undefined> {
    return art21Db(db)
      .selectFrom('art21Documents')
      .select(['id', 'kind', 'fileName', 'mediaType', 'bytes', 'sha256', 'uploadedAt', 'path'])
      .where('requestId', '=', requestId)
      .where('id', '=', documentId)
      .executeTakeFirst();
  },

  /** Decides a pending request; false when it was no longer pending. */
  async decide(db: Db, id: string, set: Pick<Art21RequestsTable, DecisionField>): Promise<boolean> {
    const result = await art21Db(db).updateTable('art21Requests').set(set).where('id', '=', id).where('status', '=', 'PENDING_CONSENT').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async setStatus(db: Db, id: string, from: string, to: string): Promise<boolean> {
    const result = await art21Db(db).updateTable('art21Requests').set({ status: to }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async insertAcknowledgement(db: Db, ack: Acknowledgement): Promise<void> {
    await art21Db(db).insertInto('art21Acknowledgements').values(ack).execute();
  },

  async latestAcknowledgement(db: Db, requestId: string): Promise<Acknowledgement | undefined> {
    return art21Db(db).selectFrom('art21Acknowledgements').selectAll().where('requestId', '=', requestId).orderBy('acknowledgedAt', 'desc').orderBy('id', 'desc').executeTakeFirst();
  },

  async insertSession(db: Db, session: ViewingSession): Promise<void> {
    await art21Db(db)
      .insertInto('art21Sessions')
      .values({ ...session, ranges: JSON.stringify(session.ranges) })
      .execute();
  },

  async session(db: Db, id: string): Promise<ViewingSession | undefined> {
    const row = await art21Db(db).selectFrom('art21Sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSession(row);
  },

  async sessions(db: Db, requestId: string): Promise<ViewingSession[]> {
    const rows = await art21Db(db).selectFrom('art21Sessions').selectAll().where('requestId', '=', requestId).orderBy('startedAt').orderBy('id').execute();
    return rows.map(toSession);
  },

  async endSession(db: Db, id: string, at: string): Promise<boolean> {
    const result = await art21Db(db).updateTable('art21Sessions').set({ endedAt: at }).where('id', '=', id).where('endedAt', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Whether an approved request's scope holds the camera over the whole range (for requireBasis). */
  async approvedScope(db: Db, id: string): Promise<ScopeItem[] | undefined> {
    const row = await art21Db(db).selectFrom('art21Requests').select(['scope']).where('id', '=', id).where('status', '=', 'APPROVED').executeTakeFirst();
    return row ? parse<ScopeItem[]>(row.scope, []) : undefined;
  },
};
