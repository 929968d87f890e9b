/** Row shape of the ONVIF camera table (migration 0024), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface OnvifCamerasTable {
  cameraId: string;
  deviceUrl: string;
  endpoint: string | null;
  mainProfile: string;
  subProfile: string | null;
  substreamUrl: string | null;
  ptzProfile: string | null;
  events: number;
  mac: string | null;
  addedAt: string;
}

export interface OnvifTables {
  onvifCameras: OnvifCamerasTable;
}

export type OnvifDb = Kysely<Database & OnvifTables>;
export const onvifDb = (db: Db | OnvifDb): OnvifDb => db as unknown as OnvifDb;
