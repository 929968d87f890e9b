/**
 * The API side of a cluster's recording, on PostgreSQL: ClusterRecorderView shows what the recorder
 * processes reported, with the node recording each camera, and shows a camera offline (naming the
 * recorder) when its report is stale or its recorder stopped or died; GET /api/cluster/recorders lists
 * every recorder node with its state and leases, each naming only the cameras within the caller's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterRecorderView } from '../../src/cluster/cluster-recorder-view.ts';
import { clusterRecorderNodes } from '../../src/cluster/recorder-nodes.ts';
import { loadConfig } from '../../src/config/load.ts';
import { clusterDb } from '../../src/db/cluster-tables.ts';
import { buildApp } from '../../src/http/app.ts';
import { initialStatus, type CameraRecordingStatus } from '../../src/recorder/camera-status.ts';
import { makeUser } from '../support/access.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';

const LEASE_SECONDS = 8;
const iso = (ms: number) => new Date(ms).toISOString();

describe.runIf(DIALECTS.includes('postgres'))('the API side of a cluster', () => {
  let t: TestApp;
  const cams: string[] = [];
  let oneCameraUser: Record<string, string>;
  const live = { taps: [] as string[], setLiveTap: (id: string) => void live.taps.push(id) };

  beforeAll(async () => {
    t = await openTestApp('postgres');
    const unit = await created<{ id: string }>(t, '/api/units', unitBody());
    const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id));
    for (const n of [1, 2, 3, 4]) cams.push((await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: `C${n}` }))).id);
    // Of another unit, with a grant over one camera only: the own unit's objects are always within reach.
    const other = await created<{ id: string }>(t, '/api/units', unitBody({ name: '乙单位', uscc: null, unitType: 'INDIVIDUAL' }));
    const user = await makeUser(t, { unitId: other.id, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA', id: cams[0]! } }] });
    oneCameraUser = await t.tokenHeaders(user.userId);

    const now = Date.now();
    const cluster = clusterDb(t.db.db);
    const node = (id: string, heartbeatAgoMs: number, stopped = false) => ({
      id,
      host: `host-${id}`,
      pid: 100,
      version: '9.9.9',
      liveUrl: 'http://127.0.0.1:1',
      startedAt: iso(now - 600_000),
      heartbeatAt: iso(now - heartbeatAgoMs),
      stoppedAt: stopped ? iso(now - heartbeatAgoMs) : null,
    });
    await cluster.insertInto('recorderNodes').values([node('rec-alive', 500), node('rec-dead', 60_000), node('rec-stopped', 30_000, true)]).execute();
    const report = (cameraId: string, nodeId: string, agoMs: number) => {
      const status: CameraRecordingStatus = { ...initialStatus(cameraId, new Date(now)), state: 'online', fps: 25, bitrateBps: 1_000_000, segments: 7 };
      return { cameraId, nodeId, status: JSON.stringify(status), updatedAt: iso(now - agoMs) };
    };
    await cluster
      .insertInto('recorderCameraStatus')
      .values([report(cams[0]!, 'rec-alive', 500), report(cams[1]!, 'rec-dead', 60_000), report(cams[2]!, 'rec-stopped', 1000), report(cams[3]!, 'rec-alive', 3 * LEASE_SECONDS * 1000)])
      .execute();
    const lease = (cameraId: string, holder: string, expiresInMs: number) => ({ cameraId, holder, epoch: 1, claimedAt: iso(now - 60_000), renewedAt: iso(now), expiresAt: iso(now + expiresInMs) });
    await cluster.insertInto('cameraLeases').values([lease(cams[0]!, 'rec-alive', 8000), lease(cams[3]!, 'rec-alive', 8000), lease(cams[1]!, 'rec-dead', -50_000)]).execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ClusterRecorderView shows fresh reports with their node, and stale or orphaned ones offline naming the lost recorder', async () => {
    const view = new ClusterRecorderView({ db: t.db.db, leaseSeconds: LEASE_SECONDS, live });
    await view.start();
    view.stop();
    expect(view.statusOf(cams[0]!)).toMatchObject({ state: 'online', nodeId: 'rec-alive', fps: 25, segments: 7, reason: null });
    expect(view.statusOf(cams[1]!)).toMatchObject({ state: 'offline', nodeId: 'rec-dead', fps: 0, bitrateBps: 0 });
    expect(view.statusOf(cams[1]!)!.reason).toMatch(/^recorder rec-dead lost/);
    expect(view.statusOf(cams[2]!)!.reason).toMatch(/^recorder rec-stopped stopped/);
    expect(view.statusOf(cams[3]!)).toMatchObject({ state: 'offline', nodeId: 'rec-alive' });
    expect(view.statusOf(cams[3]!)!.reason).toMatch(/^recorder rec-alive lost: no report since/);
    expect(view.status()).toHaveLength(4);
    view.setLiveTap(cams[0]!, () => undefined);
    expect(live.taps).toEqual([cams[0]]);
  });

  it('GET /api/cluster/recorders lists every node with its state and leases, cameras limited to the caller’s reach; the status API names the node', async () => {
    const recorder = new ClusterRecorderView({ db: t.db.db, leaseSeconds: LEASE_SECONDS, live });
    await recorder.start();
    recorder.stop();
    const config = loadConfig({ env: { CUSTOS_DATA_DIR: '.' } });
    const app = await buildApp({ config, db: t.db, services: t.services, recorder, recorderNodes: clusterRecorderNodes(t.db.db, LEASE_SECONDS), logger: false });
    try {
      type Nodes = { mode: string; nodes: { id: string; state: string; cameras: { cameraId: string; expired: boolean }[] }[] };
      const asAdmin = await app.inject({ method: 'GET', url: '/api/cluster/recorders', headers: { authorization: `Bearer ${t.admin.token}` } });
      expect(asAdmin.statusCode, asAdmin.body).toBe(200);
      const all = asAdmin.json<Nodes>();
      expect(all.mode).toBe('cluster');
      expect(all.nodes.map((n) => [n.id, n.state])).toEqual([['rec-alive', 'alive'], ['rec-dead', 'lost'], ['rec-stopped', 'stopped']]);
      expect(all.nodes[0]!.cameras.map((c) => c.cameraId).sort()).toEqual([cams[0], cams[3]].sort());
      expect(all.nodes[1]!.cameras).toEqual([expect.objectContaining({ cameraId: cams[1], expired: true })]);

      const asOne = await app.inject({ method: 'GET', url: '/api/cluster/recorders', headers: oneCameraUser });
      expect(asOne.statusCode, asOne.body).toBe(200);
      const mine = asOne.json<Nodes>();
      expect(mine.nodes.map((n) => n.id)).toEqual(['rec-alive', 'rec-dead', 'rec-stopped']);
      expect(mine.nodes.flatMap((n) => n.cameras.map((c) => c.cameraId))).toEqual([cams[0]]);

      const status = await app.inject({ method: 'GET', url: '/api/recording/status', headers: oneCameraUser });
      expect(status.json<{ cameras: { cameraId: string; nodeId?: string }[] }>().cameras).toEqual([expect.objectContaining({ cameraId: cams[0], nodeId: 'rec-alive', state: 'online' })]);
      const anonymous = await app.inject({ method: 'GET', url: '/api/cluster/recorders' });
      expect(anonymous.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('in one process it answers this process alone, with the cameras its recorder records', async () => {
    const statuses = [initialStatus(cams[0]!, new Date()), initialStatus(cams[1]!, new Date())];
    const recorder = { status: () => statuses, statusOf: (id: string) => statuses.find((s) => s.cameraId === id), setLiveTap: () => undefined };
    const app = await buildApp({ config: loadConfig({ env: { CUSTOS_DATA_DIR: '.' } }), db: t.db, services: t.services, recorder, logger: false });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/cluster/recorders', headers: oneCameraUser });
      const body = response.json<{ mode: string; nodes: { pid: number; state: string; cameras: { cameraId: string }[] }[] }>();
      expect(body).toMatchObject({ mode: 'single', nodes: [{ pid: process.pid, state: 'alive', cameras: [{ cameraId: cams[0] }] }] });
    } finally {
      await app.close();
    }
  });
});
