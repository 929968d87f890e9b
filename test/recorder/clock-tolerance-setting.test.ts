/**
 * recording.cameraClockToleranceSeconds reaches the recorders, in this thread and in worker threads: a
 * camera 5 s ahead, beyond the default 2 s, keeps its own time when the recorder service allows 10 s.
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

describe('the configured camera clock tolerance', () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    recorder = undefined;
    await sim?.close();
    await db?.close();
  });

  it.each([0, 1])('lets a camera 5 s ahead stamp its footage when 10 s are allowed (%i worker threads)', { timeout: 90_000 }, async (workers) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-clocktol-'));
    const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    db = connectDatabase(databaseUrl);
    await migrateToLatest(db);
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', clockOffsetMs: { 1: 5000 } });
    const services = createServices(db.db, systemClock, dataDir);
    const camera = await activeCamera(services, sim.url(1));
    recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, segmentMs: 2000, workers, databaseUrl, reconcileMs: 500, clockToleranceMs: 10_000 });
    await recorder.start();
    const segments = () => listSegments(db!.db, { cameraId: camera.id, ...ALL_TIME });
    await waitFor(async () => (await segments()).length >= 3, 60_000);
    // The first segment may begin before the first sender report. In the camera's own time a segment ends
    // seconds after it was indexed; in arrival time (the default tolerance) never (camera-clock.test.ts).
    for (const s of (await segments()).slice(1)) expect(Date.parse(s.endAt) - Date.parse(s.createdAt)).toBeGreaterThan(2500);
  });
});
