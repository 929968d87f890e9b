import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '../../src/db/connect.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { SegmentWriter } from '../../src/recording/segment-writer.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { custos } from '../support/cli.ts';
import { syntheticFragment, syntheticInit } from './support/fmp4.ts';
import { T0 } from './support/env.ts';

describe('custos recordings', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-rec-cli-'));
    env = { CUSTOS_DATA_DIR: dir };
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
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists a camera’s segments in a range, verifies with {done,total} progress, and exits 1 after tampering', async () => {
    const list = await custos(['recordings', 'list', '--camera', 'cam_cli', '--from', '2025-06-01T01:00:01.500Z'], env);
    expect(list.status, list.stderr).toBe(0);
    const listed = list.json<{ segments: { seq: number; path: string }[]; gaps: unknown[] }>();
    expect(listed.segments.map((s) => s.seq)).toEqual([2, 3]);
    expect(listed.gaps).toEqual([]);

    const good = await custos(['recordings', 'verify'], env);
    expect(good.status, good.stderr).toBe(0);
    expect(good.json()).toEqual({ ok: true, checked: 3, problems: [] });
    const lines = good.stderr.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines.at(0)).toEqual({ phase: 'verify', done: 0, total: 3 });
    expect(lines.at(-1)).toEqual({ phase: 'verify', done: 3, total: 3 });

    const file = path.join(dir, 'segments', listed.segments[0]!.path);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(file, bytes);
    const bad = await custos(['recordings', 'verify', '--camera', 'cam_cli'], env);
    expect(bad.status).toBe(1);
    expect(bad.json()).toMatchObject({ ok: false, firstProblem: { cameraId: 'cam_cli', seq: 2, kind: 'HASH_MISMATCH' } });

    const wrong = await custos(['recordings', 'list', '--camera', 'cam_cli', '--from', 'yesterday'], env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('E_INSTANT_INVALID');
  });
});
