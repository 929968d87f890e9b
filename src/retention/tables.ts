/**
 * Row shapes of the retention tables (migration 0009) and of the deletion log `segment_deletions`
 * (migration 0008, owned by the ledger), with the conventions of src/db/tables.ts. The retention
 * module reaches them through `retentionDb()`, so that src/db/tables.ts stays the registry's.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/tables.ts';

export interface RetentionCameraSettingsTable {
  cameraId: string;
  priority: string;
  basisType: string | null;
  citation: string | null;
  updatedAt: string;
}

export interface RetentionPurposeLinksTable {
  id: string;
  cameraId: string;
  fromAt: string;
  toAt: string;
  basisType: string;
  ref: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface RetentionHoldsTable {
  id: string;
  basisType: string;
  citation: string;
  requestId: string | null;
  owner: string;
  createdAt: string;
  createdBy: string;
  reviewAt: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

export interface RangeRow {
  cameraId: string;
  fromAt: string | null;
  toAt: string | null;
}

export interface RetentionHoldRangesTable extends RangeRow {
  holdId: string;
}

export interface RetentionOrdersTable {
  id: string;
  authority: string;
  documentNo: string;
  orderDate: string;
  documentSha256: string | null;
  article: string;
  deactivateCameras: number;
  status: string;
  approvals: string;
  createdAt: string;
  createdBy: string;
  executedAt: string | null;
  certificate: string | null;
}

export interface RetentionOrderRangesTable extends RangeRow {
  orderId: string;
}

export interface RecordingSuspensionsTable {
  cameraId: string;
  reason: string;
  since: string;
  detail: string | null;
}


export interface RetentionTables {
  retentionCameraSettings: RetentionCameraSettingsTable;
  retentionPurposeLinks: RetentionPurposeLinksTable;
  retentionHolds: RetentionHoldsTable;
  retentionHoldRanges: RetentionHoldRangesTable;
  retentionOrders: RetentionOrdersTable;
  retentionOrderRanges: RetentionOrderRangesTable;
  recordingSuspensions: RecordingSuspensionsTable;
}

export type RetentionDb = Kysely<Omit<Database, keyof RetentionTables> & RetentionTables>;

/** The same connection (or transaction), typed with the retention tables. */
export const retentionDb = (db: Db | RetentionDb): RetentionDb => db as unknown as RetentionDb;
