/**
 * `custos storage status|move` from the compiled build, configured by environment: the status names
 * mode, bucket and object lock and never a credential; a move by hand takes the segments to the
 * bucket, after which `custos recordings verify` and `custos ledger verify` still pass.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '../../src/db/connect.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { SegmentWriter } from '../../src/recording/segment-writer.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { custos } from '../support/cli.ts';
import { freshBucket, S3_URL, type TestBucket } from '../support/s3.ts';
import { syntheticFragment, syntheticInit } from '../recording/support/fmp4.ts';
import { T0 } from '../recording/support/env.ts';

describe.skipIf(!S3_URL)('custos storage', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  let b: TestBucket;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-storage-cli-'));
    b = await freshBucket({ mode: 'tiered' });
    env = {
      CUSTOS_DATA_DIR: dir,
      CUSTOS_STORAGE_MODE: 'tiered',
      CUSTOS_S3_ENDPOINT: S3_URL!,
      CUSTOS_S3_BUCKET: b.bucket,
      CUSTOS_S3_ACCESS_KEY_ID: 'S3RVER',
      CUSTOS_S3_SECRET_ACCESS_KEY: 'S3RVER',
    };
    const handle = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
    await migrateToLatest(handle);
    const writer = new SegmentWriter({ db: handle.db, store: new LocalSegmentStore(path.join(dir, 'segments')), cameraId: 'cam_cli', clock: fixedClock('2025-06-01T02:00:00Z') });
    for (let s = 0; s < 3; s++) {
      await writer.open(syntheticInit());
      await writer.append(syntheticFragment(s + 1, 10), { startMs: T0 + s * 1000, endMs: T0 + (s + 1) * 1000, frames: 10, keyframe: true });
      await writer.close();
    }
    await handle.close();
  });
  afterAll(() => {
    b.client.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('status names the bucket and its object lock, never a credential; a move by hand takes every segment to the bucket and both verifications pass', async () => {
    const status = await custos(['storage', 'status'], env);
    expect(status.status, status.stderr).toBe(0);
    expect(status.json()).toEqual({ mode: 'tiered', s3: { endpoint: S3_URL, bucket: b.bucket, prefix: 'segments/', objectLock: 'UNAVAILABLE' } });
    expect(status.stdout + status.stderr).not.toContain('S3RVER');

    const refused = await custos(['storage', 'move', '--older-than-hours', 'soon'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('E_HOURS_INVALID');

    const move = await custos(['storage', 'move', '--older-than-hours', '0'], env);
    expect(move.status, move.stderr).toBe(0);
    expect(move.json()).toMatchObject({ moved: 3, failed: [] });
    expect(existsSync(path.join(dir, 'segments', 'cam_cli', '2025', '06', '01', `1-${T0}.mp4`))).toBe(false);

    const recordings = await custos(['recordings', 'verify'], env);
    expect(recordings.status, recordings.stderr).toBe(0);
    expect(recordings.json()).toEqual({ ok: true, checked: 3, problems: [] });
    const ledger = await custos(['ledger', 'verify'], env);
    expect(ledger.status, ledger.stderr).toBe(0);
    expect(ledger.json()).toMatchObject({ ok: true });
  });
});
