/**
 * Tiered storage against s3rver, on SQLite and PostgreSQL: the mover takes local segments past the
 * threshold (by the injected clock) to the bucket, verified, and flips their rows; playback serves the
 * same bytes and ranges; hashes, chain and ledger are untouched (both verifications pass). A corrupted
 * upload is caught by the read-back and the local copy kept; a crash's leftover local copy is removed
 * at the next run; an object-store segment is deleted through the retention sweep, and an object the
 * bucket refuses to delete is recorded for its segment.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { soleProcess, type Leadership } from '../../src/cluster/leadership.ts';
import { verifyLedger } from '../../src/ledger/ledger-verify.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { hashStream } from '../../src/shared/file-hash.ts';
import { TierMover } from '../../src/storage/tier-mover.ts';
import { SegmentFiles } from '../../src/viewing/segment-files.ts';
import { openVideoEnv, type VideoEnv } from '../access/video-access-support.ts';
import { DIALECTS } from '../support/db.ts';
import { freshBucket, S3_URL, type TestBucket } from '../support/s3.ts';

const DAY1 = Date.parse('2025-05-01T02:00:00Z');
const DAY2 = Date.parse('2025-05-02T02:00:00Z');

/** Replaces the body of every PutObject with other bytes of the same length: a corrupted upload. */
function corruptUploads(client: S3Client): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { body?: unknown; headers: Record<string, string> };
      if (context.commandName === 'PutObjectCommand') request.body = randomBytes(Number(request.headers['content-length']));
      return next(args);
    },
    { step: 'finalizeRequest', name: 'custosTestCorrupt' },
  );
}

/** DeleteObject refused as a bucket with object lock refuses it. */
function refuseDeletes(client: S3Client): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'DeleteObjectCommand') throw Object.assign(new Error('Access Denied because object protected by object lock.'), { name: 'AccessDenied' });
      return next(args);
    },
    { step: 'initialize', name: 'custosTestRefuseDelete' },
  );
}

