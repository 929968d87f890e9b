/**
 * Recorders look after the segments on their own disks (issue 16 follow-up), on PostgreSQL and the S3
 * test server: `custos recorder` processes (in-process), each with its own data folder, beside an API
 * side whose folder holds none of their files. A recorder uploads what a failed upload left on its disk
 * (s3 mode) and moves its own old segments (tiered), never counting another node's rows as failures;
 * the files of segments the leader's sweep deleted are removed from the recorder's folder, and a file
 * without a row or a tombstone is left alone.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { soleProcess } from '../../src/cluster/leadership.ts';
import { startRecorderProcess, type RecorderProcess } from '../../src/cluster/recorder-process.ts';
import { configSchema } from '../../src/config/schema.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { hashStream } from '../../src/shared/file-hash.ts';
import type { StorageConfig } from '../../src/storage/config.ts';
import { TierMover, type MoveReport } from '../../src/storage/tier-mover.ts';
import { SegmentStores } from '../../src/storage/segment-stores.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { nodeSegmentFs, type SegmentFs } from '../../src/recording/segment-fs.ts';
import { openVideoEnv, type VideoEnv } from '../access/video-access-support.ts';
import { freshBucket, S3_URL, type TestBucket } from '../support/s3.ts';

const pgUrl = inject('pgUrl');
const DAY1 = Date.parse('2025-05-01T02:00:00Z');
const DAY2 = Date.parse('2025-05-02T02:00:00Z');

describe.skipIf(!pgUrl || !S3_URL)('recorders look after the segments on their own disks', { timeout: 60_000 }, () => {
  let env: VideoEnv | undefined;
  let b: TestBucket | undefined;
  const recorders: RecorderProcess[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const r of recorders.splice(0)) await r.stop().catch(() => undefined);
    await env?.close();
    b?.client.destroy();
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
    env = undefined;
  });

  /** The API side (its own data folder) and a way to start recorders, each with a data folder of its own. */
  async function cluster(mode: StorageConfig['mode']): Promise<{ env: VideoEnv; recorder: (nodeId: string) => Promise<RecorderProcess> }> {
    b = await freshBucket({ mode, tiered: { localHours: 24 } });
    const api = await openVideoEnv('postgres', '2025-05-01T03:00:00Z', { storage: b.config });
    env = api;
    const storage = b.config;
    return {
      env: api,
      recorder: async (nodeId) => {
        const dataDir = mkdtempSync(path.join(tmpdir(), `custos-${nodeId}-`));
        folders.push(dataDir);
        const config = configSchema.parse({ dataDir, db: { url: pgUrl }, demo: { enabled: false }, recording: { workers: 0 }, cluster: { enabled: true, nodeId }, storage });
        const r = await startRecorderProcess(config, { databaseSchema: api.t.db.schema, migrate: false, clock: api.t.clock });
        recorders.push(r);
        return r;
      },
    };
  }

  const rowsOf = (e: VideoEnv, ids: string[]) => e.t.db.db.selectFrom('segments').selectAll().where('id', 'in', ids).orderBy('startAt').execute();
  const fileOf = (r: RecorderProcess, row: Pick<SegmentRow, 'path'>) => path.join(r.stores.local.root, ...row.path.split('/'));

  it('s3 mode: a segment whose upload failed stays on the recorder\'s disk and its next mover run uploads it (row s3, local file gone, object = row hash, chain verifies)', async () => {
    const { env, recorder } = await cluster('s3');
    const rec = await recorder('rec-a');
    const s3 = rec.stores.s3!;
    s3.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand') throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'NetworkingError' });
        return next(args);
      },
      { step: 'initialize', name: 'custosTestFailPut' },
    );
    const rows = await env.record(env.cams.C1, DAY1, 2, rec.stores.writer);
    expect(rows.map((r) => r.location)).toEqual(['local', 'local']);
    for (const r of rows) expect(existsSync(fileOf(rec, r))).toBe(true);

    s3.client.middlewareStack.remove('custosTestFailPut');
    expect(await rec.mover!.run()).toMatchObject({ moved: 2, failed: [], leftoversRemoved: 0 });
    const after = await rowsOf(env, rows.map((r) => r.id));
    expect(after.map((r) => r.location)).toEqual(['s3', 's3']);
    for (const r of rows) {
      expect(existsSync(fileOf(rec, r))).toBe(false);
      expect((await hashStream(await s3.openRead(r.path))).sha256).toBe(r.sha256);
    }
    const chain = await verifyChain(env.t.db.db, rec.stores.local.root, undefined, { objects: s3 });
    expect(chain.ok, JSON.stringify(chain.firstProblem)).toBe(true);
    expect(chain.checked).toBe(2);
  });

  it('tiered mode: each recorder moves its own old segments; another node\'s rows are not counted as failures, by the recorders nor by the API side', async () => {
    const { env, recorder } = await cluster('tiered');
    const a = await recorder('rec-a');
    const b2 = await recorder('rec-b');
    const oldA = await env.record(env.cams.C1, DAY1, 2, a.stores.writer);
    const recentA = await env.record(env.cams.C1, DAY2, 1, a.stores.writer);
    const oldB = await env.record(env.cams.C2, DAY1, 2, b2.stores.writer);
    env.t.clock.set('2025-05-02T02:30:00Z');

    // The API side's folder holds none of these files: it moves nothing and reports nothing.
    const api = new TierMover({ db: env.t.db.db, clock: env.t.clock, stores: env.t.services.segmentStores, leadership: soleProcess, source: 'folder' });
    expect(await api.run()).toEqual({ moved: 0, bytes: 0, failed: [], leftoversRemoved: 0 });

    expect(await a.mover!.run()).toEqual({ moved: 2, bytes: oldA.reduce((n, r) => n + r.bytes, 0), failed: [], leftoversRemoved: 0 });
    expect((await rowsOf(env, oldA.map((r) => r.id))).map((r) => r.location)).toEqual(['s3', 's3']);
    for (const r of oldA) expect(existsSync(fileOf(a, r))).toBe(false);
    expect((await rowsOf(env, recentA.map((r) => r.id))).map((r) => r.location)).toEqual(['local']);
    expect(existsSync(fileOf(a, recentA[0]!))).toBe(true);
    expect((await rowsOf(env, oldB.map((r) => r.id))).map((r) => r.location)).toEqual(['local', 'local']);
    for (const r of oldB) expect(existsSync(fileOf(b2, r))).toBe(true);

    expect(await b2.mover!.run()).toMatchObject({ moved: 2, failed: [] });
    expect((await rowsOf(env, oldB.map((r) => r.id))).map((r) => r.location)).toEqual(['s3', 's3']);
    for (const r of oldB) expect(existsSync(fileOf(b2, r))).toBe(false);
    const s3 = env.t.services.segmentStores.s3!;
    for (const r of [...oldA, ...oldB]) expect((await hashStream(await s3.openRead(r.path))).sha256).toBe(r.sha256);
    const chain = await verifyChain(env.t.db.db, a.stores.local.root, undefined, { objects: s3 });
    expect(chain.ok, JSON.stringify(chain.firstProblem)).toBe(true);
    expect(chain.checked).toBe(5);
  });

  it('a folder shared by two movers (a recorder and the leader): a segment the other moved while this one looked is not counted as failed; a leftover copy is removed', async () => {
    const { env, recorder } = await cluster('tiered');
    const rec = await recorder('rec-a');
    const rows = await env.record(env.cams.C1, DAY1, 6, rec.stores.writer);
    env.t.clock.set('2025-05-03T00:00:00Z');
    // The second mover has listed the folder and read the rows; before it copies the first file the recorder's mover moves them all.
    let other: Promise<MoveReport> | undefined;
    const racing: SegmentFs = {
      ...nodeSegmentFs,
      stat: async (file) => {
        other ??= rec.mover!.run();
        await other;
        return nodeSegmentFs.stat(file);
      },
    };
    const stores = new SegmentStores(rec.stores.config, new LocalSegmentStore(rec.stores.local.root, racing), rec.stores.s3);
    const shared = new TierMover({ db: env.t.db.db, clock: env.t.clock, stores, leadership: soleProcess, source: 'folder' });
    expect(await shared.run()).toEqual({ moved: 0, bytes: 0, failed: [], leftoversRemoved: 0 });
    expect(await other).toMatchObject({ moved: 6, failed: [] });
    expect((await rowsOf(env, rows.map((r) => r.id))).map((r) => r.location)).toEqual(rows.map(() => 's3'));
    for (const r of rows) expect(existsSync(fileOf(rec, r))).toBe(false);

    // A crash between the commit and the removal leaves the local copy: the next run removes it.
    const s3 = rec.stores.s3!;
    const bytes = Buffer.concat(await (await s3.openRead(rows[0]!.path)).toArray());
    mkdirSync(path.dirname(fileOf(rec, rows[0]!)), { recursive: true });
    writeFileSync(fileOf(rec, rows[0]!), bytes);
    expect(await rec.mover!.run()).toMatchObject({ moved: 0, failed: [], leftoversRemoved: 1 });
    expect(existsSync(fileOf(rec, rows[0]!))).toBe(false);
  });

  it('a segment the leader swept whose file is on a recorder: the recorder removes the file; a file with neither row nor tombstone is left alone', async () => {
    const { env, recorder } = await cluster('tiered');
    const rec = await recorder('rec-a');
    const rows = await env.record(env.cams.C1, DAY1, 3, rec.stores.writer);
    const stray = path.join(rec.stores.local.root, env.cams.C7, '2025', '05', '01', `1-${DAY1}.mp4`);
    mkdirSync(path.dirname(stray), { recursive: true });
    writeFileSync(stray, Buffer.from('not indexed, not deleted'));

    env.t.clock.set('2025-06-15T00:00:00Z');
    const { sweep } = await env.t.services.retention.run();
    expect(sweep).toMatchObject({ deleted: 3, filesMissing: 3 });
    const before = await verifyChain(env.t.db.db, rec.stores.local.root, env.cams.C1);
    expect(before.problems.map((p) => p.kind)).toEqual(['TOMBSTONED_FILE_PRESENT', 'TOMBSTONED_FILE_PRESENT', 'TOMBSTONED_FILE_PRESENT']);

    expect(await rec.tombstonedFiles.run()).toEqual({ found: 3, removed: 3, bytes: rows.reduce((n, r) => n + r.bytes, 0), kept: 0 });
    for (const r of rows) expect(existsSync(fileOf(rec, r))).toBe(false);
    expect(existsSync(stray)).toBe(true);
    const after = await verifyChain(env.t.db.db, rec.stores.local.root, env.cams.C1);
    expect(after.ok, JSON.stringify(after.firstProblem)).toBe(true);
    // Settled: the next pass finds nothing.
    expect(await rec.tombstonedFiles.run()).toMatchObject({ found: 0, removed: 0 });
  });
});
