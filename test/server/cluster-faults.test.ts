/**
 * Cluster mode (compiled command line, PostgreSQL): one `custos recorder` and one `custos serve` on a fresh
 * database, two simulated cameras. Every backend of the database terminated twice: both processes live on,
 * the API process takes the leadership back and listens for the cluster's events again, the cameras keep
 * being indexed. Then SIGTERM with an event stream and a live viewer connected: the API process and the
 * recorder each exit 0 within 5 s.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { ADMIN, Cluster, type NodeProcess } from '../cluster/support/cluster-harness.ts';
import { LiveViewer, Session } from '../cluster/support/live-viewer.ts';
import { waitFor } from '../cluster/support/processes.ts';

const pgUrl = inject('pgUrl');
const REASON = { category: 'INCIDENT_INVESTIGATION', text: '停机测试:集群模式下关闭时仍在观看实时视频' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function terminateBackends(dbUrl: string): Promise<number> {
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  try {
    const result = await admin.query<{ ended: boolean }>('select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return result.rows.filter((r) => r.ended).length;
  } finally {
    await admin.end();
  }
}

/** The newest segment's index time over all cameras. */
async function newestIndexed(cluster: Cluster): Promise<number> {
  return Math.max(0, ...(await cluster.lastIndexed()).values());
}

async function timedStop(node: NodeProcess): Promise<{ exit: unknown; ms: number }> {
  const t0 = Date.now();
  node.kill('SIGTERM');
  const exit = await Promise.race([node.exited, sleep(20_000).then(() => 'hung' as const)]);
  return { exit, ms: Date.now() - t0 };
}

describe.skipIf(!pgUrl)('cluster mode: database connections lost, then SIGTERM with clients connected', { timeout: 120_000 }, () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ pgUrl: pgUrl!, cameras: 2, recorders: 1, apis: 1, storage: 'local', name: 'faults' });
  }, 120_000);

  afterAll(async () => {
    if (cluster) process.stderr.write(`cluster logs: ${cluster.logDir}\n`);
    await cluster?.close();
  }, 60_000);

  it('survives two rounds of terminated backends: alive, leader again, listening again, indexing', async () => {
    const [api, recorder] = [cluster.apis[0]!, cluster.recorders[0]!];
    await waitFor('a segment of both cameras', async () => (await cluster.lastIndexed()).size === 2, 60_000, 500);
    await waitFor('the API process to lead', () => /"leader":true[^\n]*API process joined/.test(api.output()), 15_000);
    const mark = { api: api.output().length, recorder: recorder.output().length };
    for (let round = 1; round <= 2; round++) {
      const ended = await terminateBackends(cluster.dbUrl);
      process.stdout.write(`round ${round}: ${ended} backends terminated\n`);
      expect(ended).toBeGreaterThan(0);
      await sleep(3_000);
      expect(api.running(), `custos serve died:\n${api.output().slice(-3000)}`).toBe(true);
      expect(recorder.running(), `custos recorder died:\n${recorder.output().slice(-3000)}`).toBe(true);
    }
    const after = Date.now();
    await waitFor('new segments indexed after the connections came back', async () => (await newestIndexed(cluster)) > after, 20_000, 500);
    const since = (node: NodeProcess, from: number) => node.output().slice(from);
    await waitFor('the API process to lose and take back the leadership', () => /leadership lost[\s\S]*this process is the leader/.test(since(api, mark.api)), 30_000);
    await waitFor('both processes listening to the cluster’s events again', () => since(api, mark.api).includes('listening again') && since(recorder, mark.recorder).includes('listening again'), 30_000);
    const session = await Session.signIn(api.url, ADMIN.username, ADMIN.password);
    const me = await session.call<{ user: { username: string } }>(api.url, 'GET', '/api/auth/session');
    expect(me.user.username).toBe(ADMIN.username);
  });

  it('SIGTERM with an event stream and a live viewer connected: the API process and the recorder each exit 0 within 5 s', async () => {
    const [api, recorder] = [cluster.apis[0]!, cluster.recorders[0]!];
    const session = await Session.signIn(api.url, ADMIN.username, ADMIN.password);
    await session.recordPrerequisites(api.url);
    const controller = new AbortController();
    let events = '';
    const sse = (async () => {
      const response = await fetch(`${api.url}/api/alarms/events`, { headers: { cookie: session.cookie }, signal: controller.signal });
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        events += Buffer.from(value).toString('utf8');
      }
    })().catch((error: unknown) => error as Error);
    await waitFor('the alarm stream to open', () => events.includes(': listening'), 15_000);
    const cameraId = cluster.cameraIds[0]!;
    const { token } = await session.call<{ token: string }>(api.url, 'POST', '/api/access/live', { cameraId, reason: REASON });
    const viewer = new LiveViewer(api.url, cameraId, token);
    expect(await viewer.status).toBe(200);
    await waitFor('a live fragment', () => viewer.fragments.length >= 1, 30_000);

    const apiStop = await timedStop(api);
    process.stdout.write(`custos serve (cluster): ${JSON.stringify(apiStop)}\n`);
    expect(apiStop.exit).toEqual({ code: 0, signal: null });
    expect(apiStop.ms).toBeLessThanOrEqual(5_000);
    expect(await Promise.race([sse, sleep(2_000).then(() => 'open')])).toBe('ended');
    expect(await Promise.race([viewer.ended, sleep(2_000).then(() => 'open')])).toBeUndefined();

    const recorderStop = await timedStop(recorder);
    process.stdout.write(`custos recorder: ${JSON.stringify(recorderStop)}\n`);
    expect(recorderStop.exit).toEqual({ code: 0, signal: null });
    expect(recorderStop.ms).toBeLessThanOrEqual(5_000);
    controller.abort();
  });
});
