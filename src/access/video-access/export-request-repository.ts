/** export_requests: one export asked for, decided by a second person, used once (REG-16-3, REG-16-4). */
import type { Db } from '../../db/connect.ts';
import type { ExportRequestsTable } from '../../db/access-tables.ts';

export const EXPORT_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'USED'] as const;
export type ExportRequestStatus = (typeof EXPORT_REQUEST_STATUSES)[number];

export interface ExportRequest {
  id: string;
  requestedBy: string;
  cameraIds: string[];
  from: string;
  to: string;
  reason: { category: string; text: string };
  basis: { type: string; ref: string } | null;
  status: ExportRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

function toRequest(row: ExportRequestsTable): ExportRequest {
  return {
    id: row.id,
    requestedBy: row.requestedBy,
    cameraIds: JSON.parse(row.cameraIds) as string[],
    from: row.fromAt,
    to: row.toAt,
    reason: { category: row.reasonCategory, text: row.reasonText },
    basis: row.basisType ? { type: row.basisType, ref: row.basisRef ?? '' } : null,
    status: row.status as ExportRequestStatus,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    createdAt: row.createdAt,
  };
}

export const exportRequestRepository = {
  async insert(db: Db, request: ExportRequest): Promise<ExportRequest> {
    await db
      .insertInto('exportRequests')
      .values({
        id: request.id,
        requestedBy: request.requestedBy,
        cameraIds: JSON.stringify(request.cameraIds),
        fromAt: request.from,
        toAt: request.to,
        reasonCategory: request.reason.category,
        reasonText: request.reason.text,
        basisType: request.basis?.type ?? null,
        basisRef: request.basis?.ref ?? null,
        status: request.status,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        createdAt: request.createdAt,
      })
      .execute();
    return request;
  },

  async get(db: Db, id: string): Promise<ExportRequest | undefined> {
    const row = await db.selectFrom('exportRequests').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRequest(row) : undefined;
  },

  async list(db: Db, filter: { requestedBy?: string; status?: string }): Promise<ExportRequest[]> {
    let query = db.selectFrom('exportRequests').selectAll();
    if (filter.requestedBy) query = query.where('requestedBy', '=', filter.requestedBy);
    if (filter.status) query = query.where('status', '=', filter.status);
    return (await query.orderBy('createdAt', 'desc').orderBy('id').limit(1000).execute()).map(toRequest);
  },

  /** Moves a request from one status to another; false when it was no longer in `from` (someone else got there first). */
  async transition(
    db: Db,
    id: string,
    from: ExportRequestStatus,
    to: ExportRequestStatus,
    decision?: { by: string; at: string; note: string | null },
  ): Promise<boolean> {
    const result = await db
      .updateTable('exportRequests')
      .set({ status: to, ...(decision ? { decidedBy: decision.by, decidedAt: decision.at, decisionNote: decision.note } : {}) })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** 姓名 of a user (the approver named in an EXPORT entry). */
  async userName(db: Db, userId: string): Promise<string> {
    const row = await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst();
    return row?.displayName ?? userId;
  },
};
