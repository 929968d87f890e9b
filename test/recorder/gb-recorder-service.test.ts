/**
 * A registry camera with a gb28181:// address, recorded by the recorder service in a worker thread:
 * the worker's recorder INVITEs through the main thread's broker (gb-invite/gb-bye), the source policy
 * (which would refuse loopback) lets the address through. Without a broker the status says why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS, loadClip } from '../../src/media/simulator/clip.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { GB_PLATFORM_NOT_ENABLED } from '../../src/recorder/gb-camera-recorder.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { policyOfRules } from '../../src/registry/source-address-policy.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { FakeGbBroker } from '../support/fake-gb-broker.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { ALL_TIME, waitFor } from './support/segments.ts';

describe('recorder service with GB/T 28181 cameras', { timeout: 120_000 }, () => {
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  let broker: FakeGbBroker | undefined;
  afterEach(async () => {
    await recorder?.stop();
    broker?.close();
    await db?.close();
  });

  async function setUp(): Promise<{ dataDir: string; databaseUrl: string; cameraId: string }> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-gbsvc-'));
    const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    db = connectDatabase(databaseUrl);
    await migrateToLatest(db);
    const services = createServices(db.db, systemClock, dataDir);
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: 'GB1', sourceUrl: 'gb28181://34020000001320000001/34020000001310000001' }), actor);
    await services.signs.create({ siteId: site.id, location: 'S1', photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
    await services.cameras.activate(camera.id, {}, actor);
    return { dataDir, databaseUrl, cameraId: camera.id };
  }

  it('records a gb28181:// camera from a worker thread through the main thread broker', async () => {
    const { dataDir, databaseUrl, cameraId } = await setUp();
    broker = new FakeGbBroker({ h264: await loadClip(DEFAULT_CLIPS.h264, 'h264'), h265: await loadClip(DEFAULT_CLIPS.h265, 'h265') });
    const sourcePolicy = policyOfRules({ networks: ['10.0.0.0/8'], allowLoopback: false, ownPorts: [] });
    recorder = new RecorderService({ db: db!.db, dataDir, clock: systemClock, segmentMs: 1000, workers: 1, databaseUrl, reconcileMs: 500, sourcePolicy, gbMedia: broker });
    await recorder.start();
    await waitFor(async () => (await listSegments(db!.db, { cameraId, ...ALL_TIME })).length >= 2, 60_000);
    await waitFor(() => recorder!.statusOf(cameraId)?.state === 'online', 10_000);
    expect(broker.invites).toHaveLength(1);
    await recorder.stop();
    recorder = undefined;
    expect(broker.byes).toHaveLength(1);
    const verified = await verifyChain(db!.db, path.join(dataDir, 'segments'));
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });

  it('without a broker the camera is in error, saying the platform is not enabled, and nothing throws', async () => {
    const { dataDir, cameraId } = await setUp();
    recorder = new RecorderService({ db: db!.db, dataDir, clock: systemClock, segmentMs: 1000, workers: 0, reconcileMs: 500 });
    await recorder.start();
    expect(recorder.statusOf(cameraId)).toMatchObject({ state: 'error', reason: GB_PLATFORM_NOT_ENABLED });
  });
});
