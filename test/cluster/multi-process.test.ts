/**
 * Past one machine, end to end with real processes (issue 16): 2 × `custos recorder` and 2 × `custos serve`
 * on one PostgreSQL database and an S3 test server, 16 simulated cameras. All cameras recorded, spread over
 * both recorders; a viewer of an API process that is killed reconnects to the other with the same session;
 * `kill -9` of a recorder: its cameras claimed and recording again on the other within 15 s, with a
 * RECORDER_LOST gap each and nothing recorded twice; afterwards `custos recordings verify` and
 * `custos ledger verify` pass. Logs of every process: test-artifacts/cluster/multi-process-(time).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, Cluster, type NodeProcess } from './support/cluster-harness.ts';
import { LiveViewer, Session } from './support/live-viewer.ts';
import { killAndWatchTakeover, slowest, waitForSpread, type Takeover } from './support/cluster-watch.ts';
import { waitFor } from './support/processes.ts';
import { doubleRecording, interleaved } from './support/recording-checks.ts';

const CAMERAS = 16;
const TAKEOVER_LIMIT_MS = 15_000;
const REASON = { category: 'INCIDENT_INVESTIGATION', text: '集群测试:接入服务器切换后继续观看实时视频' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pgUrl = inject('pgUrl');

describe.skipIf(!pgUrl)('a cluster of 2 recorders and 2 API processes on PostgreSQL and S3', { timeout: 90_000 }, () => {
  let cluster: Cluster;
  let takeover: Takeover | undefined;

  beforeAll(async () => {
    cluster = await Cluster.start({ pgUrl: pgUrl!, s3Url: inject('s3Url') ?? undefined, cameras: CAMERAS, name: 'multi-process' });
  }, 120_000);

  afterAll(async () => {
    if (cluster) process.stderr.write(`cluster logs: ${cluster.logDir}\n`);
    await cluster?.close();
  }, 60_000);

  it('records all 16 cameras, each held by one recorder and reported online by it, spread over both recorders', async () => {
    const held = await waitForSpread(cluster, 75_000);
    process.stdout.write(`cameras per recorder: ${JSON.stringify(Object.fromEntries(held))}\n`);
    expect([...held.keys()].sort()).toEqual(cluster.recorders.map((r) => r.nodeId).sort());
    expect([...held.values()].reduce((a, b) => a + b, 0)).toBe(CAMERAS);
    await waitFor('a segment of every camera', async () => (await cluster.lastIndexed()).size === CAMERAS, 20_000, 500);
  }, 120_000);

  it('a live viewer of an API process that is killed reconnects to the other with the same session, and the video runs on with wall time', async () => {
    const [first, second] = cluster.apis as [NodeProcess, NodeProcess];
    const session = await Session.signIn(first.url, ADMIN.username, ADMIN.password);
    await session.recordPrerequisites(first.url);
    const cameraId = cluster.cameraIds[0]!;
    const { token } = await session.call<{ token: string }>(first.url, 'POST', '/api/access/live', { cameraId, reason: REASON });

    const before = new LiveViewer(first.url, cameraId, token);
    expect(await before.status).toBe(200);
    await waitFor('two live fragments through the first API', () => before.fragments.length >= 2, 15_000);

    first.kill('SIGKILL');
    await first.exited;
    const broken = await Promise.race([before.ended, sleep(5000).then(() => 'still open' as const)]);
    expect(broken, 'the stream through the killed API ends').not.toBe('still open');

    // The same session cookie and media token, now at the other API process.
    const me = await session.call<{ user: { username: string } }>(second.url, 'GET', '/api/auth/session');
    expect(me.user.username).toBe(ADMIN.username);
    const after = new LiveViewer(second.url, cameraId, token);
    expect(await after.status).toBe(200);
    await sleep(5000);
    after.abort();
    expect(after.fragments.length).toBeGreaterThanOrEqual(4);
    const firstSeen = after.fragments[0]!;
    const lastSeen = after.fragments.at(-1)!;
    // The pictures' own clock advances as the wall clock does (live, not a replay), and is recent.
    expect(lastSeen.wallMs - firstSeen.wallMs).toBeGreaterThan(2000);
    expect(Math.abs(lastSeen.wallMs - firstSeen.wallMs - (lastSeen.atMs - firstSeen.atMs))).toBeLessThan(1500);
    expect(Date.now() - lastSeen.wallMs).toBeLessThan(5000);
    expect(lastSeen.wallMs).toBeGreaterThan(before.fragments.at(-1)!.wallMs);
  }, 60_000);

  it('kill -9 of a recorder: each of its cameras is claimed and records again on the other within 15 s', async () => {
    const [victim, survivor] = cluster.recorders as [NodeProcess, NodeProcess];
    takeover = await killAndWatchTakeover(cluster, victim, survivor, 40_000);
    const figure = { takenOver: takeover.cameras.size, claimedSeconds: slowest(takeover.claimed), onlineSeconds: slowest(takeover.online), firstNewSegmentSeconds: slowest(takeover.firstSegment) };
    process.stdout.write(`takeover after kill -9: ${JSON.stringify(figure)}\n`);
    expect(takeover.cameras.size).toBeGreaterThan(0);
    expect(takeover.claimed.size).toBe(takeover.cameras.size);
    expect(takeover.online.size).toBe(takeover.cameras.size);
    expect(takeover.firstSegment.size).toBe(takeover.cameras.size);
    expect(figure.claimedSeconds * 1000).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    expect(figure.onlineSeconds * 1000).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    const leases = await cluster.leases();
    for (const id of cluster.cameraIds) expect(leases.get(id)?.holder).toBe(survivor.nodeId);
  }, 60_000);

  it('nothing is recorded twice, and each taken-over camera has a RECORDER_LOST gap where its recorder died', async () => {
    if (!takeover) throw new Error('no recorder was killed');
    const { cameras: taken, killAtMs } = takeover;
    // One more segment everywhere, then a clean stop of every process.
    await sleep(cluster.options.segmentSeconds * 1000 + 1000);
    await cluster.stopNodes();
    const segments = await cluster.segments();
    expect(doubleRecording(segments)).toEqual([]);
    expect(interleaved(segments, taken, killAtMs)).toEqual([]);
    const gaps = await cluster.gaps();
    for (const id of cluster.cameraIds) {
      const lost = gaps.filter((g) => g.cameraId === id && g.reason === 'RECORDER_LOST');
      if (!taken.has(id)) {
        expect(lost, `camera ${id} stayed on its recorder`).toEqual([]);
        continue;
      }
      const mine = segments.filter((s) => s.cameraId === id);
      const lastBefore = mine.filter((s) => Date.parse(s.createdAt) <= killAtMs).at(-1);
      const firstAfter = mine.find((s) => Date.parse(s.createdAt) > killAtMs);
      expect(lost, `camera ${id}: one RECORDER_LOST gap`).toHaveLength(1);
      expect(firstAfter, `camera ${id}: recorded after the takeover`).toBeDefined();
      const gap = lost[0]!;
      // Exactly the hole: from the dead recorder's last indexed segment to its successor's first.
      expect(lastBefore, `camera ${id}: recorded before the kill`).toBeDefined();
      expect(gap.fromAt).toBe(lastBefore!.endAt);
      expect(gap.toAt).toBe(firstAfter!.startAt);
      // Recorded again within 15 s of the kill, in the footage's own time: the hole is at most that long.
      expect(Date.parse(firstAfter!.startAt) - killAtMs, `camera ${id}: footage again within 15 s of the kill`).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    }
  }, 60_000);

  it('custos recordings verify and custos ledger verify pass over what the cluster recorded, every segment in the bucket', async () => {
    // The recorders' data folders are not the one the commands read: the segments can only come from the bucket.
    // Object keys are storage.s3.prefix (default `segments/`) + the index row's path.
    // The recorders still run: rows first, then the listing (an object is put before its row is written,
    // so every row read has its object in a listing taken after it).
    const segments = await cluster.segments();
    const keys = new Set(await cluster.bucketKeys());
    expect(segments.length).toBeGreaterThan(CAMERAS * 3);
    expect(segments.filter((s) => !keys.has(`segments/${s.path}`)).map((s) => s.path)).toEqual([]);
    const recordings = await cluster.cli('recordings-verify', ['recordings', 'verify']);
    expect(recordings.code, recordings.output.slice(-3000)).toBe(0);
    const ledger = await cluster.cli('ledger-verify', ['ledger', 'verify']);
    expect(ledger.code, ledger.output.slice(-3000)).toBe(0);
  }, 90_000);
});
