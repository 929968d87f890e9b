/**
 * The files of deleted segments on a folder the sweep cannot reach (a recorder's), on SQLite and
 * PostgreSQL: removed when the deletion log records them, also when a log entry commits after a later
 * one was read; kept when their bytes are not the deleted segment's or when a row names them again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { segmentRelPath } from '../../src/recording/segment-paths.ts';
import { TombstonedFiles } from '../../src/retention/tombstoned-files.ts';
import { openVideoEnv, type VideoEnv } from '../access/video-access-support.ts';
import { DIALECTS } from '../support/db.ts';

const DAY1 = Date.parse('2025-05-01T02:00:00Z');

describe.each(DIALECTS)('files of deleted segments on a folder of their own (%s)', (dialect) => {
  let env: VideoEnv | undefined;
  let root: string | undefined;
  afterEach(async () => {
    await env?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    env = undefined;
  });

  /** A file at the path of segment `segmentSeq` of the camera and, unless `logged` is false, its deletion logged under log seq `seq`. */
  async function deleted(e: VideoEnv, dir: string, seq: number, cameraId: string, segmentSeq: number, options: { bytes?: Buffer; loggedSha256?: string } = {}): Promise<string> {
    const startMs = DAY1 + segmentSeq * 1000;
    const bytes = options.bytes ?? Buffer.from(`segment ${cameraId} ${segmentSeq}`);
    const file = path.join(dir, ...segmentRelPath({ cameraId, seq: segmentSeq, startMs }).split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    await e.t.db.db
      .insertInto('segmentDeletions')
      .values({
        seq,
        id: `del_t${seq}`,
        segmentId: `seg_t${seq}`,
        cameraId,
        segmentSeq,
        startAt: new Date(startMs).toISOString(),
        endAt: new Date(startMs + 1000).toISOString(),
        sha256: options.loggedSha256 ?? createHash('sha256').update(bytes).digest('hex'),
        prevChainHash: '0'.repeat(64),
        chainHash: '1'.repeat(64),
        bytes: bytes.length,
        policy: 'RETENTION',
        orderRef: null,
        deletedAt: '2025-06-15T00:00:00.000Z',
      })
      .execute();
    return file;
  }

  it('removes the files whose deletion is logged, a log entry that commits late included; a file without a row or a tombstone stays', async () => {
    env = await openVideoEnv(dialect);
    root = mkdtempSync(path.join(tmpdir(), 'custos-tombstoned-'));
    const purge = new TombstonedFiles({ db: env.t.db.db, root, clock: env.t.clock });
    const first = [await deleted(env, root, 1, env.cams.C1, 1), await deleted(env, root, 2, env.cams.C1, 2), await deleted(env, root, 5, env.cams.C2, 1)];
    const stray = path.join(root, ...segmentRelPath({ cameraId: env.cams.C7, seq: 1, startMs: DAY1 }).split('/'));
    mkdirSync(path.dirname(stray), { recursive: true });
    writeFileSync(stray, 'no row, no tombstone');

    expect(await purge.run()).toMatchObject({ found: 3, removed: 3, kept: 0 });
    for (const file of first) expect(existsSync(file)).toBe(false);
    // Log seqs 3 and 4 were taken by a deletion that had not committed yet; 3 commits now.
    const late = await deleted(env, root, 3, env.cams.C2, 2);
    expect(await purge.run()).toMatchObject({ found: 1, removed: 1 });
    expect(existsSync(late)).toBe(false);
    expect(await purge.run()).toMatchObject({ found: 0, removed: 0 });
    expect(existsSync(stray)).toBe(true);
  });

  it('keeps a file whose bytes are not the deleted segment\'s, and one that a row names again', async () => {
    env = await openVideoEnv(dialect);
    root = mkdtempSync(path.join(tmpdir(), 'custos-tombstoned-'));
    const purge = new TombstonedFiles({ db: env.t.db.db, root, clock: env.t.clock });
    const other = await deleted(env, root, 1, env.cams.C1, 7, { loggedSha256: 'f'.repeat(64) });
    const [row] = await env.record(env.cams.C2, DAY1, 1, new LocalSegmentStore(root));
    await env.t.db.db
      .insertInto('segmentDeletions')
      .values({ seq: 2, id: 'del_t2', segmentId: 'seg_t2', cameraId: row!.cameraId, segmentSeq: row!.seq, startAt: row!.startAt, endAt: row!.endAt, sha256: row!.sha256, prevChainHash: row!.prevChainHash, chainHash: row!.chainHash, bytes: row!.bytes, policy: 'ORDERED', orderRef: 'ORD-1', deletedAt: '2025-06-15T00:00:00.000Z' })
      .execute();

    expect(await purge.run()).toMatchObject({ found: 2, removed: 0, kept: 2 });
    expect(existsSync(other)).toBe(true);
    expect(existsSync(path.join(root, ...row!.path.split('/')))).toBe(true);
  });
});
