/** `custos serve` / `npm start`: configuration, database with migrations, HTTP server. */
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { databaseUrl } from './config/load.ts';
import type { Config } from './config/schema.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from './db/connect.ts';
import { createServices, type Services } from './app/services.ts';
import type { GbPlatformApi } from './gb28181/platform-api.ts';
import { buildApp } from './http/app.ts';
import { seedDemo } from './app/demo-seed.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { RecorderService } from './recorder/recorder-service.ts';
import { reportTamper } from './analytics/tamper/tamper-alarms.ts';
import { sourceAddressPolicy } from './registry/source-address-policy.ts';
import { startDemoCamera, type DemoCamera } from './app/demo-camera.ts';
import { startRetentionJob } from './retention/sweep-job.ts';
import { startLedgerSchedule } from './ledger/ledger-schedule.ts';
import { HealthMonitor } from './events/health/health-monitor.ts';
import { startHealthJob } from './events/health/health-job.ts';
import { thresholdsOf } from './events/health/thresholds.ts';
import { permissionsWarning, secureDataFiles } from './security/data-permissions.ts';
import { startEventsOut } from './events/out/start-events-out.ts';
import { VENDOR_DEFAULT_CREDENTIALS } from './events/security/security-config.ts';
import { createSegmentStores } from './storage/segment-stores.ts';
import { TierMover } from './storage/tier-mover.ts';
import { startSecuritySchedule } from './events/security/security-schedule.ts';
import { startSyslogOutput } from './events/security/syslog/syslog-subscriber.ts';
import { startDemoGbDevice, type DemoGbDevice } from './app/demo-gb-device.ts';
import { startCascade } from './gb28181/cascade/cascade-service.ts';
import { VERSION } from './version.ts';
import { startMinuteCheck } from './app/minute-check.ts';
import { startApiClusterSide } from './cluster/api-cluster-side.ts';
import { startApiCluster } from './cluster/api-cluster.ts';
import { whenLeader } from './cluster/leadership.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: DbHandle;
  url: string;
  recorder: RecorderService | undefined;
  /** The server's services (tests raise alarms through them). */
  services: Services;
  /** While no user exists: the one-time setup token of the printed link (tests use it). */
  setupToken: string | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: boolean;
  /** Print the first-run setup link to stdout (default true). */
  printSetupLink?: boolean;
  /** A GB/T 28181 platform made elsewhere (browser tests give a double); none: the one configuration starts, if any. */
  gbPlatform?: GbPlatformApi;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  // Owner-only data folder and database files, tightened (and reported below) when an older install left them open.
  const loosened = secureDataFiles(config.dataDir, databaseUrl(config));
  // Until the app's logger exists a lost connection goes unreported (the query using it fails anyway).
  const dbLog: { to?: { warn(fields: object, message: string): void } } = {};
  const db = connectDatabase(databaseUrl(config), {
    onConnectionLost: (error) => dbLog.to?.warn({ err: error }, 'database connection lost; the next query opens a new one'),
  });
  await migrateToLatest(db);
  // Cluster mode: leadership for the once-only jobs below, shared sign-in throttling, events across processes.
  const cluster = await startApiCluster(config.cluster, db, databaseUrl(config));
  const { leadership } = cluster;
  const clock = options.clock ?? systemClock;
  // The listening port joins once known (server.port may be 0): camera sources may never point at it.
  const ownPorts = [config.server.port];
  const sourceAddresses = sourceAddressPolicy(config, () => ownPorts);
  let gbLogger: { info(fields: object, message: string): void; warn(fields: object, message: string): void } | undefined;
  const sessions = { idleMinutes: config.auth.sessionIdleMinutes, lifetimeHours: config.auth.sessionLifetimeHours };
  const services = createServices(db.db, clock, config.dataDir, sessions, {
    segmentStores: await createSegmentStores(config.storage, config.dataDir),
    tokens: { maxDays: config.auth.apiTokenMaxDays },
    anchorFile: config.ledger.anchorFile,
    art21: config.art21,
    publicReports: config.publicReports,
    sourceAddresses,
    webhooks: config.events.webhooks,
    ownPorts: () => ownPorts,
    security: config.security,
    onvifPort: config.security.onvifPort,
    gb28181: config.gb28181,
    // The app's logger exists only later; until then GB/T 28181 notes go nowhere (the platform starts after it).
    gbLog: (level, message, fields) => gbLogger?.[level](fields ?? {}, message),
    accessLog: (level, message, fields) => gbLogger?.[level](fields ?? {}, message),
    onvif: config.onvif,
    defaultCredentials: config.security.defaultCredentialCheck ? (config.security.defaultCredentials ?? VENDOR_DEFAULT_CREDENTIALS) : undefined,
    gbPlatform: options.gbPlatform,
    throttle: cluster.throttle,
    bus: cluster.bus,
  });
  try {
    // Made at first start; refused (E_LEDGER_KEY_MISSING) when checkpoints exist and the key file is gone.
    await services.ledger.key();
    // Every API process of a cluster signs with the same key: <dataDir>/keys copied from the first node.
    await cluster.checkLedgerKey(services.ledger);
  } catch (error) {
    await cluster.stop();
    await db.close();
    throw error;
  }
  // TOTP secrets written in plain text by an older version are encrypted before anyone signs in.
  await services.totp.sealPlainSecrets();
  let demo: DemoCamera | undefined;
  if (config.demo.enabled) {
    demo = await startDemoCamera(config.demo.simulatorPort, { onvif: config.demo.onvif });
    await seedDemo(services, clock, demo.url);
    // The discovery button finds the demo camera by unicast, wherever multicast does not reach.
    if (demo.onvif) services.onvifDiscovery.addTarget(demo.onvif.discoveryTarget);
  }
  // In a cluster the `custos recorder` processes record (src/cluster/recorder-process.ts); an API process records nothing.
  const recorder = config.recording.enabled && !config.cluster.enabled
    ? new RecorderService({
        db: db.db,
        dataDir: config.dataDir,
        clock,
        segmentMs: config.recording.segmentSeconds * 1000,
        clockToleranceMs: config.recording.cameraClockToleranceSeconds * 1000,
        transport: config.recording.transport,
        ffmpegPath: config.recording.ffmpegPath,
        workers: config.recording.workers === 'auto' ? availableParallelism() : config.recording.workers,
        databaseUrl: databaseUrl(config),
        suspended: () => services.retention.capacity.suspendedIds(),
        sourcePolicy: sourceAddresses,
        // Tamper (art. 23(2)): onsets raise the kind's alarm with before/after pictures, ends resolve it.
        // Changes come only once recording starts, after the app (and its logger) exists.
        onTamper: (change) => void reportTamper(services.alarms, change).catch((error: unknown) => app.log.warn({ err: error, cameraId: change.cameraId }, 'tamper alarm not recorded')),
        // gb28181:// cameras: the SIP platform INVITEs the device to send PS over RTP to the recorder's port.
        ...(services.gbPlatform ? { gbMedia: services.gbPlatform, gbMediaHost: config.gb28181.mediaHost ?? config.gb28181.host } : {}),
        stores: services.segmentStores,
      })
    : undefined;
  services.tamper.attach(recorder);
  // Cluster mode: status from what the recorder processes report, live video from the one holding each camera.
  const clusterSide = config.cluster.enabled ? await startApiClusterSide(db.db, config, { warn: (fields, message) => app.log.warn(fields, message) }) : undefined;
  const recorderView = clusterSide?.view ?? recorder;
  const app = await buildApp({ config, db, services, recorder: recorderView, recorderNodes: clusterSide?.nodes, logger: options.logger ?? true });
  // The bucket's object lock is checked before anything is stored (storage.s3.objectLock = required refuses).
  await services.segmentStores.start(app.log);
  const warning = permissionsWarning(loosened);
  if (warning) app.log.warn(warning);
  cluster.useLog(app.log);
  dbLog.to = app.log;
  const url = await app.listen({ host: config.server.host, port: config.server.port });
  const listening = app.server.address();
  if (listening && typeof listening === 'object') ownPorts.push(listening.port);
  // The follower runs every 5 s and signs a checkpoint whenever the tree grew (anchored out of the database).
  const ledgerJobs = startLedgerSchedule(services.ledger, app.log, { checkpointSeconds: config.ledger.checkpointSeconds, leadership });
  // Deletions a crash interrupted are settled first; then the sweep and the full-disk policy run every 5 min (art. 17).
  const retentionJob = await startRetentionJob(services.retention, app.log, { leadership });
  // Tiered storage: local segments past tiered.localHours to the bucket, verified (s3 mode: upload failures).
  // In a cluster the leader moves the files of its own folder; each recorder moves its own.
  const tierMover = config.storage.mode === 'local' ? undefined : new TierMover({ db: db.db, clock, stores: services.segmentStores, leadership, source: config.cluster.enabled ? 'folder' : 'index', log: app.log }).start();
  // Alarms, availability and checkpoints out: MQTT (with Home Assistant discovery) and signed webhooks; pending deliveries resume.
  // ONVIF motion and tamper events of the active cameras added by ONVIF (pull points, reconnected with backoff).
  if (config.onvif.events.enabled) await services.onvifEvents.startAll();
  const eventsOut = await startEventsOut(config.events, { db: db.db, clock, services, log: app.log, leadership });
  // Security alarms (art. 23) to the syslog collector; background verification of the register and the ledger.
  services.security.onError((error) => app.log.error({ err: error }, 'security signal not raised'));
  const syslog = startSyslogOutput(services.bus, config.events.syslog, (error) => app.log.warn({ err: error }, 'syslog collector unreachable'));
  // Art. 24 public reports past their first-action time raise PUBLIC_REPORT_SLA_BREACHED; corrective orders
  // near or past their limit raise CORRECTIVE_ORDER_DUE_SOON / _OVERDUE (checked every minute, by the leader).
  const publicReportSla = startMinuteCheck('public report SLA check', whenLeader(leadership, () => services.publicReports.handling.checkSla()), app.log);
  const orderDeadlines = startMinuteCheck('corrective order deadline check', whenLeader(leadership, () => services.correctiveOrders.checkDeadlines()), app.log);
  const securityJobs = startSecuritySchedule(
    { db: db.db, register: services.register, history: services.history, security: services.security, dataDir: config.dataDir, anchorFile: config.ledger.anchorFile, checkIdentities: () => services.identity.checkAll(), segments: services.segmentStores.reader, log: app.log, leadership },
    config.security,
  );
  // No default password: while no user exists, a one-time link creates the first administrator.
  // Printed to stdout, never to the logger, which must not see secrets.
  const setupToken = await services.setup.issueToken();
  if (setupToken && options.printSetupLink !== false) {
    process.stdout.write(`\nCustos: no user yet. Create the first administrator (link valid 24 h, once):\n  ${url}/#setup=${setupToken}\n\n`);
  }
  // GB/T 28181 (gb28181.enabled): devices register to us over SIP (UDP and TCP) on gb28181.sipPort,
  // before the recorder starts so that its gb28181:// cameras find the platform there.
  let demoGb: DemoGbDevice | undefined;
  if (services.gbPlatform) {
    gbLogger = app.log;
    await services.gbPlatform.start();
    app.log.info({ port: services.gbPlatform.port, sipId: config.gb28181.sipId }, 'GB/T 28181 platform listening');
    if (config.demo.enabled && config.demo.gb28181 && config.gb28181.password) {
      demoGb = await startDemoGbDevice({ platformId: config.gb28181.sipId, domain: config.gb28181.domain, port: services.gbPlatform.port, password: config.gb28181.password });
    }
  }
  if (recorder) {
    recorder.onLog(app.log);
    await recorder.start();
  }
  // Cascading upward (cascade.upward[]): registered to the superior platforms, sharing only the named cameras.
  const cascade = await startCascade(config.cascade.upward, { db: db.db, register: services.register, clock, version: VERSION });
  // Health alarms (art. 15, REG-15-8): cameras offline or unstable, gaps, clock drift, storage, the ledger.
  const health = new HealthMonitor({
    db: db.db,
    clock,
    alarms: services.alarms,
    bus: services.bus,
    thresholds: thresholdsOf(config),
    recorderStatus: () => recorderView?.status() ?? [],
    storage: async () => {
      const report = await services.retention.capacity.report();
      return { forecast: report.forecast, suspended: report.suspended.map((s) => s.cameraId) };
    },
    ledger: async () => {
      const [latest] = await services.ledger.checkpoints(1);
      return { treeSize: await services.ledger.size(), latest };
    },
    log: app.log,
  });
  recorder?.onWorkerRestart((restart) => void health.workerRestarted(restart).catch((error: unknown) => app.log.warn({ err: error }, 'worker restart alarm failed')));
  const healthJob = startHealthJob(health, config.health.intervalSeconds, leadership);
  return {
    app,
    db,
    url,
    recorder,
    services,
    setupToken,
    async close() {
      ledgerJobs.stop();
      retentionJob.stop();
      await tierMover?.stop();
      await healthJob.stop();
      securityJobs.stop();
      publicReportSla.stop();
      orderDeadlines.stop();
      await recorder?.stop();
      clusterSide?.stop();
      await cascade.stop();
      await demoGb?.close();
      await services.gbPlatform?.stop();
      await services.onvifEvents.stopAll();
      // After the recorder: what stopping it raises still goes out; then MQTT says offline.
      await eventsOut.stop();
      await app.close();
      await services.security.settled();
      await syslog?.stop();
      await demo?.close();
      await cluster.stop();
      services.segmentStores.close();
      await db.close();
    },
  };
}
