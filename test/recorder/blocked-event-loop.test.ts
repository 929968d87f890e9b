/**
 * A recorder whose event loop is blocked longer than its stall watchdog (a busy machine, a long GC)
 * must read what waited in its sockets, catch up and keep its sessions: the simulator runs in a child
 * process, so it keeps sending while this thread is busy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { openTestDb } from '../support/db.ts';
import { startSimulatorProcess, type SimulatorProcess } from '../support/simulator-process.ts';
import { ALL_TIME, waitFor } from './support/segments.ts';

const CAMERAS = 3;
/** Each longer than the recorder's 5 s stall watchdog. */
const FIRST_BLOCK_MS = 7000;
const SECOND_BLOCK_MS = 6000;

function busyWait(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // the test's own thread is busy: no timer, no socket read
  }
}

describe('camera recorder with a blocked event loop', { timeout: 120_000 }, () => {
  let sim: SimulatorProcess | undefined;
  let db: DbHandle | undefined;
  let root: string | undefined;
  const recorders: CameraRecorder[] = [];
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await sim?.close();
    await db?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('keeps every session through blocks longer than the stall watchdog and records after them', async () => {
    sim = await startSimulatorProcess({ cameras: CAMERAS, clip: DEFAULT_CLIPS, codec: 'mixed' });
    db = await openTestDb('sqlite');
    root = mkdtempSync(path.join(tmpdir(), 'custos-blocked-'));
    const store = new LocalSegmentStore(root);
    const ids = Array.from({ length: CAMERAS }, (_, i) => `cam_${i + 1}`);
    for (const [i, cameraId] of ids.entries()) {
      const recorder = new CameraRecorder({ cameraId, url: sim.url(i + 1), db: db.db, store, clock: systemClock, segmentMs: 2000 });
      recorders.push(recorder);
      recorder.start();
    }
    const segmentsOf = (cameraId: string) => listSegments(db!.db, { cameraId, ...ALL_TIME });
    await waitFor(async () => (await Promise.all(ids.map(segmentsOf))).every((s) => s.length >= 1), 60_000);

    // The second block is a timer due after the watchdog's next tick, so both run in the timers phase
    // that follows the first block: the watchdog ticks, then the thread blocks again before any read.
    const secondBlock = new Promise<void>((resolve) =>
      setTimeout(() => {
        busyWait(SECOND_BLOCK_MS);
        resolve();
      }, 5500),
    );
    busyWait(FIRST_BLOCK_MS);
    await secondBlock;
    const blockEnd = Date.now();

    await waitFor(async () => (await Promise.all(ids.map(segmentsOf))).every((s) => s.some((seg) => Date.parse(seg.startAt) >= blockEnd)), 30_000);
    for (const recorder of recorders) {
      const status = recorder.currentStatus;
      expect({ camera: status.cameraId, state: status.state, reconnects: status.reconnects, lastError: status.lastError }).toEqual({
        camera: status.cameraId,
        state: 'online',
        reconnects: 0,
        lastError: null,
      });
    }
  });
});
