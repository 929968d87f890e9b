/**
 * The S3 segment store against s3rver: commit uploads with the segment's SHA-256 and checks the stored
 * size before the staging file goes; ranged reads; stat; object lock asked at start (s3rver has none:
 * `required` refuses, `if-available` goes on); with lock present (the bucket's answer faked by a client
 * middleware, the one seam) every PutObject asks COMPLIANCE until the segment's start + 30 days.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadObjectCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { segmentRelPath } from '../../src/recording/segment-paths.ts';
import { S3SegmentStore } from '../../src/storage/s3-segment-store.ts';
import { hashStream } from '../../src/shared/file-hash.ts';
import { createSegmentStores } from '../../src/storage/segment-stores.ts';
import { freshBucket, S3_URL, type TestBucket } from '../support/s3.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const key = (seq: number) => ({ cameraId: 'cam-1', seq, startMs: T0 + seq * 10_000 });

/** Records every PutObject request the client sends; answers GetObjectLockConfiguration itself when `lock` is set. */
function spy(client: S3Client, lock = false): PutObjectCommandInput[] {
  const puts: PutObjectCommandInput[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand') puts.push({ ...(args.input as PutObjectCommandInput) });
      if (lock && context.commandName === 'GetObjectLockConfigurationCommand') {
        return { output: { $metadata: {}, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } }, response: {} } as never;
      }
      return next(args);
    },
    { step: 'initialize', name: 'custosTestSpy' },
  );
  return puts;
}

describe.skipIf(!S3_URL)('S3 segment store', () => {
  let dir: string;
  let b: TestBucket;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-s3store-'));
    b = await freshBucket();
  });
  afterEach(() => {
    b.client.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const storeWith = (client: S3Client, objectLock = b.config.s3.objectLock) => {
    const warnings: string[] = [];
    const store = new S3SegmentStore({ config: { ...b.config.s3, objectLock }, staging: new LocalSegmentStore(path.join(dir, 'segments')), client, log: { warn: (_o, msg) => warnings.push(msg) } });
    return { store, warnings };
  };

  it('commits a segment to the bucket with its SHA-256, checks the stored size, removes the staging file; reads ranges and stats it', async () => {
    const puts = spy(b.client);
    const { store } = storeWith(b.client);
    await store.start();
    const body = randomBytes(300_000);
    const sink = await store.begin(key(1));
    await sink.write(body.subarray(0, 100_000));
    await sink.write([body.subarray(100_000, 200_000), body.subarray(200_000)]);
    await sink.commit();
    expect(sink.location).toBe('s3');
    expect(existsSync(path.join(dir, 'segments', ...sink.path.split('/')))).toBe(false);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ Key: `segments/${segmentRelPath(key(1))}`, ChecksumSHA256: createHash('sha256').update(body).digest('base64'), ContentLength: body.length });
    expect(puts[0]!.ObjectLockMode).toBeUndefined();

    const head = await b.client.send(new HeadObjectCommand({ Bucket: b.bucket, Key: `segments/${sink.path}` }));
    expect(head.ContentLength).toBe(body.length);
    expect(await store.stat(sink.path)).toEqual({ bytes: body.length });
    expect((await hashStream(await store.openRead(sink.path))).sha256).toBe(createHash('sha256').update(body).digest('hex'));
    const range = Buffer.concat(await (await store.openRead(sink.path, { start: 1000, end: 1999 })).toArray());
    expect(range.equals(body.subarray(1000, 2000))).toBe(true);
    const tail = Buffer.concat(await (await store.openRead(sink.path, { start: body.length - 10, end: body.length - 1 })).toArray());
    expect(tail.equals(body.subarray(body.length - 10))).toBe(true);

    expect(await store.stat(segmentRelPath(key(9)))).toBeNull();
    await expect(store.openRead(segmentRelPath(key(9)))).rejects.toMatchObject({ code: 'E_SEGMENT_FILE_MISSING' });
  });

  it('put() stores a finished segment from a stream and answers its hash; a truncated sink uploads the hash of what is left', async () => {
    const { store } = storeWith(b.client);
    const body = randomBytes(50_000);
    const stored = await store.put(key(1), (async function* () {
      yield body.subarray(0, 20_000);
      yield body.subarray(20_000);
    })());
    expect(stored).toEqual({ path: segmentRelPath(key(1)), bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    expect((await hashStream(await store.openRead(stored.path))).sha256).toBe(stored.sha256);

    const puts = spy(b.client);
    const sink = await store.begin(key(2));
    await sink.write(body);
    await sink.truncate(30_000);
    await sink.commit();
    expect(puts[0]!.ChecksumSHA256).toBe(createHash('sha256').update(body.subarray(0, 30_000)).digest('base64'));
    expect(await store.stat(sink.path)).toEqual({ bytes: 30_000 });
  });

  it('object lock "required" on a bucket without it refuses to start (E_S3_OBJECT_LOCK_UNAVAILABLE); "if-available" says so once and stores without lock', async () => {
    const required = storeWith(b.client, 'required');
    await expect(required.store.start()).rejects.toMatchObject({ code: 'E_S3_OBJECT_LOCK_UNAVAILABLE', kind: 'CONFLICT' });
    const stores = await createSegmentStores({ ...b.config, s3: { ...b.config.s3, objectLock: 'required' } }, dir);
    await expect(stores.start()).rejects.toMatchObject({ code: 'E_S3_OBJECT_LOCK_UNAVAILABLE' });
    stores.close();

    const lenient = storeWith(b.client, 'if-available');
    expect(await lenient.store.start()).toMatchObject({ objectLock: 'UNAVAILABLE', bucket: b.bucket });
    await lenient.store.start();
    expect(lenient.warnings).toHaveLength(1);
    expect(JSON.stringify(lenient.store.status())).not.toContain('S3RVER');
    await lenient.store.put(key(1), [randomBytes(1000)][Symbol.iterator]() as never);
    expect(await lenient.store.stat(segmentRelPath(key(1)))).toEqual({ bytes: 1000 });
  });

  it('where the bucket has object lock, every upload asks COMPLIANCE until the segment start + the 30-day floor', async () => {
    const puts = spy(b.client, true);
    const { store } = storeWith(b.client, 'required');
    expect(await store.start()).toMatchObject({ objectLock: 'COMPLIANCE' });
    const sink = await store.begin(key(3));
    await sink.write(randomBytes(2000));
    await sink.commit();
    expect(puts[0]).toMatchObject({ ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: new Date(key(3).startMs + 30 * 86_400_000) });
    // A recorder worker gets the lock the main thread found, and asks for it without asking the bucket again.
    const worker = await createSegmentStores({ ...b.config, s3: { ...b.config.s3, objectLock: 'required' } }, dir, { s3Client: b.client, objectLock: 'COMPLIANCE' });
    expect(worker.status().s3?.objectLock).toBe('COMPLIANCE');
  });

  it('an upload that fails keeps the segment final on local disk and says so (location local)', async () => {
    const store = new S3SegmentStore({ config: { ...b.config.s3, bucket: 'no-such-bucket-here' }, staging: new LocalSegmentStore(path.join(dir, 'segments')), client: b.client });
    const body = randomBytes(5000);
    const sink = await store.begin(key(1));
    await sink.write(body);
    await sink.commit();
    expect(sink.location).toBe('local');
    expect(existsSync(path.join(dir, 'segments', ...sink.path.split('/')))).toBe(true);
  });
});
