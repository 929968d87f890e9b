/**
 * Recording on a busy machine: 16 cameras from a simulator in a process of its own, recorded for 60 s
 * while busy-loop processes (one per core) compete for the CPU. No camera may lose its session; the
 * only gaps allowed are where the simulator itself did not send frames (its drop spans), and every
 * such span long enough to be a gap is one (two cameras are made to stall for 2.5 s in the middle, so
 * there are some); every segment reads clean in ffprobe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import type { CameraStats } from '../../src/media/simulator/camera.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import type { RecordingGap, SegmentRow } from '../../src/recording/model.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { probe } from '../media/support/ffmpeg.ts';
import { openTestDb } from '../support/db.ts';
import { startSimulatorProcess, type SimulatorProcess } from '../support/simulator-process.ts';
import { longestUncovered } from './support/coverage.ts';
import { ALL_TIME, waitFor } from './support/segments.ts';

const CAMERAS = 16;
const LOAD_SECONDS = 60;
const SEGMENT_MS = 10_000;
/** One fragment: the most a camera's recorded time may fall short of its span without a gap saying why. */
const FRAGMENT_MS = 1000;
/** A drop span this long (frames at 25 fps) leaves a hole past the recorder's gap threshold. */
const GAP_WORTHY_FRAMES = 12;
/** Wall clocks of the simulator's sends and the recorder's index differ by transit and RTCP rounding. */
const SLACK_MS = 1000;
/** Cameras whose simulator stops sending for a while during the load (shorter than the 5 s stall watchdog): holes that must become gaps. */
const STALLED = [3, 11];
const STALL_MS = 2500;

interface Span {
  fromMs: number;
  toMs: number;
}

const spanOfGap = (gap: RecordingGap, nowMs: number): Span => ({ fromMs: Date.parse(gap.fromAt), toMs: gap.toAt ? Date.parse(gap.toAt) : nowMs });
const spanOfSegment = (segment: SegmentRow): Span => ({ fromMs: Date.parse(segment.startAt), toMs: Date.parse(segment.endAt) });
const overlaps = (a: Span, b: Span, slackMs: number) => a.fromMs - slackMs <= b.toMs && b.fromMs - slackMs <= a.toMs;

