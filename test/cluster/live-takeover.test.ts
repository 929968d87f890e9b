/**
 * Live video across processes, with real parts: a RecorderService recording a simulated camera on
 * PostgreSQL serves it through its live server; two API-side hubs (two API processes) each open the
 * signed stream through a RemoteLiveSource and hand fMP4 to a viewer, sharing one tap on the recorder.
 * Then the recorder goes away and a second recorder takes the camera's lease: the viewer's same
 * subscription carries on with a new init and fragments whose wall clock advances with wall time.
 */
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { startRecorderLiveServer, type RecorderLiveServer } from '../../src/cluster/live-server.ts';
import { RemoteLiveSource } from '../../src/cluster/remote-live.ts';
import { clusterDb } from '../../src/db/cluster-tables.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import type { FragmentTap } from '../../src/recorder/recorder.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import type { RecorderView } from '../../src/recorder/recorder-view.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { LiveHub, type LiveChunk } from '../../src/viewing/live-hub.ts';
import { DIALECTS, openTestDb } from '../support/db.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { walk } from '../viewing/support/fmp4-walk.ts';

const KEY = randomBytes(32);
const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The recorder, counting the taps the live server turns on. */
function counting(recorder: RecorderService): RecorderView & { tapsOn: number } {
  const view = {
    tapsOn: 0,
    status: () => recorder.status(),
    statusOf: (id: string) => recorder.statusOf(id),
    setLiveTap(id: string, tap: FragmentTap | null) {
      if (tap) view.tapsOn += 1;
      recorder.setLiveTap(id, tap);
    },
  };
  return view;
}

interface Received {
  chunk: LiveChunk;
  at: number;
}

function viewer(hub: LiveHub, cameraId: string): { received: Received[]; unsubscribe: () => void } {
  const received: Received[] = [];
  const { unsubscribe } = hub.subscribe(cameraId, { write: (chunk) => (received.push({ chunk, at: Date.now() }), true), onDrain: () => undefined });
  return { received, unsubscribe };
}

describe.runIf(DIALECTS.includes('postgres'))('live video from the recorder holding the camera', { timeout: 120_000 }, () => {
  const closers: (() => unknown)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('reaches viewers of two API processes through one tap, and carries on from the new holder after a takeover', async () => {
    const db: DbHandle = await openTestDb('postgres');
    closers.push(() => db.close());
    const sim: Simulator = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: ['h264'] });
    closers.push(() => sim.close());
    const services = createServices(db.db, systemClock, mkdtempSync(path.join(tmpdir(), 'custos-live-api-')));
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: 'C1', sourceUrl: sim.url(1) }), actor);
    await services.signs.create({ siteId: site.id, location: 'S1', photoRef: 'p.jpg', cameraIds: [camera.id] }, actor);
    await services.cameras.activate(camera.id, {}, actor);
    const cluster = clusterDb(db.db);

    const startRecorder = async (nodeId: string) => {
      const recorder = new RecorderService({ db: db.db, dataDir: mkdtempSync(path.join(tmpdir(), `custos-live-${nodeId}-`)), clock: systemClock, segmentMs: 2000, workers: 0, reconcileMs: 500 });
      await recorder.start();
      const view = counting(recorder);
      const live: RecorderLiveServer = await startRecorderLiveServer({ recorder: view, host: '127.0.0.1', port: 0, key: KEY, heartbeatMs: 500 });
      const now = Date.now();
      await cluster.insertInto('recorderNodes').values({ id: nodeId, host: 'localhost', pid: process.pid, version: 'test', liveUrl: live.url, startedAt: iso(now), heartbeatAt: iso(now), stoppedAt: null }).execute();
      return { recorder, view, live };
    };
    const lease = (holder: string, epoch: number) => {
      const now = Date.now();
      const row = { cameraId: camera.id, holder, epoch, claimedAt: iso(now), renewedAt: iso(now), expiresAt: iso(now + 60_000) };
      return cluster.insertInto('cameraLeases').values(row).onConflict((c) => c.column('cameraId').doUpdateSet({ holder, epoch, claimedAt: row.claimedAt, expiresAt: row.expiresAt })).execute();
    };

    const a = await startRecorder('rec-a');
    closers.push(() => a.recorder.stop(), () => a.live.close());
    await lease('rec-a', 1);

    const sourceOne = new RemoteLiveSource({ db: db.db, key: KEY, retryMs: 300 });
    const sourceTwo = new RemoteLiveSource({ db: db.db, key: KEY, retryMs: 300 });
    closers.push(() => sourceOne.close(), () => sourceTwo.close());
    const one = viewer(new LiveHub(sourceOne), camera.id);
    const two = viewer(new LiveHub(sourceTwo), camera.id);
    const fragments = (v: { received: Received[] }) => v.received.filter((r) => r.chunk.kind === 'fragment');
    await until(() => fragments(one).length >= 10 && fragments(two).length >= 10, 60_000, 'fragments through both API processes');

    // fMP4 as the browser gets it: an init (ftyp+moov) first, then moof+mdat fragments starting at a keyframe.
    for (const v of [one, two]) {
      expect(v.received[0]!.chunk.kind).toBe('init');
      expect(walk(Buffer.from(v.received[0]!.chunk.data)).pieces).toEqual([{ kind: 'init' }]);
      const first = walk(Buffer.from(fragments(v)[0]!.chunk.data)).pieces;
      expect(first[0]).toMatchObject({ kind: 'fragment', keyframe: true });
    }
    expect(a.view.tapsOn).toBe(1);
    expect(a.live.tappedCameras).toEqual([camera.id]);
    expect(sourceOne.connectedTo(camera.id)).toBe('rec-a');

    // Recorder A goes away (its connections cut, like a killed process); B takes the lease.
    two.unsubscribe();
    await a.live.close();
    await a.recorder.stop();
    const before = one.received.length;
    const takeoverAt = Date.now();
    const b = await startRecorder('rec-b');
    closers.push(() => b.recorder.stop(), () => b.live.close());
    await lease('rec-b', 2);

    await until(() => fragments({ received: one.received.slice(before) }).length >= 15, 60_000, 'fragments from the new holder');
    const after = one.received.slice(before);
    expect(after[0]!.chunk.kind).toBe('init');
    expect(sourceOne.connectedTo(camera.id)).toBe('rec-b');
    await sleep(3000);
    const fromB = fragments({ received: one.received.slice(before) });
    expect(walk(Buffer.from(fromB[0]!.chunk.data)).pieces[0]).toMatchObject({ kind: 'fragment', keyframe: true });
    const wallSpan = fromB.at(-1)!.chunk.wallMs - fromB[0]!.chunk.wallMs;
    const receivedSpan = fromB.at(-1)!.at - fromB[0]!.at;
    expect(wallSpan).toBeGreaterThan(2500);
    expect(Math.abs(wallSpan - receivedSpan)).toBeLessThan(1000);
    for (let i = 1; i < fromB.length; i++) expect(fromB[i]!.chunk.wallMs).toBeGreaterThan(fromB[i - 1]!.chunk.wallMs);
    expect(fromB[0]!.chunk.wallMs).toBeGreaterThan(takeoverAt);
    expect(b.view.tapsOn).toBe(1);
  });
});
