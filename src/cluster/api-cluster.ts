/**
 * What makes `custos serve` processes of one cluster (cluster.enabled, PostgreSQL) behave as one behind
 * a load balancer: the leadership that runs the once-only jobs, sign-in throttling shared in the
 * database, and the event bus bridged between the processes. The public routes' rate limits are shared
 * by src/http/app.ts from the same configuration. One process alone: none of it, always the leader.
 */
import { hostname } from 'node:os';
import type { DbHandle } from '../db/connect.ts';
import type { EventBus } from '../events/event-bus.ts';
import { PgLoginThrottle } from '../access/accounts/pg-login-throttle.ts';
import type { SignInThrottle } from '../access/accounts/login-throttle.ts';
import { AdvisoryLeadership } from './advisory-leadership.ts';
import { clusterLedgerKeyDiffers } from './api-cluster-errors.ts';
import { requirePostgres } from './require-postgres.ts';
import type { ClusterConfig } from './config.ts';
import { startBridgedBus } from './event-bridge.ts';
import { soleProcess, type Leadership } from './leadership.ts';

export interface ClusterLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ApiCluster {
  leadership: Leadership;
  /** For createServices: shared throttling and the bridged bus (undefined alone: the defaults). */
  throttle: SignInThrottle | undefined;
  bus: EventBus | undefined;
  /** The app's logger, once it exists (what happened before is logged as the current state). */
  useLog(log: ClusterLog): void;
  /** Refuses a node whose ledger key is not the one the cluster's checkpoints are signed with. */
  checkLedgerKey(ledger: { key(): Promise<{ keyId: string }>; checkpoints(limit: number): Promise<{ keyId: string }[]> }): Promise<void>;
  stop(): Promise<void>;
}

const ALONE: ApiCluster = {
  leadership: soleProcess,
  throttle: undefined,
  bus: undefined,
  useLog: () => undefined,
  checkLedgerKey: async () => undefined,
  stop: async () => undefined,
};

export async function startApiCluster(config: ClusterConfig, db: DbHandle, url: string, options: { retryMs?: number } = {}): Promise<ApiCluster> {
  if (!config.enabled) return ALONE;
  requirePostgres(db.dialect);
  let log: ClusterLog | undefined;
  const lateLog: ClusterLog = { info: (obj, msg) => log?.info(obj, msg), warn: (obj, msg) => log?.warn(obj, msg) };
  const target = { url, schema: db.schema };
  const nodeId = config.nodeId ?? `${hostname()}-${process.pid}`;
  const leadership = new AdvisoryLeadership({ ...target, log: lateLog, ...(options.retryMs ? { retryMs: options.retryMs } : {}) });
  await leadership.start();
  let events: Awaited<ReturnType<typeof startBridgedBus>>;
  try {
    events = await startBridgedBus(db, url, nodeId, lateLog);
  } catch (error) {
    await leadership.stop();
    throw error;
  }
  return {
    leadership,
    throttle: new PgLoginThrottle(db.db),
    bus: events.bus,
    useLog(appLog) {
      log = appLog;
      appLog.info({ nodeId, leader: leadership.isLeader }, 'cluster: API process joined');
    },
    async checkLedgerKey(ledger) {
      const [latest] = await ledger.checkpoints(1);
      const own = await ledger.key();
      if (latest && latest.keyId !== own.keyId) throw clusterLedgerKeyDiffers(own.keyId, latest.keyId);
    },
    async stop() {
      await events.stop();
      await leadership.stop();
    },
  };
}
