/** Row shape of the public sign codes (migration 0025), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface PublicSignCodesTable {
  code: string;
  signId: string;
  siteId: string;
  createdAt: string;
}

export interface PublicTables {
  publicSignCodes: PublicSignCodesTable;
}

export type PublicDb = Kysely<Database & PublicTables>;
export const publicDb = (db: Db | PublicDb): PublicDb => db as unknown as PublicDb;
