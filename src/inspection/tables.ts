/** Row shapes of the inspection tables (migration 0029), with the conventions of src/db/tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/tables.ts';

export interface InspectorAccountsTable {
  id: string;
  userId: string;
  officerName: string;
  organ: string;
  warrantRef: string;
  /** The inspected unit: the account is administered by its administrators. */
  unitId: string;
  scopeType: string;
  /** JSON array: the unit's id (UNIT) or the sites' ids (SITE). */
  scopeIds: string;
  /** JSON array: the grants of the INSPECTOR role requested for the scope. */
  grantIds: string;
  validFrom: string;
  validTo: string;
  createdBy: string;
  createdAt: string;
}

export interface InspectionPackagesTable {
  id: string;
  unitId: string;
  /** JSON array of the sites covered. */
  siteIds: string;
  periodFrom: string;
  periodTo: string;
  generatedBy: string;
  generatedAt: string;
  sha256: string;
  /** The package's JSON, exactly as downloaded. */
  body: string;
}

export interface InspectionTables {
  inspectorAccounts: InspectorAccountsTable;
  inspectionPackages: InspectionPackagesTable;
}

export type InspectionDb = Kysely<Database & InspectionTables>;
export const inspectionDb = (db: Db | InspectionDb): InspectionDb => db as unknown as InspectionDb;
