/** Row shapes of the tamper tables (migration 0021), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface TamperSettingsTable {
  cameraId: string;
  enabled: number;
  sensitivity: string;
  /** JSON: std, contrast, sharpness, frames. */
  reference: string | null;
  /** base64 of the 160×120 grey frame. */
  referenceFrame: string | null;
  learnedAt: string | null;
  updatedAt: string;
}

export interface TamperRelearnsTable {
  id: string;
  cameraId: string;
  userId: string;
  userName: string;
  reason: string;
  at: string;
}

export interface TamperTables {
  tamperSettings: TamperSettingsTable;
  tamperRelearns: TamperRelearnsTable;
}

export type TamperDb = Kysely<Database & TamperTables>;
export const tamperDb = (db: Db | TamperDb): TamperDb => db as unknown as TamperDb;
