/**
 * Row shapes of the public-report tables (migration 0028), reached through `reportsDb()` so that
 * src/db/tables.ts stays the registry's.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/tables.ts';

export interface PublicReportsTable {
  id: string;
  reference: string;
  siteId: string;
  unitId: string;
  signId: string | null;
  violationType: string;
  location: string;
  cameraDescription: string | null;
  seenAt: string | null;
  description: string;
  anonymous: number;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactToPolice: number;
  language: string;
  status: string;
  outcome: string | null;
  cameraId: string | null;
  receivedAt: string;
  firstActionDueAt: string;
  firstActionAt: string | null;
  forwardedAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
}

export interface PublicReportPhotosTable {
  id: string;
  reportId: string;
  kind: string;
  stepId: string | null;
  mediaType: string;
  bytes: number;
  sha256: string;
  path: string;
  uploadedAt: string;
}

export interface PublicReportStepsTable {
  id: string;
  reportId: string;
  seq: number;
  action: string;
  status: string;
  actorId: string | null;
  actorName: string;
  at: string;
  note: string | null;
  outcome: string | null;
  cameraId: string | null;
  photoId: string | null;
}

export interface PublicReportForwardingsTable {
  id: string;
  reportId: string;
  authority: string;
  adminDivisionCode: string;
  channel: string;
  note: string | null;
  forwardedBy: string;
  forwardedByName: string;
  forwardedAt: string;
}

export interface PublicReportTables {
  publicReports: PublicReportsTable;
  publicReportPhotos: PublicReportPhotosTable;
  publicReportSteps: PublicReportStepsTable;
  publicReportForwardings: PublicReportForwardingsTable;
}

export type ReportsDb = Kysely<Database & PublicReportTables>;

/** The same connection (or transaction), typed with the public-report tables. */
export const reportsDb = (db: Db): ReportsDb => db as unknown as ReportsDb;
