/**
 * Row shapes of the state-organ request tables (art. 20, migration 0016), with the conventions of
 * src/db/tables.ts (0/1 booleans, JSON text, ISO instants). The disclosure module reaches them
 * through `stateOrganDb()`, so that src/db/tables.ts stays the registry's.
 */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface StateOrganRequestsTable {
  id: string;
  organName: string;
  organType: string;
  purpose: string;
  caseNumber: string;
  emergency: number;
  /** JSON: [{name, credentialNumber}] */
  officers: string;
  /** JSON: [{cameraId, from, to}] */
  scope: string;
  status: string;
  designatedApprover: string | null;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  verbal: number;
  docsDueAt: string | null;
  accessUntil: string | null;
  /** JSON: hold ids created for the scope (approval and amendments). */
  holdIds: string;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  postCloseDays: number;
}

export interface StateOrganDocumentsTable {
  id: string;
  requestId: string;
  /** LEGAL_BASIS | AMENDMENT | RECEIPT */
  kind: string;
  docType: string;
  docNumber: string;
  docDate: string;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  /** JSON: the scope ranges an amendment added; null otherwise. */
  scopeAdded: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

export interface StateOrganHandoversTable {
  id: string;
  requestId: string;
  exportId: string;
  fileName: string;
  bundleSha256: string;
  bundleBytes: number;
  segments: number;
  registerEntryId: string;
  handedOverBy: string;
  handedOverByName: string;
  handedOverAt: string;
  /** JSON: [{name, credentialNumber}] */
  recipients: string;
  organName: string;
  marking: string;
  handlingNote: string;
  signedBy: string | null;
  signedAt: string | null;
  receiptDocumentId: string | null;
}

export interface StateOrganTables {
  stateOrganRequests: StateOrganRequestsTable;
  stateOrganDocuments: StateOrganDocumentsTable;
  stateOrganHandovers: StateOrganHandoversTable;
}

export type StateOrganDb = Kysely<Database & StateOrganTables>;

/** The same connection (or transaction), typed with the state-organ tables. */
export const stateOrganDb = (db: Db | StateOrganDb): StateOrganDb => db as unknown as StateOrganDb;
