/**
 * Every second a camera is not recorded because the recorder service was not running is a gap with its
 * reason: SERVER_STOPPED after a clean stop, CRASH_RECOVERY after a run that ended without one, each
 * open until the camera's next segment closes it where that segment begins.
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
import { verifyChain } from '../../src/recording/verify.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { DIALECTS, openTestDb } from '../support/db.ts';
import { coverageOf } from './support/coverage.ts';
import { activeCamera } from './support/active-camera.ts';
import { ALL_TIME, waitFor } from './support/segments.ts';

describe.each(DIALECTS)('recorder service stops and starts (%s)', (dialect) => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    recorder = undefined;
    await sim?.close();
    await db?.close();
  });

  it('a clean stop opens SERVER_STOPPED, a run ended without one gets CRASH_RECOVERY at the next start; the next segments close them', { timeout: 150_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-stopgap-'));
    db = await openTestDb(dialect);
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    const services = createServices(db.db, systemClock, dataDir);
    const camera = await activeCamera(services, sim.url(1));
    const cameraId = camera.id;
    const count = async () => (await listSegments(db!.db, { cameraId, ...ALL_TIME })).length;
    const run = async (atLeast: number) => {
      recorder = new RecorderService({ db: db!.db, dataDir, clock: systemClock, segmentMs: 2000, reconcileMs: 500 });
      await recorder.start();
      await waitFor(async () => (await count()) >= atLeast, 60_000);
    };

    await run(2);
    await recorder!.stop();
    recorder = undefined;
    const lastBeforeStop = (await latestSegment(db.db, cameraId))!;
    expect(await openGapOf(db.db, cameraId)).toMatchObject({ reason: 'SERVER_STOPPED', fromAt: lastBeforeStop.endAt, toAt: null });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await run((await count()) + 1);
    const afterStop = (await listSegments(db.db, { cameraId, ...ALL_TIME })).find((s) => s.seq === lastBeforeStop.seq + 1)!;
    expect(await listGaps(db.db, { cameraId, ...ALL_TIME })).toMatchObject([{ reason: 'SERVER_STOPPED', fromAt: lastBeforeStop.endAt, toAt: afterStop.startAt }]);

    // As a kill -9 right after a segment closed would leave it: footage indexed, nothing unfinished, no gap.
    await recorder!.stop({ gaps: false });
    recorder = undefined;
    const lastBeforeCrash = (await latestSegment(db.db, cameraId))!;
    expect(await openGapOf(db.db, cameraId)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, segmentMs: 2000, reconcileMs: 500 });
    await recorder.start();
    expect(await openGapOf(db.db, cameraId)).toMatchObject({ reason: 'CRASH_RECOVERY', fromAt: lastBeforeCrash.endAt, toAt: null });
    const before = await count();
    await waitFor(async () => (await count()) > before, 60_000);
    await recorder.stop();
    recorder = undefined;

    const afterCrash = (await listSegments(db.db, { cameraId, ...ALL_TIME })).find((s) => s.seq === lastBeforeCrash.seq + 1)!;
    const { gaps, uncoveredMs } = await coverageOf(db.db, cameraId);
    expect(gaps.map((g) => [g.reason, g.fromAt, g.toAt])).toEqual([
      ['SERVER_STOPPED', lastBeforeStop.endAt, afterStop.startAt],
      ['CRASH_RECOVERY', lastBeforeCrash.endAt, afterCrash.startAt],
      ['SERVER_STOPPED', expect.any(String), null],
    ]);
    expect(uncoveredMs).toBeLessThanOrEqual(1000);
    const verified = await verifyChain(db.db, path.join(dataDir, 'segments'));
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });
});
