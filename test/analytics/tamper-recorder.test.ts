/**
 * End to end (REG-23-2 (1)): a real recorder pulling a simulated camera learns its picture; the camera is
 * then covered (the simulator switches it, live, to the covered clip) and services.alarms gets
 * TAMPER_OCCLUSION with a JPEG of the picture before the onset and one after. Once in this thread
 * (workers = 0) and once in a recorder worker thread, through the same code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportTamper } from '../../src/analytics/tamper/tamper-alarms.ts';
import { tamperRepository } from '../../src/analytics/tamper/tamper-repository.ts';
import { createServices } from '../../src/app/services.ts';
import { alarmRepository, openKeyOf } from '../../src/events/alarm-repository.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { loadClip } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { waitFor } from '../recorder/support/segments.ts';
import { makeTamperClips } from './tamper-clips.ts';

describe('tamper detection in the recorder', { timeout: 180_000 }, () => {
  const clips = mkdtempSync(path.join(tmpdir(), 'custos-tamper-e2e-'));
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  beforeAll(() => makeTamperClips(clips), 120_000);
  afterEach(async () => {
    await recorder?.stop();
    await sim?.close();
    await db?.close();
  });
  afterAll(() => rmSync(clips, { recursive: true, force: true }));

  it.each([0, 1])('REG-23-2 (1): covering a recorded camera raises TAMPER_OCCLUSION with before and after JPEGs (workers = %i)', async (workers) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-tamper-rec-'));
    const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    db = connectDatabase(databaseUrl);
    await migrateToLatest(db);
    sim = await startSimulator({ cameras: 1, clip: { h264: path.join(clips, 'normal.h264') }, codec: 'h264' });
    const services = createServices(db.db, systemClock, dataDir);
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: 'Gate', sourceUrl: sim.url(1) }), actor);
    await services.signs.create({ siteId: site.id, location: 'Gate', photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
    await services.cameras.activate(camera.id, {}, actor);
    recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, segmentMs: 2000, workers, databaseUrl, reconcileMs: 500, onTamper: (change) => void reportTamper(services.alarms, change) });
    services.tamper.attach(recorder);
    await recorder.start();

    // The normal picture is learned (10 keyframes, one a second) and stored.
    await waitFor(async () => (await tamperRepository.load(db!.db, camera.id)).reference !== undefined, 60_000);
    expect(await services.alarms.isOpen('TAMPER_OCCLUSION', camera.id)).toBe(false);

    // Covered from now on: the covered clip from its second 10 (black from its first frame there).
    const covered = await loadClip(path.join(clips, 'covered.h264'), 'h264');
    const coveredAt = Date.now();
    sim.setClip(1, { ...covered, frames: covered.frames.slice(250) });
    await waitFor(async () => services.alarms.isOpen('TAMPER_OCCLUSION', camera.id), 60_000);
    const open = (await alarmRepository.openByKey(db.db, openKeyOf('TAMPER_OCCLUSION', camera.id)))!;
    expect(Date.parse(open.startedAt) - coveredAt).toBeLessThan(60_000);
    expect(open.details).toMatchObject({ mean: expect.any(Number), flatShare: expect.any(Number) });
    expect(open.snapshots.map((s) => s.which).sort()).toEqual(['after', 'before']);
    for (const which of ['before', 'after'] as const) {
      const jpeg = readFileSync(path.join(dataDir, 'alarms', open.id, `${which}.jpg`));
      expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    }
    const before = open.snapshots.find((s) => s.which === 'before')!;
    expect(Date.parse(before.at)).toBeLessThan(Date.parse(open.snapshots.find((s) => s.which === 'after')!.at));
    console.log(`tamper e2e (workers=${workers}): TAMPER_OCCLUSION ${((Date.parse(open.startedAt) - coveredAt) / 1000).toFixed(1)} s after the camera was covered`);
  });
});
