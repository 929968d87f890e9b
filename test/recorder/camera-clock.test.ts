/**
 * A camera whose clock lies: its RTCP sender reports are compared with our clock, and beyond the
 * tolerance its footage is stamped with arrival time (kept monotonic by RTP time) instead of its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { DIALECTS, openTestDb } from '../support/db.ts';
import { ALL_TIME, expectSegmentsPlay, waitFor } from './support/segments.ts';

const DAY_MS = 86_400_000;

describe.each(DIALECTS)('camera clock against the server clock (%s)', (dialect) => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  const recorders: CameraRecorder[] = [];
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await sim?.close();
    await db?.close();
  });

  it('a camera 400 days behind or 3 s ahead is recorded in arrival time; a drift within tolerance keeps the camera time', { timeout: 90_000 }, async () => {
    sim = await startSimulator({ cameras: 3, clip: DEFAULT_CLIPS, codec: 'h264', clockOffsetMs: { 1: -400 * DAY_MS, 2: 3000, 3: 5000 } });
    db = await openTestDb(dialect);
    const root = mkdtempSync(path.join(tmpdir(), 'custos-clock-'));
    const store = new LocalSegmentStore(root);
    const cameras = [
      { cameraId: 'cam_behind', n: 1 },
      { cameraId: 'cam_ahead', n: 2 },
      // The same kind of offset, but within this recorder's tolerance: the camera's own time is kept.
      { cameraId: 'cam_trusted', n: 3, clockToleranceMs: 10_000 },
    ];
    const startedAt = Date.now();
    for (const c of cameras) {
      const recorder = new CameraRecorder({ cameraId: c.cameraId, url: sim.url(c.n), db: db.db, store, clock: systemClock, segmentMs: 2000, ...(c.clockToleranceMs ? { clockToleranceMs: c.clockToleranceMs } : {}) });
      recorders.push(recorder);
      recorder.start();
    }
    const segmentsOf = (cameraId: string) => listSegments(db!.db, { cameraId, ...ALL_TIME });
    // The first segment may begin before the first sender report: the ones after it are in the time base chosen.
    await waitFor(async () => (await Promise.all(cameras.map(async (c) => (await segmentsOf(c.cameraId)).length >= 4))).every(Boolean), 60_000);
    const drift = recorders.map((r) => r.currentStatus.clockDriftMs);
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    const stoppedAt = Date.now();

    // The drift is still reported (the CLOCK_DRIFT alarm reads it), whatever time base the footage got.
    expect(drift[0]).toBeLessThan(-399 * DAY_MS);
    expect(drift[1]).toBeGreaterThan(2500);
    expect(drift[2]).toBeGreaterThan(4500);

    const behind = await segmentsOf('cam_behind');
    for (const s of behind) {
      expect(Date.parse(s.startAt)).toBeGreaterThanOrEqual(startedAt - 5000);
      expect(Date.parse(s.endAt)).toBeLessThanOrEqual(stoppedAt + 5000);
      expect(s.durationMs).toBeGreaterThan(0);
      expect(Date.parse(s.endAt)).toBeGreaterThan(Date.parse(s.startAt));
    }
    for (const [a, b] of behind.slice(1).map((s, i) => [behind[i]!, s] as const)) expect(Date.parse(b.startAt)).toBeGreaterThanOrEqual(Date.parse(a.endAt) - 50);

    // A segment is indexed after its last frame arrived: in arrival time it never ends seconds after it was indexed.
    for (const s of (await segmentsOf('cam_ahead')).slice(1)) expect(Date.parse(s.endAt) - Date.parse(s.createdAt)).toBeLessThan(1500);
    // In the camera's own time (5 s ahead) it does: this is what the two cameras above would show without the check.
    for (const s of (await segmentsOf('cam_trusted')).slice(1)) expect(Date.parse(s.endAt) - Date.parse(s.createdAt)).toBeGreaterThan(2500);

    await expectSegmentsPlay(db.db, root, 'cam_behind', 'h264', 4);
  });
});
