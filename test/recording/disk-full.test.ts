import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import type { RecordingAlarm } from '../../src/recording/segment-writer.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { DIALECTS } from '../support/db.ts';
import { fillingFs } from './support/faulty-fs.ts';
import { syntheticFragment, syntheticInit } from './support/fmp4.ts';
import { openRecordingEnv, sha256File, T0, type RecordingEnv } from './support/env.ts';

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => statSync(path.join(dir, n)).isFile());
}

describe.each(DIALECTS)('disk full, through an injected file system (%s)', (dialect) => {
  const init = syntheticInit();
  const frag = (n: number) => syntheticFragment(n, 10);
  const fragLen = frag(1).length;
  let env: RecordingEnv;
  let fs: ReturnType<typeof fillingFs>;
  beforeEach(async () => {
    // Room for segment 1 (init + 3 fragments), then init + 1 fragment and half of the next.
    fs = fillingFs(2 * init.length + 4 * fragLen + fragLen / 2);
    env = await openRecordingEnv(dialect, { fs });
  });
  afterEach(async () => {
    await env.close();
  });

  it('stops the camera cleanly: keeps the last whole fragment, opens a DISK_FULL gap, raises the alarm once, deletes nothing', async () => {
    const alarms: RecordingAlarm[] = [];
    const writer = env.writer('cam_full', { onAlarm: (a) => alarms.push(a) });
    const at = (i: number) => ({ startMs: T0 + i * 400, endMs: T0 + (i + 1) * 400, frames: 10, keyframe: true });
    await writer.open(init);
    for (let i = 0; i < 3; i++) await writer.append(frag(i + 1), at(i));
    const first = await writer.close();

    await writer.open(init);
    await writer.append(frag(4), at(3));
    await expect(writer.append(frag(5), at(4))).rejects.toThrow(/E_RECORDING_STOPPED/);
    expect(writer.state).toBe('stopped');
    await expect(writer.append(frag(6), at(5))).rejects.toThrow(/E_RECORDING_STOPPED/);

    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ kind: 'DISK_FULL', cameraId: 'cam_full', salvaged: { seq: 2, frames: 10, bytes: init.length + fragLen } });
    const rows = await listSegments(env.handle.db, { cameraId: 'cam_full' });
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[0]).toEqual(first);
    for (const row of rows) expect(sha256File(path.join(env.root, row.path))).toBe(row.sha256);
    expect(allFiles(env.root).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(await listGaps(env.handle.db, { cameraId: 'cam_full' })).toMatchObject([{ reason: 'DISK_FULL', fromAt: new Date(T0 + 1600).toISOString(), toAt: null }]);

    // Still full: a retry fails the same way without another gap or alarm.
    await writer.open(init);
    await expect(writer.append(frag(6), at(5))).rejects.toThrow(/E_RECORDING_STOPPED/);
    expect(alarms).toHaveLength(1);
    expect(await listGaps(env.handle.db, { cameraId: 'cam_full' })).toHaveLength(1);

    // Room again: the next open() resumes, and the first new segment closes the gap.
    fs.setLimit(Number.MAX_SAFE_INTEGER);
    await writer.open(init);
    await writer.append(frag(7), at(10));
    expect(await writer.close()).toMatchObject({ seq: 3 });
    expect(await listGaps(env.handle.db, { cameraId: 'cam_full' })).toMatchObject([{ reason: 'DISK_FULL', toAt: new Date(T0 + 4000).toISOString() }]);
    expect(await verifyChain(env.handle.db, env.root)).toMatchObject({ ok: true, checked: 3 });
  });

  it('a disk that is full before the first fragment leaves no file and no row', async () => {
    fs.setLimit(10);
    const alarms: RecordingAlarm[] = [];
    const writer = env.writer('cam_none', { onAlarm: (a) => alarms.push(a) });
    await writer.open(init);
    await expect(writer.append(frag(1), { startMs: T0, endMs: T0 + 400, frames: 10, keyframe: true })).rejects.toThrow(/E_RECORDING_STOPPED/);
    expect(alarms).toMatchObject([{ kind: 'DISK_FULL', salvaged: null }]);
    expect(allFiles(env.root)).toEqual([]);
    expect(await listSegments(env.handle.db, { cameraId: 'cam_none' })).toEqual([]);
    expect(await listGaps(env.handle.db, { cameraId: 'cam_none' })).toMatchObject([{ reason: 'DISK_FULL', fromAt: new Date(T0).toISOString() }]);
  });
});

/** A 2 MiB tmpfs, where this process may mount one (root on Linux); null elsewhere. */
function mountTinyTmpfs(): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmdirSync(dir);
    return null;
  }
}

const tmpfs = mountTinyTmpfs();

describe.skipIf(!tmpfs)('disk full, on a real 2 MiB tmpfs', () => {
  afterAll(() => {
    execFileSync('umount', [tmpfs as string]);
    rmdirSync(tmpfs as string);
  });

  it('records until ENOSPC, then stops with every finished segment intact and the interrupted one cut to a whole fragment', async () => {
    const env = await openRecordingEnv('sqlite', { root: path.join(tmpfs as string, 'segments') });
    try {
      const alarms: RecordingAlarm[] = [];
      const writer = env.writer('cam_tmpfs', { onAlarm: (a) => alarms.push(a) });
      const init = syntheticInit();
      let stoppedAt = -1;
      outer: for (let s = 0; s < 100; s++) {
        await writer.open(init);
        for (let f = 0; f < 10; f++) {
          const i = s * 10 + f;
          try {
            await writer.append(syntheticFragment(i + 1, 10, 3600, 3000), { startMs: T0 + i * 400, endMs: T0 + (i + 1) * 400, frames: 10, keyframe: true });
          } catch (error) {
            expect(String(error)).toMatch(/E_RECORDING_STOPPED/);
            stoppedAt = i;
            break outer;
          }
        }
        await writer.close();
      }
      expect(stoppedAt).toBeGreaterThan(20);
      expect(alarms).toHaveLength(1);
      expect(alarms[0]!.kind).toBe('DISK_FULL');
      const rows = await listSegments(env.handle.db, { cameraId: 'cam_tmpfs' });
      expect(rows.at(-1)!.frames).toBe((stoppedAt % 10) * 10 || 100);
      for (const row of rows) expect(sha256File(path.join(env.root, row.path))).toBe(row.sha256);
      expect(allFiles(env.root).filter((n) => n.endsWith('.partial'))).toEqual([]);
      expect(await verifyChain(env.handle.db, env.root)).toMatchObject({ ok: true, checked: rows.length });
      expect(await listGaps(env.handle.db, { cameraId: 'cam_tmpfs' })).toMatchObject([{ reason: 'DISK_FULL', toAt: null, fromAt: rows.at(-1)!.endAt }]);
    } finally {
      await env.close();
    }
  });
});
