/**
 * Every second a camera is not recorded is a gap with its reason: a camera deactivated, or whose stream
 * address is removed, gets a CAMERA_DEACTIVATED gap from the end of its last segment, open until its next
 * segment once it records again. A camera handed to another recorder (its lease) gets none from this one,
 * and a server restarted while the camera is inactive adds no second gap over the same time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { listGaps, openGapOf } from '../../src/recording/gap-repository.ts';
import { latestSegment, listSegments } from '../../src/recording/segment-repository.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { DIALECTS, openTestDb } from '../support/db.ts';
import { activeCamera, TEST_ACTOR } from './support/active-camera.ts';
import { ALL_TIME, waitFor } from './support/segments.ts';

describe.each(DIALECTS)('a camera no longer recordable (%s)', (dialect) => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    recorder = undefined;
    await sim?.close();
    await db?.close();
  });

  const setUp = async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-deactgap-'));
    db = await openTestDb(dialect);
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    const services = createServices(db.db, systemClock, dataDir);
    const actor = TEST_ACTOR;
    const camera = await activeCamera(services, sim.url(1));
    const handle = db;
    const count = async () => (await listSegments(handle.db, { cameraId: camera.id, ...ALL_TIME })).length;
    const recordMore = async () => {
      const before = await count();
      await waitFor(async () => (await count()) > before, 60_000);
    };
    const segmentAfter = async (seq: number) => (await listSegments(handle.db, { cameraId: camera.id, ...ALL_TIME })).find((s) => s.seq === seq + 1)!;
    return { dataDir, services, actor, cameraId: camera.id, handle, count, recordMore, segmentAfter, url: sim.url(1) };
  };

  it('deactivation and a removed address each open CAMERA_DEACTIVATED from the last footage, closed by the next segment; a restart meanwhile adds nothing', { timeout: 180_000 }, async () => {
    const { dataDir, services, actor, cameraId, handle, count, recordMore, segmentAfter, url } = await setUp();
    const start = async () => {
      recorder = new RecorderService({ db: handle.db, dataDir, clock: systemClock, segmentMs: 2000, reconcileMs: 500 });
      await recorder.start();
    };
    await start();
    await waitFor(async () => (await count()) >= 2, 60_000);

    await services.cameras.update(cameraId, { sourceUrl: null }, actor);
    await recorder!.reconcile();
    const lastBeforeRemoval = (await latestSegment(handle.db, cameraId))!;
    expect(await openGapOf(handle.db, cameraId)).toMatchObject({ reason: 'CAMERA_DEACTIVATED', fromAt: lastBeforeRemoval.endAt, toAt: null });
    await services.cameras.update(cameraId, { sourceUrl: url }, actor);
    await recorder!.reconcile();
    await recordMore();
    const afterRemoval = await segmentAfter(lastBeforeRemoval.seq);

    await services.cameras.deactivate(cameraId, actor);
    await recorder!.reconcile();
    const lastBeforeDeactivation = (await latestSegment(handle.db, cameraId))!;
    expect(await openGapOf(handle.db, cameraId)).toMatchObject({ reason: 'CAMERA_DEACTIVATED', fromAt: lastBeforeDeactivation.endAt, toAt: null });

    // Stopped and started again while the camera is inactive: no SERVER_STOPPED, no CRASH_RECOVERY over the same time.
    await recorder!.stop();
    await start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await recorder!.reconcile();
    expect((await listGaps(handle.db, { cameraId, ...ALL_TIME })).filter((g) => g.toAt === null)).toEqual([
      expect.objectContaining({ reason: 'CAMERA_DEACTIVATED', fromAt: lastBeforeDeactivation.endAt }),
    ]);

    await services.cameras.activate(cameraId, {}, actor);
    await recorder!.reconcile();
    await recordMore();
    const afterDeactivation = await segmentAfter(lastBeforeDeactivation.seq);
    expect((await listGaps(handle.db, { cameraId, ...ALL_TIME })).map((g) => [g.reason, g.fromAt, g.toAt])).toEqual([
      ['CAMERA_DEACTIVATED', lastBeforeRemoval.endAt, afterRemoval.startAt],
      ['CAMERA_DEACTIVATED', lastBeforeDeactivation.endAt, afterDeactivation.startAt],
    ]);
  });

  it('a camera whose lease this recorder no longer holds is stopped without a gap: the recorder that takes it over records its own', { timeout: 120_000 }, async () => {
    const { dataDir, cameraId, handle, count } = await setUp();
    const claims = new Set([cameraId]);
    recorder = new RecorderService({ db: handle.db, dataDir, clock: systemClock, segmentMs: 2000, reconcileMs: 60_000, claims: () => claims });
    await recorder.start();
    await waitFor(async () => (await count()) >= 1, 60_000);
    claims.delete(cameraId);
    await recorder.reconcile();
    expect(recorder.statusOf(cameraId)).toBeUndefined();
    expect(await listGaps(handle.db, { cameraId, ...ALL_TIME })).toEqual([]);
  });
});
