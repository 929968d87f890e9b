import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, genesisHash } from '../../src/recording/chain.ts';
import { recordGap, listGaps } from '../../src/recording/gap-repository.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { DIALECTS } from '../support/db.ts';
import { ffprobeFrames, hasTool, realClip, syntheticFragment, syntheticInit } from './support/fmp4.ts';
import { openRecordingEnv, sha256File, T0, type RecordingEnv } from './support/env.ts';

describe.each(DIALECTS)('segment writer (%s)', (dialect) => {
  let env: RecordingEnv;
  beforeEach(async () => {
    env = await openRecordingEnv(dialect);
  });
  afterEach(async () => {
    await env.close();
  });

  it('writes a partial file, makes it final on close, and only then adds the row; the hash is the file hash', async () => {
    const writer = env.writer('cam_a');
    await writer.open(syntheticInit());
    expect(existsSync(path.join(env.root, 'cam_a'))).toBe(false);
    await writer.append(syntheticFragment(1, 10), { startMs: T0, endMs: T0 + 400, frames: 10, keyframe: true });
    await writer.append(syntheticFragment(2, 10), { startMs: T0 + 400, endMs: T0 + 800, frames: 10, keyframe: false });
    const dir = path.join(env.root, 'cam_a', '2025', '06', '01');
    expect(readdirSync(dir)).toEqual([`1-${T0}.mp4.partial`]);
    expect(await listSegments(env.handle.db, { cameraId: 'cam_a' })).toEqual([]);

    const row = await writer.close();
    expect(readdirSync(dir)).toEqual([`1-${T0}.mp4`]);
    const file = path.join(dir, `1-${T0}.mp4`);
    expect(row).toMatchObject({
      cameraId: 'cam_a',
      seq: 1,
      startAt: '2025-06-01T01:00:00.000Z',
      endAt: '2025-06-01T01:00:00.800Z',
      durationMs: 800,
      frames: 20,
      codec: 'h264',
      bytes: statSync(file).size,
      sha256: sha256File(file),
      path: `cam_a/2025/06/01/1-${T0}.mp4`,
      prevChainHash: genesisHash('cam_a'),
    });
    expect(await listSegments(env.handle.db, { cameraId: 'cam_a' })).toEqual([row]);
    expect(writer.state).toBe('idle');
  });

  it('links each segment to the previous one and closes the open gap when recording resumes', async () => {
    const writer = env.writer('cam_b');
    await recordGap(env.handle.db, { cameraId: 'cam_b', fromAt: '2025-06-01T00:00:00.000Z', reason: 'CONNECTION_LOST' }, env.clock.now());
    const rows = [];
    for (let s = 0; s < 3; s++) {
      await writer.open(syntheticInit());
      const t = T0 + s * 1000;
      await writer.append(syntheticFragment(s + 1, 5), { startMs: t, endMs: t + 1000, frames: 5, keyframe: true });
      rows.push(await writer.close());
    }
    expect(rows.map((r) => r?.seq)).toEqual([1, 2, 3]);
    let prev = genesisHash('cam_b');
    for (const r of rows) {
      expect(r!.prevChainHash).toBe(prev);
      expect(r!.chainHash).toBe(chainHash(prev, r!.sha256, r!));
      prev = r!.chainHash;
    }
    expect(await listGaps(env.handle.db, { cameraId: 'cam_b' })).toMatchObject([{ reason: 'CONNECTION_LOST', toAt: '2025-06-01T01:00:00.000Z' }]);
  });

  it('refuses a segment that does not start on a keyframe, bad times, and appends without open', async () => {
    const writer = env.writer('cam_c');
    await expect(writer.append(syntheticFragment(1, 1), { startMs: T0, endMs: T0 + 40, frames: 1, keyframe: true })).rejects.toThrow(/E_SEGMENT_NOT_OPEN/);
    await writer.open(syntheticInit());
    await expect(writer.append(syntheticFragment(1, 1), { startMs: T0, endMs: T0 + 40, frames: 1, keyframe: false })).rejects.toThrow(/E_SEGMENT_NOT_KEYFRAME/);
    await expect(writer.append(syntheticFragment(1, 1), { startMs: T0, endMs: T0 - 1, frames: 1, keyframe: true })).rejects.toThrow(/E_FRAGMENT_META_INVALID/);
    expect(await writer.close()).toBeNull();
    expect(existsSync(path.join(env.root, 'cam_c'))).toBe(false);
  });

  it('keeps several cameras apart when their writes interleave, each in order', async () => {
    const cams = ['cam_1', 'cam_2', 'cam_3'];
    const writers = cams.map((c) => env.writer(c));
    await Promise.all(writers.map((w) => w.open(syntheticInit())));
    // Fire without awaiting: one camera's queue keeps its order while the others proceed.
    const pending = [];
    for (let f = 0; f < 5; f++) {
      for (const w of writers) pending.push(w.append(syntheticFragment(f + 1, 4), { startMs: T0 + f * 160, endMs: T0 + (f + 1) * 160, frames: 4, keyframe: f === 0 }));
    }
    const closes = writers.map((w) => w.close());
    await Promise.all(pending);
    const rows = await Promise.all(closes);
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({ cameraId: cams[i], seq: 1, frames: 20, endAt: new Date(T0 + 800).toISOString() });
      expect(sha256File(path.join(env.root, row!.path))).toBe(row!.sha256);
    }
  });

  it.skipIf(!hasTool('ffprobe'))('writes real H.264 segments that ffprobe decodes with the frames sent', async () => {
    const clip = realClip(4);
    const writer = env.writer('cam_real');
    const rows = [];
    for (let s = 0; s < 2; s++) {
      await writer.open(clip.init);
      for (let f = 0; f < 2; f++) {
        const t = T0 + (s * 2 + f) * 1000;
        await writer.append(clip.fragments[s * 2 + f]!, { startMs: t, endMs: t + 1000, frames: 25, keyframe: true });
      }
      rows.push(await writer.close());
    }
    for (const row of rows) {
      expect(row).toMatchObject({ frames: 50, durationMs: 2000, codec: 'h264' });
      expect(ffprobeFrames(path.join(env.root, row!.path))).toBe(50);
    }
  });
});
