/** Camera leases in PostgreSQL (issue 16): the share, the takeover, SKIP LOCKED, the fence and the takeover gap. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { claimLeases, registerNode, releaseLeases } from '../../src/cluster/lease-repository.ts';
import { LeaseManager } from '../../src/cluster/lease-manager.ts';
import { startRecorderProcess } from '../../src/cluster/recorder-process.ts';
import { configSchema } from '../../src/config/schema.ts';
import { clusterDb } from '../../src/db/cluster-tables.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { indexSegment } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { openTestDb } from '../support/db.ts';
import { activeCameras, until } from './support/cameras.ts';

const FAST = { leaseSeconds: 3, renewSeconds: 0.5 };
const node = (id: string) => ({ id, host: 'test', pid: 1, version: 'test' });

describe.skipIf(!inject('pgUrl'))('camera leases on PostgreSQL', { timeout: 60_000 }, () => {
  let db: DbHandle | undefined;
  const managers: LeaseManager[] = [];
  afterEach(async () => {
    for (const m of managers.splice(0)) await m.pause();
    await db?.close();
    db = undefined;
  });
  const manager = (id: string, extra: Partial<ConstructorParameters<typeof LeaseManager>[0]> = {}) => {
    const m = new LeaseManager({ db: db!, node: node(id), config: FAST, ...extra });
    managers.push(m);
    return m;
  };
  const holders = async () => new Map((await clusterDb(db!.db).selectFrom('cameraLeases').select(['cameraId', 'holder']).execute()).map((r) => [r.cameraId, r.holder]));

  it('two recorders claim disjoint sets that together cover every camera, eight each of sixteen', async () => {
    db = await openTestDb('postgres');
    const cameras = await activeCameras(db.db, 16);
    const a = manager('rec-a');
    const b = manager('rec-b');
    await Promise.all([a.start(), b.start()]);
    // Whoever started first may hold them all for a tick; the surplus is handed back a few at a time.
    await until(() => a.claims().size === 8 && b.claims().size === 8, 15_000, 'an even share');
    const union = new Set([...a.claims(), ...b.claims()]);
    expect([...union].sort()).toEqual(cameras);
    const rows = await holders();
    for (const id of a.claims()) expect(rows.get(id)).toBe('rec-a');
    for (const id of b.claims()) expect(rows.get(id)).toBe('rec-b');
    // Stable: no flapping once shared.
    const before = [...a.claims()].sort();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([...a.claims()].sort()).toEqual(before);
  });

  it("a recorder that stops renewing loses its cameras to the other within leaseSeconds + renewSeconds, each with a RECORDER_LOST gap", async () => {
    db = await openTestDb('postgres');
    await activeCameras(db.db, 6);
    const a = manager('rec-a');
    const b = manager('rec-b');
    await a.start();
    await b.start();
    await until(() => a.claims().size === 3 && b.claims().size === 3, 15_000, 'an even share');
    const lost = [...a.claims()];
    await a.pause();
    const pausedAt = Date.now();
    await until(() => b.claims().size === 6, 10_000, 'the takeover');
    const elapsedMs = Date.now() - pausedAt;
    expect(elapsedMs).toBeLessThanOrEqual((FAST.leaseSeconds + FAST.renewSeconds) * 1000 + 500);
    for (const cameraId of lost) {
      const gaps = await listGaps(db.db, { cameraId });
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({ reason: 'RECORDER_LOST', toAt: null });
      expect(gaps[0]!.detail).toContain('rec-a');
    }
  });

  it('a clean release hands the cameras over without a gap', async () => {
    db = await openTestDb('postgres');
    const cameras = await activeCameras(db.db, 4);
    const a = manager('rec-a');
    await a.start();
    expect(a.claims().size).toBe(4);
    await a.release();
    const node = await clusterDb(db.db).selectFrom('recorderNodes').selectAll().where('id', '=', 'rec-a').executeTakeFirstOrThrow();
    expect(node.stoppedAt).not.toBeNull();
    const b = manager('rec-b');
    await b.start();
    expect([...b.claims()].sort()).toEqual(cameras);
    for (const cameraId of cameras) expect(await listGaps(db.db, { cameraId })).toEqual([]);
  });

  it('concurrent claim rounds (FOR UPDATE SKIP LOCKED) never give one camera to two holders', async () => {
    db = await openTestDb('postgres');
    const cameras = await activeCameras(db.db, 12);
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
    for (const id of nodes) await registerNode(db.db, node(id));
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(nodes.map((id) => claimLeases(db!.db, id, 12, 30)));
      const claimed = results.flatMap((r, i) => r.map((c) => ({ cameraId: c.cameraId, holder: nodes[i] })));
      expect(new Set(claimed.map((c) => c.cameraId)).size).toBe(claimed.length);
      expect(claimed.map((c) => c.cameraId).sort()).toEqual(cameras);
      const rows = await holders();
      for (const c of claimed) expect(rows.get(c.cameraId)).toBe(c.holder);
      for (const id of nodes) await releaseLeases(db.db, id, cameras);
    }
  });

  it("fencing: a stale holder's segment is refused E_LEASE_LOST; the successor's first segment closes the RECORDER_LOST gap and the chain verifies", async () => {
    db = await openTestDb('postgres');
    const [cameraId] = await activeCameras(db.db, 1);
    const store = new LocalSegmentStore(path.join(mkdtempSync(path.join(tmpdir(), 'custos-fence-')), 'segments'));
    const segment = async (seq: number, startMs: number) => {
      const stored = await store.put({ cameraId: cameraId!, seq, startMs }, Readable.from([Buffer.from(`segment ${seq}`)]));
      return { cameraId: cameraId!, seq, startMs, endMs: startMs + 2000, bytes: stored.bytes, codec: 'avc1', frames: 50, path: stored.path, sha256: stored.sha256 };
    };
    await registerNode(db.db, node('rec-a'));
    await registerNode(db.db, node('rec-b'));
    expect(await claimLeases(db.db, 'rec-a', 1, 3)).toHaveLength(1);
    const t0 = Date.now() - 60_000;
    await indexSegment(db.db, await segment(1, t0), new Date(), 'rec-a');
    // rec-a stops renewing; once its lease lapses rec-b takes the camera.
    await until(async () => (await claimLeases(db!.db, 'rec-b', 1, 3)).length === 1, 6000, 'the lease to lapse');
    const stale = await segment(2, t0 + 2000);
    const refused = await indexSegment(db.db, stale, new Date(), 'rec-a').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('E_LEASE_LOST');
    // What the segment writer does with a refused segment: kept, out of the chain's folders.
    expect(await store.setAside(stale.path)).toBe(`${cameraId}/orphans/${path.basename(stale.path)}`);
    const [gap] = await listGaps(db.db, { cameraId: cameraId! });
    expect(gap).toMatchObject({ reason: 'RECORDER_LOST', fromAt: new Date(t0 + 2000).toISOString(), toAt: null });
    const next = await indexSegment(db.db, await segment(2, t0 + 9000), new Date(), 'rec-b');
    expect((await listGaps(db.db, { cameraId: cameraId! }))[0]).toMatchObject({ reason: 'RECORDER_LOST', toAt: next.startAt });
    const verified = await verifyChain(db.db, store.root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
    expect(verified.checked).toBe(2);
  });

  it('cluster mode refuses SQLite: E_CLUSTER_NEEDS_POSTGRES', async () => {
    db = await openTestDb('sqlite');
    expect(() => new LeaseManager({ db: db!, node: node('x'), config: FAST })).toThrow(/E_CLUSTER_NEEDS_POSTGRES/);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-cluster-sqlite-'));
    const config = configSchema.parse({ dataDir, db: { url: `sqlite:${path.join(dataDir, 'custos.db')}` }, cluster: { enabled: true } });
    await expect(startRecorderProcess(config)).rejects.toMatchObject({ code: 'E_CLUSTER_NEEDS_POSTGRES' });
  });
});
