import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { waitFor } from './support/segments.ts';


describe('recorder service', { timeout: 240_000 }, () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    await sim?.close();
    await db?.close();
  });

  it('spreads the active cameras over two worker threads, records each, and stops a camera when it is deactivated', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-recsvc-'));
    const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    db = connectDatabase(databaseUrl);
    await migrateToLatest(db);
    sim = await startSimulator({ cameras: 4, clip: DEFAULT_CLIPS, codec: 'mixed' });
    const services = createServices(db.db, systemClock, dataDir);
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const ids: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: `C${n}`, sourceUrl: sim.url(n) }), actor);
      await services.signs.create({ siteId: site.id, location: `S${n}`, photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
      await services.cameras.activate(camera.id, {}, actor);
      ids.push(camera.id);
    }
    recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, segmentMs: 2000, workers: 2, databaseUrl, reconcileMs: 500 });
    await recorder.start();
    const everywhere = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
    await waitFor(async () => {
      const counts = await Promise.all(ids.map(async (cameraId) => (await listSegments(db!.db, { cameraId, ...everywhere })).length));
      return counts.every((n) => n >= 2);
    }, 150_000);
    expect(recorder.status().map((s) => s.state)).toEqual(['online', 'online', 'online', 'online']);

    await services.cameras.deactivate(ids[0]!, actor);
    await recorder.reconcile();
    expect(recorder.statusOf(ids[0]!)).toBeUndefined();
    const frozen = (await listSegments(db.db, { cameraId: ids[0]!, ...everywhere })).length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await listSegments(db.db, { cameraId: ids[0]!, ...everywhere })).length).toBe(frozen);

    await recorder.stop();
    recorder = undefined;
    const verified = await verifyChain(db.db, path.join(dataDir, 'segments'));
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });
});
