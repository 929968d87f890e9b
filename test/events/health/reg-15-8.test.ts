/**
 * REG-15-8 acceptance (art. 15): a real recorder records a real RTSP camera simulator; the health monitor
 * looks at it every 5 s of a clock the test moves forward (recorder and monitor share it, and the
 * simulator's RTCP clock follows it), so that minutes of outage take seconds of wall time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../../src/db/connect.ts';
import type { AlarmRecord } from '../../../src/events/alarm-model.ts';
import { alarmRepository } from '../../../src/events/alarm-repository.ts';
import type { CustosEvent } from '../../../src/events/event-bus.ts';
import { HealthMonitor } from '../../../src/events/health/health-monitor.ts';
import { DEFAULT_THRESHOLDS } from '../../../src/events/health/thresholds.ts';
import { DEFAULT_CLIPS } from '../../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../../src/media/simulator/server.ts';
import { RecorderService } from '../../../src/recorder/recorder-service.ts';
import type { Clock } from '../../../src/shared/clock.ts';
import { cameraBody, siteBody, unitBody } from '../../support/fixtures.ts';
import { waitFor } from '../../recorder/support/segments.ts';

describe('REG-15-8 continuity monitoring with a real recorder and camera simulator', { timeout: 120_000 }, () => {
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  let db: DbHandle;
  let services: Services;
  let sim: Simulator;
  let port: number;
  let recorder: RecorderService;
  let monitor: HealthMonitor;
  let cameraId: string;
  let stoppedAt: number;
  const events: CustosEvent[] = [];

  const status = () => recorder.statusOf(cameraId)!;
  const alarms = (kind: AlarmRecord['kind']) => alarmRepository.list(db.db, { kinds: [kind], cameraIds: [cameraId] });
  /** Moves the shared clock on in steps of the monitor's interval, with a look at each. */
  async function advance(seconds: number, until?: () => Promise<boolean>): Promise<void> {
    for (let s = 0; s < seconds; s += 5) {
      offsetMs += 5000;
      await monitor.tick();
      if (until && (await until())) return;
    }
  }

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-reg-15-8-'));
    db = connectDatabase('sqlite::memory:');
    await migrateToLatest(db);
    services = createServices(db.db, clock, dataDir);
    services.bus.subscribe((event) => {
      events.push(event);
    });
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    port = sim.port;
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: 'Gate 1', sourceUrl: sim.url(1) }), actor);
    await services.signs.create({ siteId: site.id, location: 'S1', photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
    await services.cameras.activate(camera.id, {}, actor);
    cameraId = camera.id;
    recorder = new RecorderService({ db: db.db, dataDir, clock, segmentMs: 2000, workers: 0, reconcileMs: 500 });
    await recorder.start();
    monitor = new HealthMonitor({ db: db.db, clock, alarms: services.alarms, bus: services.bus, thresholds: DEFAULT_THRESHOLDS, recorderStatus: () => recorder.status() });
    await waitFor(() => recorder.statusOf(cameraId)?.state === 'online' && status().segments >= 2, 60_000);
  });
  afterAll(async () => {
    await recorder?.stop();
    await sim?.close();
    await db?.close();
  });

  it('REG-15-8 (1): the simulator stops at T; CAMERA_OFFLINE is raised by T+60 s and the camera is told offline', async () => {
    await monitor.tick();
    expect(events.filter((e) => e.type === 'camera.availability')).toMatchObject([{ cameraId, cameraName: 'Gate 1', online: true }]);
    stoppedAt = clock.now().getTime();
    await sim.close();
    await waitFor(() => status().state !== 'online', 15_000);
    await advance(60, async () => (await alarms('CAMERA_OFFLINE')).length > 0);
    const raisedBy = clock.now().getTime();
    const [offline] = await alarms('CAMERA_OFFLINE');
    expect(offline, 'CAMERA_OFFLINE raised').toBeDefined();
    expect(raisedBy - stoppedAt).toBeLessThanOrEqual(60_000);
    expect(Date.parse(offline!.startedAt) - stoppedAt).toBeLessThan(15_000);
    expect(offline!.endedAt).toBeNull();
    expect(events.filter((e) => e.type === 'camera.availability').map((e) => e.type === 'camera.availability' && e.online)).toEqual([true, false]);
  });

  it('REG-15-8 (2): restarted at T+5 min, a RECORDING_GAP {start≈T, end≈T+5min} exists and CAMERA_OFFLINE ends', async () => {
    offsetMs += stoppedAt + 300_000 - clock.now().getTime();
    const restartedAt = clock.now().getTime();
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', port, clockOffsetMs: { 1: offsetMs } });
    const segmentsBefore = status().segments;
    await waitFor(() => status().state === 'online' && status().segments > segmentsBefore, 60_000);
    await monitor.tick();
    const [gap] = await alarms('RECORDING_GAP');
    expect(gap, 'RECORDING_GAP raised').toBeDefined();
    const details = gap!.details as { from: string; to: string; seconds: number; gapId: string };
    expect(Math.abs(Date.parse(details.from) - stoppedAt)).toBeLessThan(10_000);
    expect(Math.abs(Date.parse(details.to) - restartedAt)).toBeLessThan(30_000);
    expect(details.seconds).toBeGreaterThanOrEqual(290);
    expect(gap!.startedAt).toBe(details.from);
    expect(await alarms('CAMERA_OFFLINE').then((list) => list.filter((a) => a.endedAt === null))).toHaveLength(0);
  });

  it('REG-15-8 (3): the camera clock skewed by 2 s raises CLOCK_DRIFT, which ends once it is right again', async () => {
    await monitor.tick();
    expect((await alarms('CLOCK_DRIFT')).length).toBe(0);
    sim.setClockOffset(1, offsetMs + 2000);
    await waitFor(() => (status().clockDriftMs ?? 0) > 1500, 15_000);
    await monitor.tick();
    const [drift] = await alarms('CLOCK_DRIFT');
    expect(drift).toMatchObject({ endedAt: null, details: { thresholdMs: 1000 } });
    expect((drift!.details as { driftMs: number }).driftMs).toBeGreaterThan(1500);
    expect((drift!.details as { driftMs: number }).driftMs).toBeLessThan(2500);
    sim.setClockOffset(1, offsetMs);
    await waitFor(() => Math.abs(status().clockDriftMs ?? 9999) < 500, 15_000);
    await monitor.tick();
    expect((await alarms('CLOCK_DRIFT'))[0]!.endedAt).not.toBeNull();
  });
});
