/**
 * The retention module wired together (art. 17, arts. 26–28): settings, purposes, holds, ordered
 * deletions, the sweeper, the capacity guard, status and the deletion log, over one database, one
 * clock and one data folder. The HTTP app, the CLI and the server's job all use this.
 */
import type { Db } from '../db/connect.ts';
import { segmentsRoot } from '../recording/local-segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import { CapacityService, type CapacityEvent } from './capacity-service.ts';
import type { DeletionFs, DiskProbe } from './deletion-fs.ts';
import { deletionsCsv, listDeletions, type DeletionLogQuery } from './deletion-log.ts';
import type { RetentionActor } from './history.ts';
import { HoldsService } from './holds-service.ts';
import { OrdersService } from './orders-service.ts';
import { PurposesService } from './purposes-service.ts';
import { SegmentDeleter, type ObjectDeleter } from './segment-deleter.ts';
import { SettingsService } from './settings-service.ts';
import { StatusService } from './status-service.ts';
import { RetentionSweeper, type SweepOptions, type SweepReport } from './sweeper.ts';
import type { CapacityReport } from './capacity-service.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import type { Principal } from '../access/principal.ts';
import { RetentionScope } from './retention-scope.ts';
import { RetentionReach } from './retention-reach.ts';

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  /** The registry's camera changes (policy gate, history, change filing). */
  cameras: {
    update(id: string, patch: unknown, actor: { name: string; reason?: string }): Promise<unknown>;
    deactivate(id: string, actor: { name: string; reason?: string }): Promise<unknown>;
  };
  /** The object gate of signed-in users (the HTTP app); absent for the CLI and the server's jobs. */
  gate?: ObjectGate;
  fs?: DeletionFs;
  /** Where segment bytes are: the deleter removes objects from the bucket (config `storage`). */
  stores?: { s3?: ObjectDeleter | undefined };
  probe?: DiskProbe;
  reserveBytes?: number;
  onEvent?(event: CapacityEvent): void;
}

export interface SweepAndCapacity {
  sweep: SweepReport;
  capacity: CapacityReport;
}

const actorOf = (a: RetentionActor) => ({ name: a.name, ...(a.reason ? { reason: a.reason } : {}) });

export function createRetention(d: RetentionDeps) {
  const ctx = { db: d.db, clock: d.clock };
  const gated = { ...ctx, ...(d.gate ? { gate: d.gate } : {}) };
  const scope = new RetentionScope(d.db, d.gate);
  const objects = d.stores?.s3;
  const deleter = new SegmentDeleter({ db: d.db, root: segmentsRoot(d.dataDir), ...(d.fs ? { fs: d.fs } : {}), ...(objects ? { objects } : {}) });
  const settings = new SettingsService({
    ...gated,
    updateRetentionDays: async (id, days, actor) => {
      await d.cameras.update(id, { retentionDays: days }, actorOf(actor));
    },
  });
  const capacity = new CapacityService({ ...ctx, dataDir: d.dataDir, probe: d.probe, reserveBytes: d.reserveBytes, priorities: () => settings.priorities(), onEvent: (e) => d.onEvent?.(e) });
  const sweeper = new RetentionSweeper({ ...ctx, deleter });
  const holds = new HoldsService(gated);
  const status = new StatusService({ ...gated, settings, suspendedIds: () => capacity.suspendedIds() });
  const purposes = new PurposesService(gated);
  const findings = async () => [...(await holds.findings()), ...(await settings.findings()), ...(await capacity.report()).findings];
  return {
    deleter,
    settings,
    capacity,
    sweeper,
    holds,
    purposes,
    orders: new OrdersService({
      ...gated,
      deleter,
      deactivateCamera: async (id, actor) => {
        await d.cameras.deactivate(id, actorOf(actor)).catch(() => undefined);
      },
    }),
    status,
    /** Capacity and findings as a signed-in user may see them. */
    reach: new RetentionReach({ db: d.db, gate: d.gate, capacity, holds, findings }),
    deletions: {
      list: async (q: Partial<DeletionLogQuery> = {}, viewer?: Principal) => scope.visible(viewer, await listDeletions(d.db, q), (e) => [e.cameraId]),
      csv: async (q: Partial<DeletionLogQuery> = {}, viewer?: Principal) => deletionsCsv(await scope.visible(viewer, await listDeletions(d.db, q), (e) => [e.cameraId])),
    },
    /** What the server does every few minutes: the sweep, then the full-disk policy. */
    async run(options: SweepOptions = {}): Promise<SweepAndCapacity> {
      const sweep = await sweeper.sweep(options);
      return { sweep, capacity: await capacity.enforce() };
    },
    /** Retention findings for the compliance view: overdue hold reviews, retention choices for legal review, capacity. */
    findings,
  };
}

export type Retention = ReturnType<typeof createRetention>;
