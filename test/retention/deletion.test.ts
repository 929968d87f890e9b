/**
 * Deletion itself: only through the gate, crash-safe between every step (recovered at start), and
 * ordered deletions (arts. 26–28) as the one way inside the floor.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { makeUser } from '../support/access.ts';
import { nodeDeletionFs, type DeletionFs } from '../../src/retention/deletion-fs.ts';
import { createRetention } from '../../src/retention/retention-service.ts';
import { permitDeletion, type DeletionPermit } from '../../src/retention/deletion-gate.ts';
import { cameraFacts } from '../../src/retention/facts-repository.ts';
import { DeletionRefused, SegmentDeleter } from '../../src/retention/segment-deleter.ts';
import { camerasRepository } from '../../src/registry/repositories/index.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { addCamera, addSegment, addSegments, fileExists, openWorld, present, rowExists, sweepAt, type RetentionWorld } from './support.ts';

class Crash extends Error {}

/** A file system that dies (every call throws) at the `nth` call of `dieAt`. */
function dyingFs(dieAt: 'syncDir' | 'unlink', nth = 1): DeletionFs {
  let dead = false;
  let calls = 0;
  const guard = <A extends unknown[]>(name: keyof DeletionFs, run: (...a: A) => Promise<unknown>) =>
    (async (...a: A) => {
      if (name === dieAt && ++calls >= nth) dead = true;
      if (dead) throw new Crash(`crashed at ${name}`);
      return run(...a);
    }) as never;
  return {
    mkdir: guard('mkdir', (dir: string) => nodeDeletionFs.mkdir(dir)),
    rename: guard('rename', (from: string, to: string) => nodeDeletionFs.rename(from, to)),
    unlink: guard('unlink', (file: string) => nodeDeletionFs.unlink(file)),
    syncDir: guard('syncDir', (dir: string) => nodeDeletionFs.syncDir(dir)),
    list: guard('list', (dir: string) => nodeDeletionFs.list(dir)),
  };
}

async function permitsFor(w: RetentionWorld, segments: SegmentRow[]): Promise<DeletionPermit[]> {
  const camera = (await camerasRepository.get(w.t.db.db, w.cameraId))!;
  const facts = await cameraFacts(w.t.db.db, camera, w.t.clock.now());
  return segments.map((s) => {
    const verdict = permitDeletion(s, { kind: 'RETENTION', facts }, w.t.clock.now());
    if (!verdict.permitted) throw new Error(`not permitted: ${verdict.reason}`);
    return verdict;
  });
}

