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

const everywhere = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

describe('a misbehaving camera does not disturb the others', { timeout: 120_000 }, () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  const recorders: CameraRecorder[] = [];
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await sim?.close();
    await db?.close();
  });

  it('keeps recording a healthy camera while others drop, stall and send garbage; each faulty one reports why', async () => {
    sim = await startSimulator({
      cameras: 4,
      clip: DEFAULT_CLIPS,
      codec: 'h264',
      faults: { 2: { kind: 'drop', afterSeconds: 3 }, 3: { kind: 'stall', afterSeconds: 3 }, 4: { kind: 'garbage' } },
    });
    db = await openTestDb('sqlite');
    const root = mkdtempSync(path.join(tmpdir(), 'custos-faults-'));
    const store = new LocalSegmentStore(root);
    const ids = ['cam_ok', 'cam_drop', 'cam_stall', 'cam_garbage'];
    ids.forEach((cameraId, i) => {
      const recorder = new CameraRecorder({ cameraId, url: sim!.url(i + 1), db: db!.db, store, clock: systemClock, segmentMs: 2000, backoff: { baseMs: 200, capMs: 1000 } });
      recorders.push(recorder);
      recorder.start();
    });
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    const [ok, drop, stall, garbage] = recorders.map((r) => r.currentStatus);

    expect(ok!.state).toBe('online');
    expect(ok!.reconnects).toBe(0);
    expect((await listSegments(db.db, { cameraId: 'cam_ok', ...everywhere })).length).toBeGreaterThanOrEqual(5);

    expect(drop!.reconnects).toBeGreaterThanOrEqual(1);
    expect(drop!.lastError ?? '').not.toBe('');
    const dropGaps = await listGaps(db.db, { cameraId: 'cam_drop', ...everywhere });
    expect(dropGaps.map((g) => g.reason)).toContain('CONNECTION_LOST');

    expect(stall!.reconnects).toBeGreaterThanOrEqual(1);
    expect(stall!.lastError).toMatch(/stall/i);

    expect(['offline', 'starting', 'error']).toContain(garbage!.state);
    expect(garbage!.reason ?? '').not.toBe('');

    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });
});
