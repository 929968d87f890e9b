/**
 * `custos recorder` (issue 16): a process that records the cameras it holds leases on and nothing else (no
 * HTTP API). Wired like the server's recorder (tamper alarms, source address policy, cameras suspended for
 * capacity), plus the lease manager, the status report and the live server the API processes proxy to.
 * Each recorder looks after the segments on its own disk: its tier mover uploads what its folder holds
 * (s3 mode: failed uploads; tiered: past localHours), and the files of segments deleted elsewhere (the
 * leader's sweep, orders) are removed from its folder once their tombstone is logged.
 */
import { availableParallelism, hostname } from 'node:os';
import { reportTamper } from '../analytics/tamper/tamper-alarms.ts';
import { createServices } from '../app/services.ts';
import { startBridgedBus } from './event-bridge.ts';
import { databaseUrl } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../db/connect.ts';
import { RecorderService, type RecorderLog } from '../recorder/recorder-service.ts';
import { sourceAddressPolicy } from '../registry/source-address-policy.ts';
import { KeyRing } from '../security/key-ring.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { InvalidError } from '../shared/errors.ts';
import { VERSION } from '../version.ts';
import { LeaseManager, type LeaseLog } from './lease-manager.ts';
import { setLiveUrl } from './lease-repository.ts';
import { startRecorderLiveServer, type RecorderLiveServer } from './live-server.ts';
import { requirePostgres } from './require-postgres.ts';
import { createSegmentStores, type SegmentStores } from '../storage/segment-stores.ts';
import { TierMover } from '../storage/tier-mover.ts';
import { TombstonedFiles } from '../retention/tombstoned-files.ts';
import { soleProcess } from './leadership.ts';

export interface RecorderProcessOptions {
  clock?: Clock;
  log?: RecorderLog & LeaseLog;
  /** PostgreSQL schema other than the default (tests). */
  databaseSchema?: string;
  /** False: the schema is migrated already (tests, whose schemas migrate under their own lock). */
  migrate?: boolean;
  /** How often the files of deleted segments are looked for (default every minute). */
  tombstonedFilesEveryMs?: number;
}

export interface RecorderProcess {
  nodeId: string;
  db: DbHandle;
  recorder: RecorderService;
  leases: LeaseManager;
  /** Where this recorder writes: its own `<dataDir>/segments` and, unless storage.mode is local, the bucket. */
  stores: SegmentStores;
  /** Moves this recorder's own folder to the bucket (undefined in storage.mode local). */
  mover: TierMover | undefined;
  /** Removes the files of deleted segments from this recorder's folder. */
  tombstonedFiles: TombstonedFiles;
  /** Where the API processes fetch this recorder's live fragments; undefined when its live server did not start. */
  liveUrl: string | undefined;
  /** A clean stop: open segments finished, leases handed back, the node marked stopped. */
  stop(): Promise<void>;
  /** Stops as a crash would (tests): recording and renewals end, the leases are left to lapse. */
  halt(): Promise<void>;
}

const quiet: RecorderLog & LeaseLog = { info: () => undefined, warn: () => undefined };

