/**
 * Recording to the bucket stages each segment on local disk first: a full staging disk stops and resumes
 * recording as a full local disk does (the S3 store reports the staging folder's room), and numbering goes
 * on after the newest object in the bucket, so a segment uploaded whose row was refused is never numbered
 * again after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { SegmentWriter, type RecordingAlarm } from '../../src/recording/segment-writer.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { S3SegmentStore } from '../../src/storage/s3-segment-store.ts';
import { DIALECTS, openTestDb } from '../support/db.ts';
import { fillDatabase } from '../support/full-database.ts';
import { freshBucket, S3_URL, type TestBucket } from '../support/s3.ts';
import { fillingFs } from '../recording/support/faulty-fs.ts';
import { syntheticFragment, syntheticInit } from '../recording/support/fmp4.ts';

const T0 = Date.parse('2025-06-01T01:00:00Z');
const at = (i: number) => ({ startMs: T0 + i * 400, endMs: T0 + (i + 1) * 400, frames: 10, keyframe: true });
const iso = (ms: number) => new Date(ms).toISOString();

(S3_URL ? describe : describe.skip).each(DIALECTS)('recording to the bucket with a full staging disk (%s)', (dialect) => {
  const init = syntheticInit();
  const frag = (n: number) => syntheticFragment(n, 10);
  const fragLen = frag(1).length;
  let dir: string;
  let b: TestBucket;
  let handle: DbHandle;
  let fs: ReturnType<typeof fillingFs>;
  let store: S3SegmentStore;
  const clock = fixedClock('2025-06-01T02:00:00Z');
  const writer = (cameraId: string, onAlarm?: (a: RecordingAlarm) => void) =>
    new SegmentWriter({ db: handle.db, store, cameraId, clock, ...(onAlarm ? { onAlarm } : {}) });
  const objectsOf = async (cameraId: string) => {
    const out = await b.client.send(new ListObjectsV2Command({ Bucket: b.bucket, Prefix: `segments/${cameraId}/` }));
    return (out.Contents ?? []).map((o) => o.Key as string).sort();
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-s3full-'));
    b = await freshBucket();
    handle = await openTestDb(dialect);
    fs = fillingFs(Number.MAX_SAFE_INTEGER);
    store = new S3SegmentStore({ config: b.config.s3, staging: new LocalSegmentStore(path.join(dir, 'segments'), fs), client: b.client });
    await store.start();
  });
  afterEach(async () => {
    await handle.close();
    b.client.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops on a full staging disk, stays stopped while the room is short of a segment and its reserve, resumes once there is room', async () => {
    const alarms: RecordingAlarm[] = [];
    const w = writer('cam_stage', (a) => alarms.push(a));
    await w.open(init);
    for (let i = 0; i < 3; i++) await w.append(frag(i + 1), at(i));
    expect(await w.close()).toMatchObject({ seq: 1, location: 's3' });

    // The staging disk fills in the middle of the second segment.
    fs.setLimit(fs.written() + init.length + fragLen / 2);
    await w.open(init);
    await expect(w.append(frag(4), at(3))).rejects.toThrow(/E_RECORDING_STOPPED/);
    expect(alarms).toMatchObject([{ kind: 'DISK_FULL' }]);

    // Some room comes back, enough for an init and a fragment but not for a segment and its reserve.
    fs.setLimit(fs.written() + init.length + 2 * fragLen);
    expect((await store.space())?.freeBytes).toBe(init.length + 2 * fragLen);
    await w.open(init);
    expect(w.state).toBe('stopped');
    await expect(w.append(frag(5), at(4))).rejects.toThrow(/E_RECORDING_STOPPED/);
    expect(alarms).toHaveLength(1);

    fs.setLimit(Number.MAX_SAFE_INTEGER);
    await w.open(init);
    expect(w.state).toBe('open');
    await w.append(frag(10), at(10));
    expect(await w.close()).toMatchObject({ seq: 2, location: 's3' });
    expect((await listSegments(handle.db, { cameraId: 'cam_stage' })).map((r) => r.seq)).toEqual([1, 2]);
    expect(await listGaps(handle.db, { cameraId: 'cam_stage' })).toMatchObject([{ reason: 'DISK_FULL', fromAt: iso(T0 + 1200), toAt: iso(T0 + 4000) }]);
    expect(await objectsOf('cam_stage')).toHaveLength(2);
  });

  it('after a restart, numbers on after an uploaded segment whose row the database refused', async () => {
    const first = writer('cam_seq');
    await first.open(init);
    await first.append(frag(1), at(0));
    await first.close();
    const full = await fillDatabase(handle, [{ table: 'segments', event: 'INSERT' }]);
    await first.open(init);
    await first.append(frag(2), at(1));
    await first.close().catch(() => null);
    expect((await listSegments(handle.db, { cameraId: 'cam_seq' })).map((r) => r.seq)).toEqual([1]);
    const uploaded = await objectsOf('cam_seq');
    expect(uploaded).toHaveLength(2);
    expect(uploaded.some((k) => /\/2-\d+\.mp4$/.test(k))).toBe(true);

    // The process goes away with the refused row; a new one starts the camera.
    await full.free();
    const second = writer('cam_seq');
    await second.open(init);
    await second.append(frag(3), at(5));
    expect(await second.close()).toMatchObject({ seq: 3 });
    expect((await objectsOf('cam_seq')).filter((k) => /\/2-\d+\.mp4$/.test(k))).toHaveLength(1);
  });
});
