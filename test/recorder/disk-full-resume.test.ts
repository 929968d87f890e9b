/**
 * A real full volume (a 2 MiB tmpfs, where this process may mount one): a camera's recording output fills
 * it, stops with the interrupted segment cut to a whole fragment, makes no file while the disk stays full,
 * and resumes by itself once space is freed: every segment its own file, numbered on, one DISK_FULL gap up
 * to the first new segment, verification clean. The index on SQLite and on PostgreSQL; the segments on the
 * tmpfs either way.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordingOutput } from '../../src/recorder/recording-output.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import type { RecordingAlarm } from '../../src/recording/segment-writer.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { DIALECTS } from '../support/db.ts';
import { syntheticFragment, syntheticInit } from '../recording/support/fmp4.ts';
import { openRecordingEnv, sha256File, T0 } from '../recording/support/env.ts';

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
const segmentFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => statSync(path.join(dir, n)).isFile()).sort();

describe.skipIf(!tmpfs)('recording on a 2 MiB volume that fills, then has room again', () => {
  afterAll(() => {
    execFileSync('umount', [tmpfs as string]);
    rmdirSync(tmpfs as string);
  });

  for (const dialect of DIALECTS) {
    it(`${dialect}: stops at ENOSPC, writes nothing while full, resumes by itself when space is freed; nothing orphaned, verify passes`, async () => {
      const filler = path.join(tmpfs as string, 'filler');
      writeFileSync(filler, Buffer.alloc(1024 * 1024, 1));
      const env = await openRecordingEnv(dialect, { root: path.join(tmpfs as string, 'segments') });
      try {
        const alarms: RecordingAlarm[] = [];
        const reasons: string[] = [];
        const output = new RecordingOutput({ cameraId: 'cam_small', db: env.handle.db, store: env.store, clock: env.clock, onStatus: (s) => s.reason && reasons.push(s.reason), onAlarm: (a) => alarms.push(a) });
        const init = syntheticInit();
        let i = 0;
        // One segment as the recorder makes them: init, then five 400 ms fragments of about 30 kB.
        const segment = async () => {
          output.startSegment(init);
          for (let f = 0; f < 5; f++, i++) output.append(syntheticFragment(i + 1, 10, 3600, 3000), { startMs: T0 + i * 400, endMs: T0 + (i + 1) * 400, frames: 10, keyframe: true });
          await output.flushed();
        };
        for (let s = 0; s < 40 && alarms.length === 0; s++) await segment();
        expect(alarms).toMatchObject([{ kind: 'DISK_FULL' }]);
        const beforeRoom = segmentFiles(env.root);
        expect(beforeRoom.length).toBeGreaterThan(2);
        expect(beforeRoom.filter((n) => n.endsWith('.partial'))).toEqual([]);
        const stoppedRows = await listSegments(env.handle.db, { cameraId: 'cam_small' });
        expect(stoppedRows).toHaveLength(beforeRoom.length);
        const gapFrom = stoppedRows.at(-1)!.endAt;

        // Still full: segments keep coming and are refused without a file, a number or another alarm.
        for (let s = 0; s < 3; s++) await segment();
        expect(segmentFiles(env.root)).toEqual(beforeRoom);
        expect(output.status.state).toBe('error');

        // An operator frees space: the next segment is recorded, and the ones after, each in its own file.
        unlinkSync(filler);
        const resumedFromMs = T0 + i * 400;
        for (let s = 0; s < 3; s++) await segment();
        output.finishSegment();
        await output.flushed();
        expect(alarms).toHaveLength(1);
        expect(reasons.filter((r) => /ALREADY_OPEN/.test(r))).toEqual([]);
        expect(output.status.state).toBe('online');
        const rows = await listSegments(env.handle.db, { cameraId: 'cam_small' });
        expect(rows.map((r) => r.seq)).toEqual(rows.map((_, k) => k + 1));
        expect(rows.slice(stoppedRows.length).map((r) => r.frames)).toEqual([50, 50, 50]);
        for (const row of rows) expect(sha256File(path.join(env.root, row.path))).toBe(row.sha256);
        expect(segmentFiles(env.root)).toHaveLength(rows.length);
        expect(await listGaps(env.handle.db, { cameraId: 'cam_small' })).toMatchObject([{ reason: 'DISK_FULL', fromAt: gapFrom, toAt: new Date(resumedFromMs).toISOString() }]);
        expect(await verifyChain(env.handle.db, env.root)).toMatchObject({ ok: true, checked: rows.length });
      } finally {
        await env.close();
        // The volume empty again for the next database's run.
        rmSync(filler, { force: true });
        rmSync(env.root, { recursive: true, force: true });
      }
    });
  }
});
