/**
 * A camera whose RTSP side goes deaf while its media keeps coming is still recorded; the keep-alives it
 * leaves unanswered are counted in its recording status, from this thread's recorders and from worker threads.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { activeCamera } from './support/active-camera.ts';
import { ALL_TIME, waitFor } from './support/segments.ts';

describe('keep-alives a camera leaves unanswered', () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    recorder = undefined;
    await sim?.close();
    await db?.close();
  });

  it.each([0, 1])('are counted in the camera status while it stays online (%i worker threads)', { timeout: 90_000 }, async (workers) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-deaf-'));
    const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    db = connectDatabase(databaseUrl);
    await migrateToLatest(db);
    // A 2 s session timeout: the client sends a keep-alive every second.
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', sessionTimeoutS: 2 });
    const services = createServices(db.db, systemClock, dataDir);
    const camera = await activeCamera(services, sim.url(1));
    recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, segmentMs: 2000, workers, databaseUrl, reconcileMs: 500 });
    await recorder.start();
    await waitFor(async () => (await listSegments(db!.db, { cameraId: camera.id, ...ALL_TIME })).length >= 1, 60_000);
    expect(recorder.statusOf(camera.id)).toMatchObject({ state: 'online', keepAlivesUnanswered: 0 });

    sim.setFault(1, { kind: 'deaf' });
    await waitFor(() => (recorder!.statusOf(camera.id)?.keepAlivesUnanswered ?? 0) >= 1, 30_000);
    expect(recorder.statusOf(camera.id)).toMatchObject({ state: 'online', reconnects: 0 });
  });
});