describe.each(DIALECTS)('segment deletion (%s)', (dialect) => {
  let w: RetentionWorld | undefined;
  afterEach(async () => {
    await w?.t.close();
    w = undefined;
  });

  async function oldSegments(): Promise<SegmentRow[]> {
    w = await openWorld(dialect);
    const old = await addSegments(w, w.cameraId, '2025-05-01T00:00:00Z', '2025-05-01T04:00:00Z', 60);
    await addSegment(w, w.cameraId, '2025-07-01T00:00:00Z', '2025-07-01T00:10:00Z');
    w.t.clock.set('2025-06-15T00:00:00Z');
    return old;
  }

  it('refuses a permit the gate did not issue, and the gate refuses a segment 29 days old', async () => {
    w = await openWorld(dialect);
    const seg = await addSegment(w, w.cameraId, '2025-05-01T00:00:00Z', '2025-05-01T01:00:00Z');
    const deleter = new SegmentDeleter({ db: w.t.db.db, root: w.root });
    const forged = { permitted: true, segment: seg, policy: 'RETENTION', orderRef: null } as const;
    await expect(deleter.delete([forged], w.t.clock.now())).rejects.toBeInstanceOf(DeletionRefused);
    w.t.clock.set('2025-05-30T12:00:00Z');
    const camera = (await camerasRepository.get(w.t.db.db, w.cameraId))!;
    const verdict = permitDeletion(seg, { kind: 'RETENTION', facts: await cameraFacts(w.t.db.db, camera, w.t.clock.now()) }, w.t.clock.now());
    expect(verdict).toMatchObject({ permitted: false, reason: 'NOT_ELIGIBLE', eligibleAt: '2025-05-31T16:00:00.000Z' });
    expect(await present(w, seg)).toBe(true);
  });

  it('a crash after the files moved, before the commit: recovery puts them back, the next sweep deletes them', async () => {
    const old = await oldSegments();
    const deleter = new SegmentDeleter({ db: w!.t.db.db, root: w!.root, fs: dyingFs('syncDir') });
    await expect(deleter.delete(await permitsFor(w!, old), w!.t.clock.now())).rejects.toBeInstanceOf(Crash);
    // The state the crash left: rows, files in quarantine.
    for (const s of old) {
      expect(await rowExists(w!, s)).toBe(true);
      expect(fileExists(w!, s)).toBe(false);
    }
    const restart = new SegmentDeleter({ db: w!.t.db.db, root: w!.root });
    expect(await restart.recover()).toEqual({ restored: old.length, unlinked: 0 });
    for (const s of old) expect(await present(w!, s)).toBe(true);
    expect((await sweepAt(w!, '2025-06-15T00:05:00Z')).sweep.deleted).toBe(old.length);
    for (const s of old) expect(await present(w!, s)).toBe(false);
  });

  it('a crash after the commit, before the unlink: recovery removes the files; rows and log entries agree', async () => {
    const old = await oldSegments();
    const deleter = new SegmentDeleter({ db: w!.t.db.db, root: w!.root, fs: dyingFs('unlink') });
    await expect(deleter.delete(await permitsFor(w!, old), w!.t.clock.now())).rejects.toBeInstanceOf(Crash);
    for (const s of old) expect(await rowExists(w!, s)).toBe(false);
    expect(readdirSync(deleter.quarantine)).toHaveLength(old.length);
    const restart = new SegmentDeleter({ db: w!.t.db.db, root: w!.root });
    expect(await restart.recover()).toEqual({ restored: 0, unlinked: old.length });
    for (const s of old) expect(await present(w!, s)).toBe(false);
    expect(readdirSync(deleter.quarantine)).toEqual([]);
    const log = (await w!.t.call('GET', '/api/retention/deletions')).json<{ segmentId: string }[]>();
    expect(log.map((l) => l.segmentId).sort()).toEqual(old.map((s) => s.id).sort());
  });

  it('a sweep that dies in its second batch: the first stays deleted, the rest is put back at the next start', async () => {
    const old = await oldSegments();
    const retention = createRetention({ db: w!.t.db.db, clock: w!.t.clock, dataDir: w!.t.dataDir, cameras: w!.t.services.cameras, fs: dyingFs('syncDir', 2) });
    await expect(retention.sweeper.sweep({ batchSize: 1 })).rejects.toBeInstanceOf(Crash);
    expect(await rowExists(w!, old[0]!)).toBe(false);
    for (const s of old.slice(1)) expect(await rowExists(w!, s)).toBe(true);
    await new SegmentDeleter({ db: w!.t.db.db, root: w!.root }).recover();
    for (const s of old) expect(await present(w!, s)).toBe(s !== old[0]);
    expect((await sweepAt(w!, '2025-06-15T00:05:00Z')).sweep.deleted).toBe(old.length - 1);
  });

  it('a failed commit (a row went meanwhile) deletes none of the batch and puts every file back', async () => {
    const old = await oldSegments();
    const permits = await permitsFor(w!, old);
    // Another path removed one row between the check and the commit.
    await w!.t.db.db.deleteFrom('segments').where('id', '=', old[1]!.id).execute();
    const deleter = new SegmentDeleter({ db: w!.t.db.db, root: w!.root });
    await expect(deleter.delete(permits, w!.t.clock.now())).rejects.toBeInstanceOf(DeletionRefused);
    for (const s of [old[0]!, ...old.slice(2)]) expect(await present(w!, s)).toBe(true);
    expect((await w!.t.call('GET', '/api/retention/deletions')).json()).toEqual([]);
  });

  it('a held segment outlives its eligibility and goes after release', async () => {
    const old = await oldSegments();
    const hold = (await w!.t.call('POST', '/api/retention/holds', { basisType: 'LITIGATION', citation: '(2025)民初1号', owner: '法务', ranges: [{ cameraId: w!.cameraId, from: old[0]!.startAt, to: old[0]!.endAt }] })).json<{ id: string }>();
    const first = await sweepAt(w!, '2025-06-15T00:05:00Z');
    expect(first.sweep).toMatchObject({ deleted: old.length - 1, kept: { held: 1 } });
    expect(await present(w!, old[0]!)).toBe(true);
    await sweepAt(w!, '2026-01-01T00:00:00Z');
    expect(await present(w!, old[0]!)).toBe(true);
    expect((await w!.t.call('POST', `/api/retention/holds/${hold.id}/release`, { reason: '结案' })).statusCode).toBe(200);
    await sweepAt(w!, '2026-01-01T00:05:00Z');
    expect(await present(w!, old[0]!)).toBe(false);
  });

  it('an ordered deletion (D-1, camera C5, all time) deletes inside the floor only with two approvers; C5 is deactivated', async () => {
    w = await openWorld(dialect, { at: '2025-05-01T00:00:00Z' });
    const c5 = await addCamera(w, { name: 'C5 试衣间' });
    const c5Segments = await addSegments(w, c5, '2025-05-10T00:00:00Z', '2025-05-10T03:00:00Z', 60);
    const bystander = await addSegment(w, w.cameraId, '2025-05-10T00:00:00Z', '2025-05-10T01:00:00Z');
    // One day later: deep inside the 30-day floor.
    w.t.clock.set('2025-05-11T02:00:00Z');
    const recorded = await w.t.call('POST', '/api/retention/orders', { authority: '某县公安局', documentNo: 'D-1', orderDate: '2025-05-11', article: '26', ranges: [{ cameraId: c5 }] });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const order = recorded.json<{ id: string }>();
    // Without approvals, and with only one, nothing goes.
    expect((await w.t.call('POST', `/api/retention/orders/${order.id}/execute`)).json()).toMatchObject({ code: 'E_SECOND_APPROVER_REQUIRED', article: '26' });
    // The recorder never approves; two others do, each once.
    expect((await w.t.call('POST', `/api/retention/orders/${order.id}/approve`)).json()).toMatchObject({ code: 'E_SELF_APPROVAL', article: '26' });
    const first = await makeUser(w.t, { username: 'approver1', grants: [{ role: 'ADMINISTRATOR' }] });
    const asFirst = await w.t.tokenHeaders(first.userId);
    expect((await w.t.call('POST', `/api/retention/orders/${order.id}/approve`, undefined, asFirst)).statusCode).toBe(200);
    expect((await w.t.call('POST', `/api/retention/orders/${order.id}/approve`, undefined, asFirst)).json()).toMatchObject({ code: 'E_ALREADY_APPROVED' });
    const one = await w.t.call('POST', `/api/retention/orders/${order.id}/execute`);
    expect(one.statusCode).toBe(409);
    expect(one.json()).toMatchObject({ code: 'E_SECOND_APPROVER_REQUIRED' });
    for (const s of c5Segments) expect(await present(w, s)).toBe(true);
    // The sweeper alone never touches them.
    expect((await sweepAt(w, '2025-05-11T02:01:00Z')).sweep.deleted).toBe(0);
    const second = await makeUser(w.t, { username: 'approver2', grants: [{ role: 'ADMINISTRATOR' }] });
    const approved = await w.t.call('POST', `/api/retention/orders/${order.id}/approve`, undefined, await w.t.tokenHeaders(second.userId));
    expect(approved.statusCode, approved.body).toBe(200);
    const executed = await w.t.call('POST', `/api/retention/orders/${order.id}/execute`);
    expect(executed.statusCode, executed.body).toBe(200);
    const last = c5Segments.at(-1)!;
    expect(executed.json()).toMatchObject({ status: 'EXECUTED', certificate: { documentNo: 'D-1', segments: c5Segments.length, cameras: [{ cameraId: c5, segments: c5Segments.length, lastSeq: last.seq, chainHead: last.chainHash }] } });
    for (const s of c5Segments) expect(await present(w, s)).toBe(false);
    expect(await present(w, bystander)).toBe(true);
    const log = (await w.t.call('GET', '/api/retention/deletions?policy=ORDERED')).json<{ orderRef: string; segmentId: string }[]>();
    expect(log.map((l) => l.orderRef)).toEqual(c5Segments.map(() => 'D-1'));
    expect((await camerasRepository.get(w.t.db.db, c5))!.status).toBe('DEACTIVATED');
    expect((await w.t.call('POST', `/api/retention/orders/${order.id}/execute`)).json()).toMatchObject({ code: 'E_ORDER_EXECUTED' });
    const history = await w.t.db.db.selectFrom('history').select(['action', 'actor']).where('entityType', '=', 'retention_order').orderBy('seq').execute();
    expect(history).toEqual([
      { action: 'record', actor: 'tester' },
      { action: 'approve', actor: 'approver1' },
      { action: 'approve', actor: 'approver2' },
      { action: 'execute', actor: 'tester' },
    ]);
  });

  it('the newest segment of a camera that stopped recording goes too; recording again continues the chain from its tombstone', async () => {
    w = await openWorld(dialect);
    const segs = await addSegments(w, w.cameraId, '2025-05-01T00:00:00Z', '2025-05-01T02:00:00Z', 60);
    expect((await sweepAt(w, '2025-07-01T00:00:00Z')).sweep.deleted).toBe(segs.length);
    for (const s of segs) expect(await present(w, s)).toBe(false);
    const next = await addSegment(w, w.cameraId, '2025-07-01T00:00:00Z', '2025-07-01T00:10:00Z');
    expect(next).toMatchObject({ seq: segs.length + 1, prevChainHash: segs.at(-1)!.chainHash });
  });

  it('a segment stamped 400 days old by a camera clock that lies, indexed now, is kept for the retention from its arrival', async () => {
    w = await openWorld(dialect, { at: '2025-05-01T01:00:00Z' });
    const older = await addSegment(w, w.cameraId, '2025-05-01T00:00:00Z', '2025-05-01T01:00:00Z');
    w.t.clock.set('2025-06-15T00:00:00Z');
    // Indexed at 2025-06-15 but stamped 2024-05-11 (a camera 400 days behind).
    const stamped = await addSegment(w, w.cameraId, '2024-05-11T00:00:00Z', '2024-05-11T00:01:48Z');
    const swept = await sweepAt(w, '2025-06-15T00:10:00Z');
    expect(swept.sweep.deleted).toBe(1);
    expect(await present(w, older)).toBe(false);
    expect(await present(w, stamped)).toBe(true);
    const status = await w.t.call('GET', `/api/retention/cameras/${w.cameraId}`);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json<{ oldest: { seq: number; eligibleAt: string; state: string } }>().oldest).toMatchObject({ seq: stamped.seq, eligibleAt: '2025-07-15T16:00:00.000Z', state: 'NOT_ELIGIBLE' });
    expect((await sweepAt(w, '2025-07-15T15:59:00Z')).sweep.deleted).toBe(0);
    expect((await sweepAt(w, '2025-07-15T16:00:00Z')).sweep.deleted).toBe(1);
    expect(await present(w, stamped)).toBe(false);
  });

  it('leaves the quarantine folder out of the camera folders (no camera id starts with a dot)', async () => {
    const old = await oldSegments();
    await sweepAt(w!, '2025-06-15T00:05:00Z');
    expect(existsSync(path.join(w!.root, '.deleting'))).toBe(true);
    for (const s of old) expect(await present(w!, s)).toBe(false);
  });
});