/** This process's name in the cluster: cluster.nodeId, else `<host name>-<pid>`. */
export function recorderNodeId(config: Config): string {
  return config.cluster.nodeId ?? `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
}

export async function startRecorderProcess(config: Config, options: RecorderProcessOptions = {}): Promise<RecorderProcess> {
  if (!config.cluster.enabled) {
    throw new InvalidError('E_CLUSTER_NOT_ENABLED', {
      message: { zh: 'custos recorder 需要集群模式(cluster.enabled: true)', en: 'custos recorder needs cluster mode (cluster.enabled: true)' },
    });
  }
  const url = databaseUrl(config);
  requirePostgres(url.startsWith('sqlite:') ? 'sqlite' : 'postgres');
  const log = options.log ?? quiet;
  const clock = options.clock ?? systemClock;
  const db = connectDatabase(url, {
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
    onConnectionLost: (error) => log.warn({ err: error }, 'database connection lost; the next query opens a new one'),
  });
  try {
    if (options.migrate !== false) await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const nodeId = recorderNodeId(config);
  const sourceAddresses = sourceAddressPolicy(config, () => []);
  let stores: SegmentStores;
  try {
    stores = await createSegmentStores(config.storage, config.dataDir, { log });
  } catch (error) {
    await db.close();
    throw error;
  }
  // Alarms raised here (tamper) reach the API processes' browsers through the bridged bus.
  let events: Awaited<ReturnType<typeof startBridgedBus>>;
  try {
    events = await startBridgedBus(db, url, nodeId, log);
  } catch (error) {
    stores.close();
    await db.close();
    throw error;
  }
  const services = createServices(db.db, clock, config.dataDir, undefined, { anchorFile: config.ledger.anchorFile, sourceAddresses, bus: events.bus, segmentStores: stores });
  // Each refers to the other only once both exist (the first tick comes after recorder.start()).
  const leases: LeaseManager = new LeaseManager({
    db,
    node: { id: nodeId, host: hostname(), pid: process.pid, version: VERSION },
    config: config.cluster,
    onChange: () => recorder.reconcile(),
    status: () => recorder.status(),
    log,
  });
  const recorder: RecorderService = new RecorderService({
    db: db.db,
    dataDir: config.dataDir,
    // Where segments go (config `storage`): the same stores as the API processes read from.
    stores,
    clock,
    segmentMs: config.recording.segmentSeconds * 1000,
    clockToleranceMs: config.recording.cameraClockToleranceSeconds * 1000,
    transport: config.recording.transport,
    ffmpegPath: config.recording.ffmpegPath,
    workers: config.recording.workers === 'auto' ? availableParallelism() : config.recording.workers,
    databaseUrl: url,
    ...(options.databaseSchema ? { databaseSchema: options.databaseSchema } : {}),
    suspended: () => services.retention.capacity.suspendedIds(),
    sourcePolicy: sourceAddresses,
    onTamper: (change) => void reportTamper(services.alarms, change).catch((error: unknown) => log.warn({ err: error, cameraId: change.cameraId }, 'tamper alarm not recorded')),
    claims: () => leases.claims(),
    fence: nodeId,
  });
  recorder.onLog(log);
  try {
    await recorder.start();
    await leases.start();
  } catch (error) {
    await leases.pause();
    await recorder.stop();
    await events.stop();
    stores.close();
    await db.close();
    throw error;
  }
  let live: RecorderLiveServer | undefined;
  try {
    live = await startRecorderLiveServer({ recorder, host: config.cluster.recorderHost, port: config.cluster.recorderPort, advertiseHost: config.cluster.advertiseHost, key: await new KeyRing(config.dataDir).clusterKey() });
    await setLiveUrl(db.db, nodeId, live.url);
  } catch (error) {
    log.warn({ err: error, nodeId }, 'recorder live server not started: live view of these cameras is unavailable');
  }
  // No leadership: each recorder moves and clears only the files in its own folder.
  const mover = config.storage.mode === 'local' ? undefined : new TierMover({ db: db.db, clock, stores, leadership: soleProcess, source: 'folder', log });
  const tombstonedFiles = new TombstonedFiles({ db: db.db, root: stores.local.root, clock, log });
  const storageJobs = [mover?.start(), tombstonedFiles.start(options.tombstonedFilesEveryMs ?? 60_000)];
  log.info({ nodeId, liveUrl: live?.url ?? null }, 'recorder started');
  let stopping: Promise<void> | undefined;
  const shutdown = (clean: boolean) =>
    (stopping ??= (async () => {
      await leases.pause();
      for (const job of storageJobs) await job?.stop();
      await live?.close();
      await recorder.stop({ gaps: clean });
      if (clean) await leases.release();
      await events.stop();
      stores.close();
      await db.close();
      log.info({ nodeId, clean }, 'recorder stopped');
    })());
  return { nodeId, db, recorder, leases, stores, mover, tombstonedFiles, liveUrl: live?.url, stop: () => shutdown(true), halt: () => shutdown(false) };
}
