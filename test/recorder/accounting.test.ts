/**
 * REG-15-8: every second a camera is not recorded is a gap with its reason, counted in its status. A real
 * recorder against the in-process simulator: a stall shorter than the watchdog is a FRAMES_LOST hole that
 * no segment spans; a lost connection is a CONNECTION_LOST outage counted while it goes on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { openTestDb } from '../support/db.ts';
import { ALL_TIME, expectSegmentsPlay, waitFor } from './support/segments.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const span = (g: { fromAt: string; toAt: string | null }) => (Date.parse(g.toAt!) - Date.parse(g.fromAt)) / 1000;

describe('recording accounted by time (REG-15-8)', { timeout: 120_000 }, () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: CameraRecorder | undefined;
  afterEach(async () => {
    await recorder?.stop();
    await sim?.close();
    await db?.close();
    recorder = sim = db = undefined;
  });

  async function recordCamera(): Promise<{ root: string; recorder: CameraRecorder }> {
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    db = await openTestDb('sqlite');
    const root = mkdtempSync(path.join(tmpdir(), 'custos-acct-'));
    recorder = new CameraRecorder({ cameraId: 'cam_acct', url: sim.url(1), db: db.db, store: new LocalSegmentStore(root), clock: systemClock, segmentMs: 10_000, backoff: { baseMs: 200, capMs: 500 } });
    recorder.start();
    await waitFor(() => recorder!.currentStatus.state === 'online' && recorder!.currentStatus.framesRecorded >= 50, 60_000);
    return { root, recorder };
  }

  it('a 2 s stall is one FRAMES_LOST gap about that long, no segment spans it, every segment plays, and secondsMissing is the gap', async () => {
    const { root, recorder: r } = await recordCamera();
    sim!.setFault(1, { kind: 'stall' });
    await sleep(2000);
    sim!.setFault(1, null);
    const framesBefore = r.currentStatus.framesRecorded;
    await waitFor(() => r.currentStatus.framesRecorded >= framesBefore + 75, 30_000);
    await r.stop();

    const status = r.currentStatus;
    expect(status.reconnects).toBe(0);
    const gaps = await listGaps(db!.db, { cameraId: 'cam_acct', ...ALL_TIME });
    expect(gaps.map((g) => g.reason)).toEqual(['FRAMES_LOST']);
    const gap = gaps[0]!;
    // The stall, and the wait for the keyframe after it (the clip has one every 2 s).
    expect(span(gap)).toBeGreaterThanOrEqual(1.5);
    expect(span(gap)).toBeLessThanOrEqual(4.9);
    expect(gap.detail).toMatch(/frames missing, skipped to the next keyframe/);
    expect(status.secondsMissing).toBeCloseTo(span(gap), 2);

    const segments = await listSegments(db!.db, { cameraId: 'cam_acct', ...ALL_TIME });
    expect(segments.filter((s) => s.startAt < gap.toAt! && s.endAt > gap.fromAt)).toEqual([]);
    expect(segments.some((s) => s.endAt === gap.fromAt)).toBe(true);
    expect(segments.some((s) => s.startAt === gap.toAt)).toBe(true);
    expect(status.framesRecorded).toBe(segments.reduce((n, s) => n + s.frames, 0));
    await expectSegmentsPlay(db!.db, root, 'cam_acct', 'h264', 2);
    expect((await verifyChain(db!.db, root)).ok).toBe(true);
  });

  it('a lost connection is a CONNECTION_LOST gap counted in secondsMissing while the camera is offline, then fixed at its length', async () => {
    const { recorder: r } = await recordCamera();
    expect(r.currentStatus.secondsMissing).toBe(0);
    sim!.setFault(1, { kind: 'drop', afterSeconds: 0 });
    await waitFor(() => r.currentStatus.reconnects >= 1, 30_000);
    await sleep(1500);
    const first = r.currentStatus.secondsMissing;
    await sleep(1500);
    const second = r.currentStatus.secondsMissing;
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second - first).toBeGreaterThanOrEqual(1.2);
    const open = await listGaps(db!.db, { cameraId: 'cam_acct', ...ALL_TIME });
    expect(open).toMatchObject([{ reason: 'CONNECTION_LOST', toAt: null }]);

    sim!.setFault(1, null);
    await waitFor(async () => (await listGaps(db!.db, { cameraId: 'cam_acct', ...ALL_TIME }))[0]?.toAt !== null, 60_000);
    const [gap] = await listGaps(db!.db, { cameraId: 'cam_acct', ...ALL_TIME });
    expect(r.currentStatus.secondsMissing).toBeCloseTo(span(gap!), 2);
    const settled = r.currentStatus.secondsMissing;
    await sleep(1000);
    expect(r.currentStatus.secondsMissing).toBe(settled);
  });
});
