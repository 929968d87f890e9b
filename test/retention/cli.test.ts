/** `custos retention sweep|status|holds|deletions` against a data folder, with the clock given by --at. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest } from '../../src/db/connect.ts';
import { segmentsRoot } from '../../src/recording/local-segment-store.ts';
import { segmentRelPath } from '../../src/recording/segment-paths.ts';
import { indexSegment } from '../../src/recording/segment-repository.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { custos } from '../support/cli.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';

describe('custos retention', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  let cameraId: string;
  const files: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-retention-cli-'));
    env = { CUSTOS_DATA_DIR: dir };
    const handle = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
    await migrateToLatest(handle);
    const clock = fixedClock('2025-04-20T00:00:00Z');
    const services = createServices(handle.db, clock, dir);
    const actor = { name: 'fixture' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    cameraId = (await services.cameras.create(cameraBody(site.id, unit.id), actor)).id;
    const root = segmentsRoot(dir);
    for (const [seq, start] of [[1, '2025-05-01T02:00:00Z'], [2, '2025-06-20T02:00:00Z']] as const) {
      const rel = segmentRelPath({ cameraId, seq, startMs: Date.parse(start) });
      const abs = path.join(root, ...rel.split('/'));
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, `segment ${seq}`);
      files.push(abs);
      const sha256 = createHash('sha256').update(`segment ${seq}`).digest('hex');
      await indexSegment(handle.db, { cameraId, seq, startMs: Date.parse(start), endMs: Date.parse(start) + 600_000, bytes: 9, codec: 'h264', frames: 1, path: rel, sha256 }, clock.now());
    }
    await handle.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('status, a sweep at a date before and after eligibility, the deletion log as JSON and CSV', async () => {
    const status = await custos(['retention', 'status', '--camera', cameraId, '--at', '2025-05-20T00:00:00Z'], env);
    expect(status.status, status.stderr).toBe(0);
    expect(status.json()).toMatchObject({ cameraId, oldest: { seq: 1, eligibleAt: '2025-05-31T16:00:00.000Z', state: 'NOT_ELIGIBLE' } });

    const early = await custos(['retention', 'sweep', '--at', '2025-05-31T15:59:00Z'], env);
    expect(early.status, early.stderr).toBe(0);
    expect(early.json()).toMatchObject({ sweep: { deleted: 0 } });
    expect(existsSync(files[0]!)).toBe(true);

    const due = await custos(['retention', 'sweep', '--at', '2025-06-01T00:00:00Z'], env);
    expect(due.status, due.stderr).toBe(0);
    expect(due.json()).toMatchObject({ sweep: { deleted: 1 } });
    expect(due.stderr).toContain('"phase":"sweep"');
    expect(existsSync(files[0]!)).toBe(false);
    expect(existsSync(files[1]!)).toBe(true);

    const log = await custos(['retention', 'deletions'], env);
    expect(log.json()).toEqual([expect.objectContaining({ cameraId, segmentSeq: 1, policy: 'RETENTION' })]);
    const csv = await custos(['retention', 'deletions', '--csv'], env);
    expect(csv.stdout.split('\r\n')[0]).toBe('seq,id,segmentId,cameraId,segmentSeq,startAt,endAt,sha256,chainHash,bytes,policy,orderRef,deletedAt');
    expect((await custos(['retention', 'holds', '--active'], env)).json()).toEqual([]);
    const bad = await custos(['retention', 'deletions', '--policy', 'MANUAL'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('E_POLICY_INVALID');
  });
});
