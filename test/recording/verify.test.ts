import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain, type VerifyProgress } from '../../src/recording/verify.ts';
import { DIALECTS } from '../support/db.ts';
import { openRecordingEnv, recordSynthetic, type RecordingEnv } from './support/env.ts';

describe.each(DIALECTS)('verifyChain (%s)', (dialect) => {
  let env: RecordingEnv;
  beforeEach(async () => {
    env = await openRecordingEnv(dialect);
    await recordSynthetic(env, 'cam_v', 6);
    await recordSynthetic(env, 'cam_w', 2);
  });
  afterEach(async () => {
    await env.close();
  });

  const rows = () => listSegments(env.handle.db, { cameraId: 'cam_v' });
  const verify = (cameraId?: string) => verifyChain(env.handle.db, env.root, cameraId);

  it('passes an untouched recording and reports progress', async () => {
    const progress: VerifyProgress[] = [];
    const result = await verifyChain(env.handle.db, env.root, undefined, { onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ ok: true, checked: 8, problems: [] });
    expect(progress.at(0)).toEqual({ phase: 'verify', done: 0, total: 8 });
    expect(progress.at(-1)).toEqual({ phase: 'verify', done: 8, total: 8 });
    expect(await verify('cam_w')).toMatchObject({ ok: true, checked: 2 });
  });

  it('REG-15-4: one flipped byte in segment 4 is a HASH_MISMATCH at segment 4', async () => {
    const file = path.join(env.root, (await rows())[3]!.path);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10]! ^= 0x01;
    writeFileSync(file, bytes);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstProblem).toMatchObject({ cameraId: 'cam_v', seq: 4, kind: 'HASH_MISMATCH' });
    expect(result.problems).toHaveLength(1);
  });

  it('a deleted file is MISSING_FILE', async () => {
    rmSync(path.join(env.root, (await rows())[2]!.path));
    expect((await verify('cam_v')).firstProblem).toMatchObject({ seq: 3, kind: 'MISSING_FILE' });
  });

  it('a deleted row is MISSING_ROW, in the middle (sequence gap) and at the head (a file no row names)', async () => {
    await env.handle.db.deleteFrom('segments').where('cameraId', '=', 'cam_v').where('seq', '=', 3).execute();
    expect((await verify('cam_v')).firstProblem).toMatchObject({ seq: 4, kind: 'MISSING_ROW', detail: 'rows 3..3 are missing' });
    await env.handle.db.deleteFrom('segments').where('cameraId', '=', 'cam_v').where('seq', '>=', 4).execute();
    const result = await verify('cam_v');
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['MISSING_ROW', 3],
      ['MISSING_ROW', 4],
      ['MISSING_ROW', 5],
      ['MISSING_ROW', 6],
    ]);
  });

  it('two rows swapped in order are REORDERED', async () => {
    const db = env.handle.db;
    const [, second, third] = await rows();
    await db.updateTable('segments').set({ seq: 1000 }).where('id', '=', second!.id).execute();
    await db.updateTable('segments').set({ seq: 2 }).where('id', '=', third!.id).execute();
    await db.updateTable('segments').set({ seq: 3 }).where('id', '=', second!.id).execute();
    expect((await verify('cam_v')).firstProblem).toMatchObject({ seq: 2, kind: 'REORDERED', detail: 'links to segment 3, not to 1' });
  });

  it('a row whose hash or metadata was altered breaks the chain', async () => {
    const [, second] = await rows();
    await env.handle.db.updateTable('segments').set({ endAt: '2025-06-01T05:00:00.000Z' }).where('id', '=', second!.id).execute();
    expect((await verify('cam_v')).firstProblem).toMatchObject({ seq: 2, kind: 'CHAIN_BROKEN' });
  });

  it('a file changed together with its row hash still breaks the chain', async () => {
    const [first] = await rows();
    const file = path.join(env.root, first!.path);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('x')]));
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    await env.handle.db.updateTable('segments').set({ sha256, bytes: first!.bytes + 1 }).where('id', '=', first!.id).execute();
    expect((await verify('cam_v')).firstProblem).toMatchObject({ seq: 1, kind: 'CHAIN_BROKEN' });
  });
});
