import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { recoverPartials } from '../../src/recording/recover.ts';
import { indexSegment, listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { DIALECTS } from '../support/db.ts';
import { syntheticFragment, syntheticInit } from './support/fmp4.ts';
import { openRecordingEnv, recordSynthetic, sha256File, T0, type RecordingEnv } from './support/env.ts';

describe.each(DIALECTS)('recoverPartials (%s)', (dialect) => {
  let env: RecordingEnv;
  beforeEach(async () => {
    env = await openRecordingEnv(dialect);
  });
  afterEach(async () => {
    await env.close();
  });

  const dayDir = (cameraId: string) => path.join(env.root, cameraId, '2025', '06', '01');
  const recover = () => recoverPartials(env.root, env.handle.db, env.clock);
  const frags = [1, 2, 3].map((n) => syntheticFragment(n, 10));

  function writePartial(cameraId: string, seq: number, startMs: number, content: Buffer): string {
    mkdirSync(dayDir(cameraId), { recursive: true });
    const file = path.join(dayDir(cameraId), `${seq}-${startMs}.mp4.partial`);
    writeFileSync(file, content);
    return file;
  }

  it('cuts a torn partial to its last complete fragment, finishes it in the chain, and records the lost time', async () => {
    await recordSynthetic(env, 'cam_p', 2);
    const startMs = T0 + 2400;
    const whole = Buffer.concat([syntheticInit(), frags[0]!, frags[1]!]);
    writePartial('cam_p', 3, startMs, Buffer.concat([whole, frags[2]!.subarray(0, 50)]));

    const report = await recover();
    expect(report.failed).toEqual([]);
    expect(report.recovered).toEqual([{ cameraId: 'cam_p', seq: 3, path: `cam_p/2025/06/01/3-${startMs}.mp4`, keptBytes: whole.length, lostBytes: 50, frames: 20 }]);
    const final = path.join(dayDir('cam_p'), `3-${startMs}.mp4`);
    expect(readFileSync(final)).toEqual(whole);
    expect(existsSync(`${final}.partial`)).toBe(false);
    const [row] = (await listSegments(env.handle.db, { cameraId: 'cam_p' })).slice(-1);
    expect(row).toMatchObject({ seq: 3, frames: 20, durationMs: 800, bytes: whole.length, sha256: sha256File(final) });
    expect(await listGaps(env.handle.db, { cameraId: 'cam_p' })).toMatchObject([
      { reason: 'CRASH_RECOVERY', fromAt: new Date(startMs + 800).toISOString(), toAt: null },
    ]);
    expect(await verifyChain(env.handle.db, env.root)).toMatchObject({ ok: true, checked: 3 });
    expect(await recover()).toMatchObject({ recovered: [], indexed: [], discarded: [] });
    // The camera's first segment after the restart closes the gap where it begins: no second between them uncovered.
    const nextStartMs = startMs + 60_000;
    await indexSegment(env.handle.db, { cameraId: 'cam_p', seq: 4, startMs: nextStartMs, endMs: nextStartMs + 800, bytes: 1, codec: 'h264', frames: 20, path: `cam_p/2025/06/01/4-${nextStartMs}.mp4`, sha256: '0'.repeat(64) }, env.clock.now());
    expect(await listGaps(env.handle.db, { cameraId: 'cam_p' })).toMatchObject([{ reason: 'CRASH_RECOVERY', fromAt: new Date(startMs + 800).toISOString(), toAt: new Date(nextStartMs).toISOString() }]);
  });

  it('deletes a partial without a complete fragment, and still records the gap', async () => {
    const content = Buffer.concat([syntheticInit(), frags[0]!.subarray(0, 100)]);
    const file = writePartial('cam_q', 1, T0, content);
    const report = await recover();
    expect(report.discarded).toEqual([{ cameraId: 'cam_q', path: `cam_q/2025/06/01/1-${T0}.mp4.partial`, lostBytes: content.length }]);
    expect(existsSync(file)).toBe(false);
    expect(await listSegments(env.handle.db, { cameraId: 'cam_q' })).toEqual([]);
    expect(await listGaps(env.handle.db, { cameraId: 'cam_q' })).toMatchObject([{ reason: 'CRASH_RECOVERY', fromAt: new Date(T0).toISOString() }]);
  });

  it('gives a final file without a row (crash between rename and insert) its row; also when its partial twin survived', async () => {
    await recordSynthetic(env, 'cam_r', 1);
    const content = Buffer.concat([syntheticInit(), ...frags]);
    mkdirSync(dayDir('cam_r'), { recursive: true });
    const second = path.join(dayDir('cam_r'), `2-${T0 + 1200}.mp4`);
    writeFileSync(second, content);
    const third = path.join(dayDir('cam_r'), `3-${T0 + 2400}.mp4`);
    writeFileSync(third, content);
    linkSync(third, `${third}.partial`);

    const report = await recover();
    expect(report.indexed.map((i) => i.seq)).toEqual([2, 3]);
    expect(readdirSync(dayDir('cam_r')).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect((await listSegments(env.handle.db, { cameraId: 'cam_r' })).map((r) => [r.seq, r.frames])).toEqual([
      [1, 30],
      [2, 30],
      [3, 30],
    ]);
    expect(await verifyChain(env.handle.db, env.root, 'cam_r')).toMatchObject({ ok: true, checked: 3 });
  });

  it('leaves a file at or below the chain head without a row to verify (a deleted row is never silently re-added)', async () => {
    await recordSynthetic(env, 'cam_s', 3);
    await env.handle.db.deleteFrom('segments').where('cameraId', '=', 'cam_s').where('seq', '=', 2).execute();
    const report = await recover();
    expect(report).toMatchObject({ recovered: [], indexed: [], discarded: [], gaps: [] });
    expect((await verifyChain(env.handle.db, env.root, 'cam_s')).problems.map((p) => p.kind)).toEqual(['MISSING_ROW', 'MISSING_ROW']);
  });

  it('ignores names that are not segments and folders that are not camera ids', async () => {
    mkdirSync(path.join(env.root, '.trash', '2025', '06', '01'), { recursive: true });
    writeFileSync(path.join(env.root, '.trash', '2025', '06', '01', `1-${T0}.mp4.partial`), 'x');
    mkdirSync(dayDir('cam_t'), { recursive: true });
    writeFileSync(path.join(dayDir('cam_t'), 'notes.partial'), 'x');
    expect(await recover()).toMatchObject({ recovered: [], indexed: [], discarded: [], failed: [] });
  });
});