function startHogs(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

describe('recording under CPU load', { timeout: (LOAD_SECONDS + 120) * 1000 }, () => {
  let sim: SimulatorProcess | undefined;
  let db: DbHandle | undefined;
  let root: string | undefined;
  let hogs: ChildProcess[] = [];
  const recorders: CameraRecorder[] = [];
  afterEach(async () => {
    for (const hog of hogs) hog.kill('SIGKILL');
    hogs = [];
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await sim?.close();
    await db?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(`REG-15-8: ${CAMERAS} cameras beside a busy loop per core for ${LOAD_SECONDS} s keep their sessions, gaps only where the simulator dropped frames, segments ffprobe-clean`, async () => {
    sim = await startSimulatorProcess({ cameras: CAMERAS, clip: DEFAULT_CLIPS, codec: 'h264' });
    db = await openTestDb('sqlite');
    root = mkdtempSync(path.join(tmpdir(), 'custos-under-load-'));
    const store = new LocalSegmentStore(root);
    const ids = Array.from({ length: CAMERAS }, (_, i) => `cam_${i + 1}`);
    for (const [i, cameraId] of ids.entries()) {
      const recorder = new CameraRecorder({ cameraId, url: sim.url(i + 1), db: db.db, store, clock: systemClock, segmentMs: SEGMENT_MS });
      recorders.push(recorder);
      recorder.start();
    }
    await waitFor(() => recorders.every((r) => r.currentStatus.state === 'online'), 60_000);

    hogs = startHogs(availableParallelism());
    const loadStartMs = Date.now();
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep((LOAD_SECONDS * 1000) / 3);
    await Promise.all(STALLED.map((n) => sim!.setFault(n, { kind: 'stall' })));
    await sleep(STALL_MS);
    await Promise.all(STALLED.map((n) => sim!.setFault(n, null)));
    await sleep(LOAD_SECONDS * 1000 - (LOAD_SECONDS * 1000) / 3 - STALL_MS);
    const statuses = recorders.map((r) => r.currentStatus);
    const stats: CameraStats[] = await Promise.all(ids.map((_, i) => sim!.stats(i + 1)));
    const load = loadavg()[0]!;
    for (const hog of hogs) hog.kill('SIGKILL');
    hogs = [];
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    const nowMs = Date.now();

    const summary = { cameras: CAMERAS, seconds: LOAD_SECONDS, hogs: availableParallelism(), loadavg1: load, dropSpans: 0, framesDropped: 0, gaps: 0, secondsMissing: 0, segments: 0 };
    for (const [i, cameraId] of ids.entries()) {
      const status = statuses[i]!;
      expect({ cameraId, reconnects: status.reconnects, state: status.state }).toEqual({ cameraId, reconnects: 0, state: 'online' });

      const segments = await listSegments(db.db, { cameraId, ...ALL_TIME });
      const gaps = await listGaps(db.db, { cameraId, ...ALL_TIME });
      const drops = stats[i]!.dropSpans.map((d) => ({ fromMs: d.fromMs, toMs: d.toMs ?? nowMs, frames: d.frames }));
      summary.dropSpans += drops.length;
      summary.framesDropped += stats[i]!.framesDropped;
      summary.gaps += gaps.length;
      summary.secondsMissing += status.secondsMissing;
      summary.segments += segments.length;

      if (STALLED.includes(i + 1)) expect(gaps.length, `${cameraId} was stalled for ${STALL_MS} ms`).toBeGreaterThanOrEqual(1);
      // Every gap is a hole the simulator made: frames it did not send.
      for (const gap of gaps) {
        expect(gap.reason, `${cameraId} gap ${gap.fromAt}–${gap.toAt}`).toBe('FRAMES_LOST');
        const explained = drops.some((drop) => overlaps(drop, spanOfGap(gap, nowMs), SLACK_MS));
        expect(explained, `${cameraId} gap ${gap.fromAt}–${gap.toAt} with no drop of the simulator near it`).toBe(true);
      }
      // Every hole the simulator made while this camera recorded, long enough to be a gap, is one.
      const recorded = segments.map(spanOfSegment);
      const firstMs = Math.min(...recorded.map((s) => s.fromMs));
      const lastMs = Math.max(...recorded.map((s) => s.toMs));
      for (const drop of drops.filter((d) => d.frames >= GAP_WORTHY_FRAMES && d.fromMs > firstMs && d.toMs < lastMs)) {
        const accounted = gaps.some((gap) => overlaps(drop, spanOfGap(gap, nowMs), SLACK_MS));
        expect(accounted, `${cameraId}: ${drop.frames} frames not sent from ${new Date(drop.fromMs).toISOString()} and no gap`).toBe(true);
      }
      // Segments and gaps together leave no unexplained hole longer than one fragment.
      const uncovered = longestUncovered([...recorded, ...gaps.map((g) => spanOfGap(g, nowMs))], firstMs, lastMs);
      expect(uncovered, `${cameraId}: ${uncovered} ms neither recorded nor a gap`).toBeLessThanOrEqual(FRAGMENT_MS);
      // The camera was recorded through the load window (the recorder started it before the load began).
      expect(firstMs).toBeLessThan(loadStartMs);
      expect(lastMs).toBeGreaterThan(loadStartMs + (LOAD_SECONDS - 2) * 1000);

      for (const segment of segments) {
        const { stderr } = await probe(path.join(root, segment.path));
        expect(stderr, `${cameraId} ${segment.path}`).toBe('');
      }
    }
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
    console.info(JSON.stringify({ test: 'recording-under-load', ...summary, secondsMissing: Number(summary.secondsMissing.toFixed(1)) }));
  });
});
