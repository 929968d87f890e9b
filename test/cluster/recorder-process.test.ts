/** Two `custos recorder` processes (in-process) share four simulated cameras; one dies, the other takes over. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startRecorderProcess, type RecorderProcess } from '../../src/cluster/recorder-process.ts';
import { configSchema } from '../../src/config/schema.ts';
import { clusterDb } from '../../src/db/cluster-tables.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { openTestDb } from '../support/db.ts';
import { activeCameras, until } from './support/cameras.ts';

const pgUrl = inject('pgUrl');
const ALL = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

describe.skipIf(!pgUrl)('custos recorder processes sharing cameras', { timeout: 120_000 }, () => {
  let db: DbHandle | undefined;
  let sim: Simulator | undefined;
  const recorders: RecorderProcess[] = [];
  afterEach(async () => {
    for (const r of recorders.splice(0)) await r.stop().catch(() => undefined);
    await sim?.close();
    await db?.close();
  });

  it('records every camera exactly once, and a dead recorder\'s cameras are recorded by the other within 15 s, the chain continued', async () => {
    db = await openTestDb('postgres');
    sim = await startSimulator({ cameras: 4, clip: DEFAULT_CLIPS, codec: 'h264' });
    const cameras = await activeCameras(db.db, 4, (n) => sim!.url(n));
    // One data folder for both, as on one machine: the segments of a camera continue in one place.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-cluster-'));
    const config = (nodeId: string) =>
      configSchema.parse({
        dataDir,
        db: { url: pgUrl },
        demo: { enabled: false },
        recording: { segmentSeconds: 2, workers: 0, allowedSourceNetworks: ['127.0.0.0/8'] },
        cluster: { enabled: true, nodeId, leaseSeconds: 3, renewSeconds: 0.5 },
      });
    const a = await startRecorderProcess(config('rec-a'), { databaseSchema: db.schema, migrate: false });
    recorders.push(a);
    const b = await startRecorderProcess(config('rec-b'), { databaseSchema: db.schema, migrate: false });
    recorders.push(b);
    await until(() => a.leases.claims().size === 2 && b.leases.claims().size === 2, 20_000, 'an even share');
    const segments = async (cameraId: string) => listSegments(db!.db, { cameraId, ...ALL });
    await until(async () => (await Promise.all(cameras.map(async (id) => (await segments(id)).length >= 2))).every(Boolean), 60_000, 'two segments of every camera');
    const status = await clusterDb(db.db).selectFrom('recorderCameraStatus').select(['cameraId', 'nodeId']).orderBy('cameraId').execute();
    expect(status.map((s) => s.cameraId)).toEqual(cameras);
    for (const s of status) expect((s.nodeId === 'rec-a' ? a : b).leases.claims().has(s.cameraId)).toBe(true);

    const orphaned = [...a.leases.claims()];
    await a.halt();
    const haltedAt = Date.now();
    const headSeq = new Map(await Promise.all(orphaned.map(async (id) => [id, (await segments(id)).length] as const)));
    await until(async () => (await Promise.all(orphaned.map(async (id) => (await segments(id)).length > (headSeq.get(id) ?? 0)))).every(Boolean), 15_000, 'the takeover');
    const takeoverMs = Date.now() - haltedAt;
    expect(takeoverMs).toBeLessThan(15_000);
    expect(b.leases.claims().size).toBe(4);

    await b.stop();
    for (const id of cameras) {
      const rows = await segments(id);
      // Recorded exactly once: the chain's segments follow each other in time, none overlaps the next.
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.startAt >= rows[i - 1]!.endAt, `${id} ${rows[i]!.seq}`).toBe(true);
      const gaps = await listGaps(db.db, { cameraId: id });
      const lost = gaps.filter((g) => g.reason === 'RECORDER_LOST');
      if (orphaned.includes(id)) {
        expect(lost).toHaveLength(1);
        expect(lost[0]!.detail).toContain('rec-a');
        expect(lost[0]!.toAt).not.toBeNull();
      } else expect(lost).toEqual([]);
    }
    const verified = await verifyChain(db.db, path.join(dataDir, 'segments'));
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
    const leases = await clusterDb(db.db).selectFrom('cameraLeases').selectAll().execute();
    for (const lease of leases) expect(lease.expiresAt, 'released cleanly').toBe(lease.renewedAt);
    console.log(`takeover of ${orphaned.length} cameras: first new segment of each within ${takeoverMs} ms of the halt`);
  });
});
