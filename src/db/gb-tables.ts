/** Row shapes of the GB/T 28181 tables (migration 0022), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface GbDevicesTable {
  deviceId: string;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  transport: string;
  host: string;
  port: number;
  online: number;
  registeredAt: string | null;
  expiresAt: string | null;
  lastKeepaliveAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GbChannelsTable {
  deviceId: string;
  channelId: string;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  status: string | null;
  parentId: string | null;
  civilCode: string | null;
  address: string | null;
  ptzType: number | null;
  longitude: number | null;
  latitude: number | null;
  cameraId: string | null;
  removed: number;
  updatedAt: string;
}

export interface GbDeviceSecretsTable {
  deviceId: string;
  passwordSealed: string;
  updatedAt: string;
}

export interface GbTables {
  gbDevices: GbDevicesTable;
  gbChannels: GbChannelsTable;
  gbDeviceSecrets: GbDeviceSecretsTable;
}

export type GbDb = Kysely<Database & GbTables>;
export const gbDb = (db: Db | GbDb): GbDb => db as unknown as GbDb;
