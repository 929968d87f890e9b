/** Row shapes of the cluster tables (migration 0031), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface RecorderNodesTable {
  id: string;
  host: string;
  pid: number;
  version: string;
  liveUrl: string | null;
  startedAt: string;
  heartbeatAt: string;
  stoppedAt: string | null;
}

export interface CameraLeasesTable {
  cameraId: string;
  holder: string;
  epoch: number;
  claimedAt: string;
  renewedAt: string;
  expiresAt: string;
}

export interface RecorderCameraStatusTable {
  cameraId: string;
  nodeId: string;
  status: string;
  updatedAt: string;
}

export interface ClusterTables {
  recorderNodes: RecorderNodesTable;
  cameraLeases: CameraLeasesTable;
  recorderCameraStatus: RecorderCameraStatusTable;
}

export type ClusterDb = Kysely<Database & ClusterTables>;
export const clusterDb = (db: Db | ClusterDb): ClusterDb => db as unknown as ClusterDb;
