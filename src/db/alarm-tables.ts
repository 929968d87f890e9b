/** Row shapes of the alarm table (migration 0019), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

type Json = string;

export interface AlarmsTable {
  id: string;
  kind: string;
  category: string;
  severity: string;
  article: string;
  cameraId: string | null;
  subject: string;
  /** `<kind>:<subject>` while open, null once ended. */
  openKey: string | null;
  startedAt: string;
  endedAt: string | null;
  details: Json;
  snapshots: Json;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  acknowledgedByUnitName: string | null;
  acknowledgedAt: string | null;
  acknowledgementComment: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AlarmTables {
  alarms: AlarmsTable;
}

export type AlarmDb = Kysely<Database & AlarmTables>;
export const alarmDb = (db: Db | AlarmDb): AlarmDb => db as unknown as AlarmDb;
