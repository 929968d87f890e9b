/**
 * Row shapes of the art. 21 tables (migration 0017), reached through `art21Db()` so that
 * src/db/tables.ts stays the registry's.
 */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface Art21RequestsTable {
  id: string;
  unitId: string;
  status: string;
  requesterName: string;
  requesterIdType: string;
  requesterIdNumber: string;
  requesterEmployer: string | null;
  requesterContact: string | null;
  relationship: string;
  relationshipSubtype: string | null;
  purpose: string;
  purposeDescription: string;
  relatedPerson: string;
  incidentAt: string;
  incidentPlace: string;
  receivedBy: string;
  receivedAt: string;
  dueAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** JSON: [{cameraId, from, to}]. */
  scope: string | null;
  scopeJustification: string | null;
  /** JSON: {zh, en}, the text sent to the requester on a rejection. */
  notification: string | null;
  /** STAFF (taken in at the counter) | PUBLIC_SIGN (filed from a sign's public page), migration 0027. */
  receivedVia: string;
  /** The reference number a person filing from the public page keeps (A21-XXXX-XXXX-XXXX); null for staff intake. */
  publicReference: string | null;
  /** The site whose sign the person stood under (public intake). */
  siteId: string | null;
}

export interface Art21DocumentsTable {
  id: string;
  requestId: string;
  kind: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  path: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface Art21AcknowledgementsTable {
  id: string;
  requestId: string;
  signedName: string;
  textSha256: string;
  acknowledgedAt: string;
  witnessedBy: string;
}

export interface Art21SessionsTable {
  id: string;
  requestId: string;
  acknowledgementId: string;
  supervisorId: string;
  registerEntryId: string;
  /** JSON: [{cameraId, from, to}], the ranges viewed. */
  ranges: string;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export interface Art21Tables {
  art21Requests: Art21RequestsTable;
  art21Documents: Art21DocumentsTable;
  art21Acknowledgements: Art21AcknowledgementsTable;
  art21Sessions: Art21SessionsTable;
}

export type Art21Db = Kysely<Database & Art21Tables>;

/** The same connection (or transaction), typed with the art. 21 tables. */
export const art21Db = (db: Db): Art21Db => db as unknown as Art21Db;