describe.skipIf(!S3_URL).each(DIALECTS)('tiered segment storage (%s)', (dialect) => {
  let env: VideoEnv | undefined;
  let b: TestBucket | undefined;
  afterEach(async () => {
    await env?.close();
    b?.client.destroy();
    env = undefined;
  });

  async function open(): Promise<{ env: VideoEnv; mover: TierMover; root: string }> {
    b = await freshBucket({ mode: 'tiered', tiered: { localHours: 24 } });
    env = await openVideoEnv(dialect, '2025-05-01T03:00:00Z', { storage: b.config });
    const stores = env.t.services.segmentStores;
    await stores.start();
    return { env, mover: new TierMover({ db: env.t.db.db, clock: env.t.clock, stores, leadership: soleProcess }), root: stores.local.root };
  }

  const rowsOf = (e: VideoEnv, ids: string[]) => e.t.db.db.selectFrom('segments').selectAll().where('id', 'in', ids).orderBy('startAt').execute();
  const localFile = (root: string, row: SegmentRow) => path.join(root, ...row.path.split('/'));

  it('moves local segments older than the threshold, verified; rows flip, local files go; playback, ranges, recordings verify and ledger verify are unchanged', async () => {
    const { env, mover, root } = await open();
    const old = await env.record(env.cams.C1, DAY1, 4);
    const recent = await env.record(env.cams.C1, DAY2, 2);
    await env.t.services.ledger.sync();
    const files = new SegmentFiles(env.t.services.segmentStores.reader, root);
    const before = await Promise.all(old.map(async (r) => ({ all: await hashStream(await files.read(r.path)), range: Buffer.concat(await (await files.read(r.path, { start: 8, end: 40 })).toArray()), init: await files.initLength(r.path) })));

    env.t.clock.set('2025-05-02T01:00:00Z'); // 23 h after the old ones: nothing is due
    expect(await mover.run()).toMatchObject({ moved: 0, failed: [] });
    env.t.clock.set('2025-05-02T02:30:00Z');
    const report = await mover.run();
    expect(report).toMatchObject({ moved: 4, failed: [], leftoversRemoved: 0 });
    expect(report.bytes).toBe(old.reduce((n, r) => n + r.bytes, 0));

    const moved = await rowsOf(env, old.map((r) => r.id));
    expect(moved.map((r) => [r.location, r.movedAt])).toEqual(old.map(() => ['s3', '2025-05-02T02:30:00.000Z']));
    expect(moved.map(({ location: _l, movedAt: _m, ...rest }) => rest)).toEqual(old.map(({ location: _l, movedAt: _m, ...rest }) => rest));
    for (const r of old) expect(existsSync(localFile(root, r))).toBe(false);
    expect((await rowsOf(env, recent.map((r) => r.id))).map((r) => r.location)).toEqual(['local', 'local']);
    for (const r of recent) expect(existsSync(localFile(root, r))).toBe(true);

    const after = await Promise.all(old.map(async (r) => ({ all: await hashStream(await files.read(r.path)), range: Buffer.concat(await (await files.read(r.path, { start: 8, end: 40 })).toArray()), init: await new SegmentFiles(env.t.services.segmentStores.reader, root).initLength(r.path) })));
    expect(after).toEqual(before);
    expect(after.map((a) => a.all.sha256)).toEqual(old.map((r) => r.sha256));

    const stores = env.t.services.segmentStores;
    const chain = await verifyChain(env.t.db.db, root, undefined, { objects: stores.s3 });
    expect(chain.ok, JSON.stringify(chain.firstProblem)).toBe(true);
    expect(chain.checked).toBe(6);
    await env.t.services.ledger.sync();
    const ledger = await verifyLedger(env.t.db.db, stores.reader, await env.t.services.ledger.key());
    expect(ledger.ok, JSON.stringify(ledger.problems?.[0])).toBe(true);
    // Without the bucket, the chain verification names the moved segments as missing.
    const blind = await verifyChain(env.t.db.db, root);
    expect(blind.problems.filter((p) => p.kind === 'MISSING_FILE')).toHaveLength(4);
  });

  it('a corrupted upload is detected by the read-back: the row stays local and the local copy is kept; the next clean run moves it', async () => {
    const { env, mover, root } = await open();
    const rows = await env.record(env.cams.C2, DAY1, 2);
    const client = env.t.services.segmentStores.s3!.client;
    corruptUploads(client);
    env.t.clock.set('2025-05-03T00:00:00Z');
    const report = await mover.run();
    expect(report.moved).toBe(0);
    expect(report.failed.map((f) => [f.segmentId, f.reason])).toEqual(rows.map((r) => [r.id, 'UNVERIFIED']));
    expect((await rowsOf(env, rows.map((r) => r.id))).map((r) => r.location)).toEqual(['local', 'local']);
    for (const r of rows) expect(existsSync(localFile(root, r))).toBe(true);

    client.middlewareStack.remove('custosTestCorrupt');
    expect(await mover.run()).toMatchObject({ moved: 2, failed: [] });
    const chain = await verifyChain(env.t.db.db, root, undefined, { objects: env.t.services.segmentStores.s3 });
    expect(chain.ok, JSON.stringify(chain.firstProblem)).toBe(true);
  });

  it('a local copy left by a crash between the commit and its removal is removed by the next run; only the leader moves', async () => {
    const { env, root } = await open();
    const [row] = await env.record(env.cams.C1, DAY1, 1);
    const bytes = Buffer.concat(await (await env.t.services.segmentStores.local.openRead(row!.path)).toArray());
    let leader = false;
    const leadership: Leadership = { get isLeader() { return leader; }, onChange: () => () => undefined };
    const mover = new TierMover({ db: env.t.db.db, clock: env.t.clock, stores: env.t.services.segmentStores, leadership });
    env.t.services.segmentStores.config.tiered.moveEveryMinutes = 0.002; // every 120 ms
    const job = mover.start();
    env.t.clock.set('2025-05-03T00:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await rowsOf(env, [row!.id]))[0]!.location).toBe('local');
    leader = true;
    for (let i = 0; i < 50 && (await rowsOf(env, [row!.id]))[0]!.location === 'local'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await job.stop();
    expect((await rowsOf(env, [row!.id]))[0]!.location).toBe('s3');

    mkdirSync(path.dirname(localFile(root, row!)), { recursive: true });
    writeFileSync(localFile(root, row!), bytes); // as if the removal had not happened
    expect(await mover.run()).toMatchObject({ moved: 0, leftoversRemoved: 1 });
    expect(existsSync(localFile(root, row!))).toBe(false);
  });

  it('the retention sweep deletes object-store segments through the gate (objects gone, tombstones logged); an object the bucket refuses is recorded for its segment', async () => {
    const { env, mover } = await open();
    const rows = await env.record(env.cams.C1, DAY1, 3);
    env.t.clock.set('2025-05-03T00:00:00Z');
    expect(await mover.run()).toMatchObject({ moved: 3 });
    const s3 = env.t.services.segmentStores.s3!;
    refuseDeletes(s3.client);
    env.t.clock.set('2025-06-15T00:00:00Z');
    const { sweep } = await env.t.services.retention.run();
    expect(sweep.deleted).toBe(3);
    expect(sweep.objectsRefused?.map((r) => r.segmentId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(sweep.objectsRefused?.[0]?.error).toContain('AccessDenied');
    const tombstones = await env.t.db.db.selectFrom('segmentDeletions').select(['segmentId', 'policy']).where('segmentId', 'in', rows.map((r) => r.id)).execute();
    expect(tombstones).toHaveLength(3);

    // A bucket that lets go: the next deletion removes the objects.
    s3.client.middlewareStack.remove('custosTestRefuseDelete');
    // Recorded back then: retention counts from when a segment arrived, never from before it.
    env.t.clock.set('2025-05-01T03:00:00Z');
    const more = await env.record(env.cams.C2, DAY1, 2);
    env.t.clock.set('2025-05-03T00:00:00Z');
    expect(await mover.run()).toMatchObject({ moved: 2 });
    for (const r of more) expect(await s3.stat(r.path)).toEqual({ bytes: r.bytes });
    env.t.clock.set('2025-06-15T00:00:00Z');
    const second = await env.t.services.retention.run();
    expect(second.sweep).toMatchObject({ deleted: 2 });
    expect(second.sweep.objectsRefused).toBeUndefined();
    for (const r of more) expect(await s3.stat(r.path)).toBeNull();
    await env.t.services.ledger.sync();
    const ledger = await verifyLedger(env.t.db.db, env.t.services.segmentStores.reader, await env.t.services.ledger.key());
    expect(ledger.ok, JSON.stringify(ledger.problems?.[0])).toBe(true);
  });
});
