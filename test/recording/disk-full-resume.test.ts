/**
 * A full disk that recording comes back from by itself: the segment salvaged at the failure gets its
 * row once the database takes it, the DISK_FULL gap covers all the time not recorded and is closed by the
 * first segment after, numbering goes on (also across a restart) and verification passes.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import type { RecordingAlarm } from '../../src/recording/segment-writer.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { DIALECTS } from '../support/db.ts';
import { fillDatabase } from '../support/full-database.ts';
import { fillingFs } from './support/faulty-fs.ts';
import { syntheticFragment, syntheticInit } from './support/fmp4.ts';
import { openRecordingEnv, sha256File, T0, type RecordingEnv } from './support/env.ts';

const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => statSync(path.join(dir, n)).isFile()).sort() : []);
const at = (i: number) => ({ startMs: T0 + i * 400, endMs: T0 + (i + 1) * 400, frames: 10, keyframe: true });
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DIALECTS)('disk full, then room again (%s)', (dialect) => {
  const init = syntheticInit();
  const frag = (n: number) => syntheticFragment(n, 10);
  const fragLen = frag(1).length;
  let env: RecordingEnv;
  let fs: ReturnType<typeof fillingFs>;
  beforeEach(async () => {
    // Segment 1 (init + 3 fragments), then init + 1 fragment and half of the next.
    fs = fillingFs(2 * init.length + 4 * fragLen + fragLen / 2);
    env = await openRecordingEnv(dialect, { fs });
  });
  afterEach(async () => {
    await env.close();
  });

  it('indexes the salvaged segment and writes the gap once the database has room, resumes once the disk has room, numbers on, verifies', async () => {
    const alarms: RecordingAlarm[] = [];
    const writer = env.writer('cam_back', { onAlarm: (a) => alarms.push(a) });
    await writer.open(init);
    for (let i = 0; i < 3; i++) await writer.append(frag(i + 1), at(i));
    await writer.close();

    // The database shares the disk: rows and gaps are refused with the engine's own "full" error.
    const full = await fillDatabase(env.handle, [
      { table: 'segments', event: 'INSERT' },
      { table: 'recording_gaps', event: 'INSERT' },
    ]);
    await writer.open(init);
    await writer.append(frag(4), at(3));
    await expect(writer.append(frag(5), at(4))).rejects.toThrow(/E_RECORDING_STOPPED/);
    expect(alarms).toMatchObject([{ kind: 'DISK_FULL', salvaged: null }]);
    expect((await listSegments(env.handle.db, { cameraId: 'cam_back' })).map((r) => r.seq)).toEqual([1]);
    expect(await listGaps(env.handle.db, { cameraId: 'cam_back' })).toEqual([]);
    const onDisk = files(env.root);
    expect(onDisk.filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(onDisk).toHaveLength(2);

    // Still full: each open is refused without a file being made (no growing file, no new number).
    for (let i = 5; i < 8; i++) {
      await writer.open(init);
      expect(writer.state).toBe('stopped');
      await expect(writer.append(frag(i + 1), at(i))).rejects.toThrow(/E_RECORDING_STOPPED/);
    }
    expect(files(env.root)).toEqual(onDisk);
    expect(alarms).toHaveLength(1);

    // The database has room again, the disk not yet: the salvaged row and the gap are written at the next open.
    await full.free();
    await writer.open(init);
    expect(writer.state).toBe('stopped');
    const salvaged = await listSegments(env.handle.db, { cameraId: 'cam_back' });
    expect(salvaged.map((r) => r.seq)).toEqual([1, 2]);
    expect(salvaged[1]).toMatchObject({ frames: 10, bytes: init.length + fragLen, endAt: iso(T0 + 1600) });
    expect(await listGaps(env.handle.db, { cameraId: 'cam_back' })).toMatchObject([{ reason: 'DISK_FULL', fromAt: iso(T0 + 1600), toAt: null }]);

    // Room on the disk: the next open resumes; every segment is its own file, numbered on, and the first closes the gap.
    fs.setLimit(Number.MAX_SAFE_INTEGER);
    for (let s = 0; s < 3; s++) {
      await writer.open(init);
      expect(writer.state).toBe('open');
      for (let f = 0; f < 2; f++) await writer.append(frag(20 + s * 2 + f), at(20 + s * 2 + f));
      expect(await writer.close()).toMatchObject({ seq: 3 + s, frames: 20 });
    }
    expect(await listGaps(env.handle.db, { cameraId: 'cam_back' })).toMatchObject([{ reason: 'DISK_FULL', fromAt: iso(T0 + 1600), toAt: iso(T0 + 8000) }]);
    const rows = await listSegments(env.handle.db, { cameraId: 'cam_back' });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const row of rows) expect(sha256File(path.join(env.root, row.path))).toBe(row.sha256);
    expect(files(env.root)).toHaveLength(5);
    expect(await verifyChain(env.handle.db, env.root)).toMatchObject({ ok: true, checked: 5 });
  });

  it('a restart after the salvaged row was refused gives that file its row and numbers after it: nothing orphaned', async () => {
    const first = env.writer('cam_restart');
    await first.open(init);
    for (let i = 0; i < 3; i++) await first.append(frag(i + 1), at(i));
    await first.close();
    const full = await fillDatabase(env.handle, [
      { table: 'segments', event: 'INSERT' },
      { table: 'recording_gaps', event: 'INSERT' },
    ]);
    await first.open(init);
    await first.append(frag(4), at(3));
    await expect(first.append(frag(5), at(4))).rejects.toThrow(/E_RECORDING_STOPPED/);
    expect((await listSegments(env.handle.db, { cameraId: 'cam_restart' })).map((r) => r.seq)).toEqual([1]);

    // The process goes away with it; space comes back; a new writer (a new process) starts the camera.
    await full.free();
    fs.setLimit(Number.MAX_SAFE_INTEGER);
    const second = env.writer('cam_restart');
    await second.open(init);
    await second.append(frag(10), at(10));
    expect(await second.close()).toMatchObject({ seq: 3 });
    const rows = await listSegments(env.handle.db, { cameraId: 'cam_restart' });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[1]).toMatchObject({ frames: 10, endAt: iso(T0 + 1600) });
    expect(files(env.root).filter((n) => n.includes('orphans') || n.endsWith('.partial'))).toEqual([]);
    expect(await verifyChain(env.handle.db, env.root)).toMatchObject({ ok: true, checked: 3 });
  });
});
