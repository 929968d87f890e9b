/**
 * The recorder processes for `GET /api/cluster/recorders`: in a cluster the rows of recorder_nodes with the
 * leases each holds; in one process, that process itself with the cameras it records.
 */
import { hostname } from 'node:os';
import type { Db } from '../db/connect.ts';
import type { RecorderView } from '../recorder/recorder-view.ts';
import { VERSION } from '../version.ts';
import { databaseNowMs, instantMs, listCameraLeases, listRecorderNodes, nodeState, type RecorderNodeState } from './cluster-reads.ts';

export interface HeldCamera {
  cameraId: string;
  /** When the lease runs out unless renewed; null in one process (no leases). */
  leaseExpiresAt: string | null;
  /** The lease ran out (a lost or stopped recorder's cameras, until another claims them). */
  expired: boolean;
}

export interface RecorderNodeView {
  id: string;
  host: string;
  pid: number;
  version: string;
  state: RecorderNodeState;
  startedAt: string;
  heartbeatAt: string;
  stoppedAt: string | null;
  cameras: HeldCamera[];
}

export interface RecorderNodesSource {
  mode: 'single' | 'cluster';
  nodes(): Promise<RecorderNodeView[]>;
}

/** One process: itself, alive, with the cameras its recorder records (none without a recorder). */
export function localRecorderNodes(recorder: RecorderView | undefined, options: { nodeId?: string | undefined; startedAt: Date }): RecorderNodesSource {
  return {
    mode: 'single',
    nodes: () => {
      if (!recorder) return Promise.resolve([]);
      const node: RecorderNodeView = {
        id: options.nodeId ?? `${hostname()}-${process.pid}`,
        host: hostname(),
        pid: process.pid,
        version: VERSION,
        state: 'alive',
        startedAt: options.startedAt.toISOString(),
        heartbeatAt: new Date().toISOString(),
        stoppedAt: null,
        cameras: recorder.status().map((s) => ({ cameraId: s.cameraId, leaseExpiresAt: null, expired: false })),
      };
      return Promise.resolve([node]);
    },
  };
}

/** A cluster: every recorder node ever registered, alive or not, with its leases, judged by the database's clock. */
export function clusterRecorderNodes(db: Db, leaseSeconds: number): RecorderNodesSource {
  return {
    mode: 'cluster',
    async nodes() {
      const [nowMs, rows, leases] = await Promise.all([databaseNowMs(db), listRecorderNodes(db), listCameraLeases(db)]);
      return rows.map((row) => ({
        id: row.id,
        host: row.host,
        pid: row.pid,
        version: row.version,
        state: nodeState(row, nowMs, leaseSeconds),
        startedAt: row.startedAt,
        heartbeatAt: row.heartbeatAt,
        stoppedAt: row.stoppedAt,
        cameras: leases
          .filter((lease) => lease.holder === row.id)
          .map((lease) => ({ cameraId: lease.cameraId, leaseExpiresAt: lease.expiresAt, expired: !(instantMs(lease.expiresAt) > nowMs) })),
      }));
    },
  };
}
