/**
 * Recording straight to the bucket (storage.mode s3): a RecorderService whose worker thread makes the
 * same S3 store from the storage configuration records a simulated camera; every row says 's3', no
 * final segment stays on local disk, the downloaded objects play (ffprobe, the rows' frame counts) and
 * the chain verifies against the objects; a snapshot and a release render's inputs come from the bucket.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { createSegmentStores, type SegmentStores } from '../../src/storage/segment-stores.ts';
import { ReleaseFiles } from '../../src/disclosure/release/release-files.ts';
import { hashFile } from '../../src/shared/file-hash.ts';
import { SegmentFiles } from '../../src/viewing/segment-files.ts';
import { Snapshots } from '../../src/viewing/snapshots.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { freshBucket, S3_URL, type TestBucket } from '../support/s3.ts';
import { ALL_TIME, expectSegmentsPlay, waitFor } from '../recorder/support/segments.ts';

describe.skipIf(!S3_URL)('recording to the S3 store', { timeout: 180_000 }, () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  let recorder: RecorderService | undefined;
  let stores: SegmentStores | undefined;
  let b: TestBucket | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await recorder?.stop();
    await sim?.close();
    await db?.close();
    stores?.close();
    b?.client.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a recorder worker writes each segment to the bucket; the objects play and the chain verifies; nothing final stays local', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'custos-s3rec-'));
    const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
    db = connectDatabase(databaseUrl);
    await migrateToLatest(db);
    b = await freshBucket({ mode: 's3' });
    stores = await createSegmentStores(b.config, dataDir);
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
    const services = createServices(db.db, systemClock, dataDir, undefined, { segmentStores: stores });
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: 'C1', sourceUrl: sim.url(1) }), actor);
    await services.signs.create({ siteId: site.id, location: 'S1', photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
    await services.cameras.activate(camera.id, {}, actor);

    recorder = new RecorderService({ db: db.db, dataDir, clock: systemClock, segmentMs: 2000, workers: 1, databaseUrl, reconcileMs: 500, stores });
    await recorder.start();
    await waitFor(async () => (await listSegments(db!.db, { cameraId: camera.id, ...ALL_TIME })).length >= 3, 120_000);
    await recorder.stop();
    recorder = undefined;

    const rows = await listSegments(db.db, { cameraId: camera.id, ...ALL_TIME });
    expect(rows.every((r) => r.location === 's3')).toBe(true);
    const localFinals = readdirSync(stores.local.root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.mp4'));
    expect(localFinals).toEqual([]);

    const copies = path.join(dataDir, 'downloaded');
    for (const row of rows) {
      const file = path.join(copies, ...row.path.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      await pipeline(await stores.s3!.openRead(row.path), createWriteStream(file));
    }
    await expectSegmentsPlay(db.db, copies, camera.id, 'h264', 3);

    const chain = await verifyChain(db.db, stores.local.root, undefined, { objects: stores.s3 });
    expect(chain.ok, JSON.stringify(chain.firstProblem)).toBe(true);
    expect(chain.checked).toBe(rows.length);

    // Readers that need a file: a snapshot pipes the object into ffmpeg; a release render gets downloaded copies, removed after.
    const input = await new SegmentFiles(stores.reader, stores.local.root).input(rows[0]!.path);
    expect(typeof input).toBe('function');
    const jpeg = await new Snapshots().of(rows[0]!.id, input);
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
    const releases = new ReleaseFiles(dataDir, stores.reader);
    const seen = await releases.withSegmentFiles(rows, async (files) => Promise.all(files.map(async (f) => (await hashFile(f)).sha256)));
    expect(seen).toEqual(rows.map((r) => r.sha256));
    expect(readdirSync(path.join(dataDir, 'releases', '.work'))).toEqual([]);
  });
});
