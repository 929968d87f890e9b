/**
 * The health monitor over a real database and alarm store, fed fake recorder status: it raises each
 * condition once, ends it on recovery (also after a restart), alarms every long gap once, tells the bus
 * when a camera goes offline and comes back, and raises the worker-restart event with the cameras.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustosEvent } from '../../../src/events/event-bus.ts';
import { HealthMonitor, type HealthMonitorDeps } from '../../../src/events/health/health-monitor.ts';
import { DEFAULT_THRESHOLDS } from '../../../src/events/health/thresholds.ts';
import { initialStatus, type CameraRecordingStatus } from '../../../src/recorder/camera-status.ts';
import { closeOpenGaps, recordGap } from '../../../src/recording/gap-repository.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';

describe.each(DIALECTS)('health monitor (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  const events: CustosEvent[] = [];
  let statuses: CameraRecordingStatus[] = [];

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
    t.services.bus.subscribe((event) => {
      events.push(event);
    });
  });
  afterAll(() => t.close());

  const monitor = (extra: Partial<HealthMonitorDeps> = {}) =>
    new HealthMonitor({ db: t.db.db, clock: t.clock, alarms: t.services.alarms, bus: t.services.bus, thresholds: DEFAULT_THRESHOLDS, recorderStatus: () => statuses, ...extra });
  const later = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));
  const statusOf = (cameraId: string, patch: Partial<CameraRecordingStatus>): CameraRecordingStatus => ({
    ...initialStatus(cameraId, t.clock.now()),
    state: 'online',
    fps: 25,
    bitrateBps: 1_000_000,
    ...patch,
  });
  const open = (kind: string, cameraId?: string) => t.services.alarms.list(t.admin.principal, { kind: kind as never, open: true, ...(cameraId ? { cameraId } : {}) });

  it('raises CAMERA_OFFLINE once after 30 s down, publishes availability with the camera name, and ends it when media flows again', async () => {
    const a1 = world.cameras.A1;
    const m = monitor();
    statuses = [statusOf(a1, { since: t.clock.now().toISOString() })];
    await m.tick();
    const online = events.filter((e) => e.type === 'camera.availability');
    expect(online).toMatchObject([{ cameraId: a1, online: true }]);
    expect(online[0]!.type === 'camera.availability' && online[0]!.cameraName).not.toBe(a1);
    const downAt = t.clock.now().toISOString();
    statuses = [statusOf(a1, { state: 'offline', since: downAt, reason: 'connection lost' })];
    later(20);
    await m.tick();
    expect(await open('CAMERA_OFFLINE', a1)).toHaveLength(0);
    later(15);
    await m.tick();
    await m.tick();
    const raised = await open('CAMERA_OFFLINE', a1);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ startedAt: downAt, details: { state: 'offline', reason: 'connection lost', thresholdSeconds: 30 } });
    expect(events.filter((e) => e.type === 'camera.availability').map((e) => e.type === 'camera.availability' && e.online)).toEqual([true, false]);
    // Still down a minute later: the same alarm, its figures brought up to date.
    later(60);
    await m.tick();
    expect(await open('CAMERA_OFFLINE', a1)).toMatchObject([{ id: raised[0]!.id, details: { downSeconds: 95 } }]);
    later(5);
    statuses = [statusOf(a1, { since: t.clock.now().toISOString() })];
    await m.tick();
    expect(await open('CAMERA_OFFLINE', a1)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'camera.availability').map((e) => e.type === 'camera.availability' && e.online)).toEqual([true, false, true]);
  });

  it('a new monitor ends an alarm the last run left open once its camera is no longer recorded', async () => {
    const a2 = world.cameras.A2;
    await t.services.alarms.raise({ kind: 'CLOCK_DRIFT', cameraId: a2, details: { driftMs: 5000 } });
    statuses = [];
    await monitor().tick();
    expect(await open('CLOCK_DRIFT', a2)).toHaveLength(0);
  });

  it('RECORDING_GAP: one instant alarm per ended gap of 60 s or more, naming it; shorter or open gaps none', async () => {
    const b1 = world.cameras.B1;
    const now = t.clock.now().getTime();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const long = await recordGap(t.db.db, { cameraId: b1, fromAt: iso(-400_000), toAt: iso(-100_000), reason: 'CONNECTION_LOST' }, t.clock.now());
    await recordGap(t.db.db, { cameraId: b1, fromAt: iso(-90_000), toAt: iso(-40_000), reason: 'CONNECTION_LOST' }, t.clock.now());
    await recordGap(t.db.db, { cameraId: b1, fromAt: iso(-30_000), reason: 'CONNECTION_LOST' }, t.clock.now());
    statuses = [];
    await monitor().tick();
    await monitor().tick();
    const gaps = await t.services.alarms.list(t.admin.principal, { kind: 'RECORDING_GAP', cameraId: b1 });
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ subject: long.id, startedAt: long.fromAt, endedAt: long.fromAt, details: { gapId: long.id, from: long.fromAt, to: long.toAt, seconds: 300 } });
  });

  it('REG-15-8 RECORDING_LOSS: raised once a camera\'s gaps of the last hour (clipped to it, an open one up to now) add up to 60 s, ended when they fall below', async () => {
    const a2 = world.cameras.A2;
    const start = t.clock.now().getTime();
    const iso = (ms: number) => new Date(start + ms).toISOString();
    const m = monitor();
    statuses = [statusOf(a2, {})];
    // 10 s of this one lie within the hour; twelve holes of 4 s each, none long enough for RECORDING_GAP.
    await recordGap(t.db.db, { cameraId: a2, fromAt: iso(-3_620_000), toAt: iso(-3_590_000), reason: 'CONNECTION_LOST' }, t.clock.now());
    for (let i = 0; i < 12; i++) await recordGap(t.db.db, { cameraId: a2, fromAt: iso(-600_000 + i * 30_000), toAt: iso(-596_000 + i * 30_000), reason: 'FRAMES_LOST', detail: 'about 100 frames missing' }, t.clock.now());
    await m.tick();
    expect(await open('RECORDING_LOSS', a2)).toHaveLength(0);
    // An outage begins: counted up to now. 10 s later the first gap has left the hour: 48 + 10 s.
    await recordGap(t.db.db, { cameraId: a2, fromAt: iso(0), reason: 'CONNECTION_LOST' }, t.clock.now());
    later(10);
    await m.tick();
    expect(await open('RECORDING_LOSS', a2)).toHaveLength(0);
    later(2);
    await m.tick();
    const raised = await open('RECORDING_LOSS', a2);
    expect(raised).toMatchObject([{ kind: 'RECORDING_LOSS', severity: 'WARNING', category: 'HEALTH', details: { missingSeconds: 60, thresholdSeconds: 60, windowMinutes: 60, gaps: 13, secondsByReason: { FRAMES_LOST: 48, CONNECTION_LOST: 12 } } }]);
    expect(await t.services.alarms.list(t.admin.principal, { kind: 'RECORDING_GAP', cameraId: a2 })).toHaveLength(0);
    await closeOpenGaps(t.db.db, a2, iso(12_000));
    later(60);
    await m.tick();
    expect(await open('RECORDING_LOSS', a2)).toMatchObject([{ id: raised[0]!.id }]);
    // The holes leave the hour.
    later(3600 - 600);
    await m.tick();
    expect(await open('RECORDING_LOSS', a2)).toHaveLength(0);
  });

  it('storage and ledger rules raise system alarms from their facts and end them on recovery', async () => {
    let achievableDays = 20;
    let latestAt = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const m = monitor({
      storageEveryMs: 0,
      storage: async () => ({
        forecast: { freeBytes: 1, totalBytes: 2, storedBytes: 0, usableBytes: 1, dailyIngestBytes: 1, neededBytes: 0, achievableDays, retentionDays: 30, daysUntilAtRisk: null, exhausted: false, reserveBytes: 0 },
        suspended: [],
      }),
      ledger: async () => ({ treeSize: 5, latest: { treeSize: 4, at: latestAt } }),
    });
    statuses = [];
    await m.tick();
    expect(await open('STORAGE_AT_RISK')).toMatchObject([{ subject: 'system', cameraId: null, details: { achievableDays: 20 } }]);
    expect(await open('LEDGER_CHECKPOINT_OVERDUE')).toMatchObject([{ details: { unsignedLeaves: 1 } }]);
    achievableDays = 40;
    latestAt = t.clock.now().toISOString();
    await m.tick();
    expect(await open('STORAGE_AT_RISK')).toHaveLength(0);
    expect(await open('LEDGER_CHECKPOINT_OVERDUE')).toHaveLength(0);
  });

  it('RECORDER_WORKER_RESTARTED names the cameras the replacement took over', async () => {
    await monitor().workerRestarted({ exitCode: 1, cameraIds: [world.cameras.A1, world.cameras.B1] });
    const [alarm] = await t.services.alarms.list(t.admin.principal, { kind: 'RECORDER_WORKER_RESTARTED' });
    expect(alarm).toMatchObject({ subject: 'system', details: { exitCode: 1, cameraIds: [world.cameras.A1, world.cameras.B1], cameras: 2 } });
    expect(alarm!.endedAt).toBe(alarm!.startedAt);
  });
});
