/**
 * Row shapes of the corrective-order tables (migration 0030), reached through `ordersDb()` so that
 * src/db/tables.ts stays the registry's. Conventions of tables.ts: JSON as text, dates as ISO text.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/tables.ts';

export interface CorrectiveOrdersTable {
  id: string;
  unitId: string;
  reference: string;
  issuingOrgan: string;
  issuedOn: string;
  /** JSON: string[] of penalty articles. */
  articles: string;
  limitDays: number | null;
  dueDate: string;
  /** JSON: string[]. */
  siteIds: string;
  summary: string | null;
  status: string;
  recordedBy: string;
  recordedAt: string;
  closedBy: string | null;
  closedAt: string | null;
}

export interface CorrectiveOrderItemsTable {
  id: string;
  orderId: string;
  position: number;
  text: string;
  dueDate: string | null;
  assignee: string | null;
  /** JSON: FindingLink[]. */
  findingLinks: string;
  /** JSON: TaskLink[]. */
  taskLinks: string;
  status: string;
  evidenceNote: string | null;
  closedBy: string | null;
  closedAt: string | null;
}

export interface CorrectiveOrderDocumentsTable {
  id: string;
  orderId: string;
  itemId: string | null;
  kind: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  path: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface CorrectiveOrderTables {
  correctiveOrders: CorrectiveOrdersTable;
  correctiveOrderItems: CorrectiveOrderItemsTable;
  correctiveOrderDocuments: CorrectiveOrderDocumentsTable;
}

export type OrdersDb = Kysely<Database & CorrectiveOrderTables>;

/** The same connection (or transaction), typed with the corrective-order tables. */
export const ordersDb = (db: Db): OrdersDb => db as unknown as OrdersDb;
