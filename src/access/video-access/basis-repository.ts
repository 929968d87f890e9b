/**
 * The records a basis may name (REG-16-4): an open legal hold, an open retention purpose (incident,
 * request or complaint), or an approved export request; each read only where it covers one camera
 * and a whole time range (ISO instants, as stored).
 */
import type { Db } from '../../db/connect.ts';
import { retentionDb } from '../../retention/tables.ts';
import { holdInForceAt } from '../../retention/hold-in-force.ts';

export interface CoveredRange {
  cameraId: string;
  from: string;
  to: string;
}

export const basisRepository = {
  /** A hold not released (or whose release is scheduled after `now`) whose ranges hold the camera over the whole range (an open end holds everything on that side). */
  async openHoldCovers(db: Db, holdId: string, r: CoveredRange, now: Date): Promise<boolean> {
    const row = await retentionDb(db)
      .selectFrom('retentionHolds as h')
      .innerJoin('retentionHoldRanges as hr', 'hr.holdId', 'h.id')
      .select('h.id')
      .where('h.id', '=', holdId)
      .where(holdInForceAt('h.releasedAt', now))
      .where('hr.cameraId', '=', r.cameraId)
      .where((eb) => eb.or([eb('hr.fromAt', 'is', null), eb('hr.fromAt', '<=', r.from)]))
      .where((eb) => eb.or([eb('hr.toAt', 'is', null), eb('hr.toAt', '>=', r.to)]))
      .executeTakeFirst();
    return row !== undefined;
  },

  /** An open purpose link of the case (by its reference or its own id) over the camera and the whole range. */
  async openPurposeCovers(db: Db, basisType: string, ref: string, r: CoveredRange): Promise<boolean> {
    const row = await retentionDb(db)
      .selectFrom('retentionPurposeLinks')
      .select('id')
      .where('basisType', '=', basisType)
      .where((eb) => eb.or([eb('ref', '=', ref), eb('id', '=', ref)]))
      .where('closedAt', 'is', null)
      .where('cameraId', '=', r.cameraId)
      .where('fromAt', '<=', r.from)
      .where('toAt', '>=', r.to)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** An approved (or carried-out) export request the user asked for or decided, over the camera and the whole range. */
  async approvedRequestCovers(db: Db, requestId: string, userId: string, r: CoveredRange): Promise<boolean> {
    const row = await db
      .selectFrom('exportRequests')
      .select(['cameraIds'])
      .where('id', '=', requestId)
      .where('status', 'in', ['APPROVED', 'USED'])
      .where((eb) => eb.or([eb('requestedBy', '=', userId), eb('decidedBy', '=', userId)]))
      .where('fromAt', '<=', r.from)
      .where('toAt', '>=', r.to)
      .executeTakeFirst();
    return row !== undefined && (JSON.parse(row.cameraIds) as string[]).includes(r.cameraId);
  },
};
