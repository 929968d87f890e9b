import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { openTestDb } from '../support/db.ts';
import { expectSegmentsPlay, waitFor } from './support/segments.ts';


describe('camera recorder against the simulator', { timeout: 90_000 }, () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  const recorders: CameraRecorder[] = [];
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await sim?.close();
    await db?.close();
  });

  it('records H.264 and H.265 cameras into keyframe-aligned segments that ffprobe reads, chained and verifiable', async () => {
    sim = await startSimulator({ cameras: 2, clip: DEFAULT_CLIPS, codec: 'mixed' });
    db = await openTestDb('sqlite');
    const root = mkdtempSync(path.join(tmpdir(), 'custos-rec-'));
    const store = new LocalSegmentStore(root);
    for (const [cameraId, n] of [['cam_h264', 1], ['cam_h265', 2]] as const) {
      const recorder = new CameraRecorder({ cameraId, url: sim.url(n), db: db.db, store, clock: systemClock, segmentMs: 2000 });
      recorders.push(recorder);
      recorder.start();
    }
    await waitFor(async () => (await listSegments(db!.db, { cameraId: 'cam_h265', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })).length >= 3, 60_000);
    const status = recorders.map((r) => r.currentStatus);
    expect(status.map((s) => s.state)).toEqual(['online', 'online']);
    await Promise.all(recorders.splice(0).map((r) => r.stop()));

    await expectSegmentsPlay(db.db, root, 'cam_h264', 'h264', 2);
    await expectSegmentsPlay(db.db, root, 'cam_h265', 'hevc', 2);
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);

    const victim = await listSegments(db.db, { cameraId: 'cam_h264', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });
    const file = path.join(root, victim[0]!.path);
    const bytes = readFileSync(file);
    const at = bytes.length - 10;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(file, bytes);
    const tampered = await verifyChain(db.db, root);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstProblem).toMatchObject({ cameraId: 'cam_h264', kind: 'HASH_MISMATCH' });
  });
});
