import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/db/connect.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { recoverPartials } from '../../src/recording/recover.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { DIALECTS } from '../support/db.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';
import { ffprobeFrames, hasTool, realClip } from './support/fmp4.ts';

const CHILD = path.resolve(import.meta.dirname, 'support/crash-child.ts');

/** Starts the recorder child and SIGKILLs it once it is stuck half way through a fragment. */
function recordAndKill(dbUrl: string, root: string, clipDir: string): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbUrl, root, clipDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child never tore a write: ${stderr}`));
    }, 30_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('torn')) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, stderr });
    });
  });
}

describe.skipIf(!hasTool('ffmpeg') || !hasTool('ffprobe')).each(DIALECTS)('kill -9 during recording (%s)', { timeout: 90_000 }, (dialect) => {
  let dir: string;
  let handle: DbHandle;
  let database: TestDatabase | undefined;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-crash-'));
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('recovers the unfinished segment up to its last complete fragment, playable, chained, with the gap recorded', async () => {
    const clip = realClip(5);
    const clipDir = path.join(dir, 'clip');
    mkdirSync(clipDir);
    writeFileSync(path.join(clipDir, 'init.mp4'), clip.init);
    clip.fragments.forEach((f, i) => writeFileSync(path.join(clipDir, `${i}.m4s`), f));
    if (dialect === 'postgres') database = await createTestDatabase(inject('pgUrl') as string, 'custos_crash');
    const dbUrl = database?.url ?? `sqlite:${path.join(dir, 'custos.db')}`;
    const root = path.join(dir, 'segments');
    handle = connectDatabase(dbUrl);
    await migrateToLatest(handle);

    const { signal, stderr } = await recordAndKill(dbUrl, root, clipDir);
    expect(signal, stderr).toBe('SIGKILL');
    const day = path.join(root, 'cam_crash', '2025', '06', '01');
    const partial = readdirSync(day).find((n) => n.endsWith('.partial'))!;
    const tornSize = clip.init.length + clip.fragments[2]!.length + clip.fragments[3]!.length + (clip.fragments[4]!.length >> 1);
    expect(statSync(path.join(day, partial)).size).toBe(tornSize);
    expect((await listSegments(handle.db, { cameraId: 'cam_crash' })).map((r) => r.seq)).toEqual([1]);

    const clock = fixedClock('2025-06-01T01:10:00Z');
    const report = await recoverPartials(root, handle.db, clock);
    expect(report.failed).toEqual([]);
    expect(report.recovered).toMatchObject([{ seq: 2, frames: 50, lostBytes: clip.fragments[4]!.length >> 1 }]);

    const rows = await listSegments(handle.db, { cameraId: 'cam_crash' });
    expect(rows.map((r) => [r.seq, r.frames, r.durationMs])).toEqual([
      [1, 50, 2000],
      [2, 50, 2000],
    ]);
    const recovered = path.join(root, rows[1]!.path);
    expect(existsSync(path.join(day, partial))).toBe(false);
    expect(ffprobeFrames(recovered)).toBe(50);
    expect(ffprobeFrames(path.join(root, rows[0]!.path))).toBe(50);
    expect(await verifyChain(handle.db, root)).toMatchObject({ ok: true, checked: 2 });
    expect(await listGaps(handle.db, { cameraId: 'cam_crash' })).toMatchObject([
      // Open until the camera's next segment: the time between the restart and that segment is lost too.
      { reason: 'CRASH_RECOVERY', fromAt: '2025-06-01T01:00:04.000Z', toAt: null },
    ]);
  });
});
