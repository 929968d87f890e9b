/**
 * A recorder worker thread that dies is replaced (worker-pool-engine.ts); the recorder service reports
 * it, and the health monitor raises RECORDER_WORKER_RESTARTED naming the cameras the new worker took over.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../../src/db/connect.ts';
import { alarmRepository } from '../../../src/events/alarm-repository.ts';
import { HealthMonitor } from '../../../src/events/health/health-monitor.ts';
import { DEFAULT_THRESHOLDS } from '../../../src/events/health/thresholds.ts';
import { DEFAULT_CLIPS } from '../../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../../src/media/simulator/server.ts';
import type { WorkerRestart } from '../../../src/recorder/engine.ts';
import { RecorderService } from '../../../src/recorder/recorder-service.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { cameraBody, siteBody, unitBody } from '../../support/fixtures.ts';
import { waitFor } from '../../recorder/support/segments.ts';

describe('recorder worker restarts', { timeout: 120_000 }, () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    await sim?.close();
    await db?.close();
  });

  it('a worker killed mid-recording is replaced, reported with its cameras, and raised as an instant health alarm', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-worker-restart-'));
    const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    db = connectDatabase(databaseUrl);
    await migrateToLatest(db);
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    const services = createServices(db.db, systemClock, dataDir);
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: 'Dock', sourceUrl: sim.url(1) }), actor);
    await services.signs.create({ siteId: site.id, location: 'S1', photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
    await services.cameras.activate(camera.id, {}, actor);
    recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, segmentMs: 2000, workers: 1, databaseUrl, reconcileMs: 500 });
    const monitor = new HealthMonitor({ db: db.db, clock: systemClock, alarms: services.alarms, bus: services.bus, thresholds: DEFAULT_THRESHOLDS, recorderStatus: () => recorder!.status() });
    const restarts: WorkerRestart[] = [];
    recorder.onWorkerRestart((restart) => {
      restarts.push(restart);
      void monitor.workerRestarted(restart);
    });
    await recorder.start();
    await waitFor(() => recorder!.statusOf(camera.id)?.state === 'online', 60_000);

    // The machine's edge: the thread dies as it would from a native crash or an out-of-memory kill.
    const engine = (recorder as unknown as { engine: { workers: { worker: Worker }[] } }).engine;
    const killedAt = new Date().toISOString();
    await engine.workers[0]!.worker.terminate();

    await waitFor(() => restarts.length === 1, 10_000);
    expect(restarts[0]).toEqual({ exitCode: 1, cameraIds: [camera.id] });
    await waitFor(async () => (await alarmRepository.list(db!.db, { kinds: ['RECORDER_WORKER_RESTARTED'] })).length === 1, 10_000);
    const [alarm] = await alarmRepository.list(db.db, { kinds: ['RECORDER_WORKER_RESTARTED'] });
    expect(alarm).toMatchObject({ category: 'HEALTH', subject: 'system', details: { exitCode: 1, cameraIds: [camera.id], cameras: 1 } });
    expect(alarm!.endedAt).toBe(alarm!.startedAt);
    // The replacement records the camera again: a status of its own, online since after the kill.
    await waitFor(() => {
      const status = recorder!.statusOf(camera.id);
      return status?.state === 'online' && status.since > killedAt;
    }, 60_000);
  });
});
