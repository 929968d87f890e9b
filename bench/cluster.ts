/**
 * The cluster benchmark (issue 16): the multi-process harness of test/cluster twice over the same
 * simulated cameras, first with segments on each recorder's local disk, then in an S3 bucket, and one
 * JSON line:
 *
 *   npm run bench:cluster -- --cameras 16 --seconds 20
 *
 * - streamsPerRecorder: cameras each recorder held once all were online (S3 run);
 * - takeover: seconds from `kill -9` of one recorder until the other held the leases of all its cameras,
 *   reported them online with a keyframe after the kill, and indexed a new segment of each;
 * - duplicatedSegments: segments overlapping another of the same camera, or with a seq used twice (must be 0);
 * - s3: bytes and segments written to the bucket per second over the window, recorder CPU per stream;
 * - local: the same for local disk; cpuRatioS3VsLocal: recorder CPU in mode s3 over mode local;
 * - machine: cores, load average, and the S3 server (s3rver in this process unless TEST_S3_URL names one).
 *
 * Needs PostgreSQL (TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test). Recorder CPU is read
 * from /proc/<pid>/stat of the recorder processes alone (utime + stime) over the same window of --seconds,
 * after --warmup seconds with every camera online.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Cluster, cpuSeconds, type NodeProcess } from '../test/cluster/support/cluster-harness.ts';
import { killAndWatchTakeover, slowest, waitForSpread } from '../test/cluster/support/cluster-watch.ts';
import { doubleRecording } from '../test/cluster/support/recording-checks.ts';

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    segment: { type: 'string', default: '2' },
  },
});
const cameras = Number(values.cameras);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const segmentSeconds = Number(values.segment);
const pgUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Window {
  bytesPerSecond: number;
  segmentsPerSecond: number;
  recorderCpuSeconds: number;
  /** Recorder CPU (all recorders) as a share of one core per stream. */
  cpuPerStream: number;
}

/** Recorder CPU and indexed bytes over `seconds`, all cameras online. */
async function measure(cluster: Cluster): Promise<Window> {
  const pids = cluster.recorders.map((r) => r.pid);
  const cpu = () => pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? Number.NaN), 0);
  const [cpu0, totals0, t0] = [cpu(), await cluster.segmentTotals(), Date.now()];
  await sleep(seconds * 1000);
  const [cpu1, totals1, t1] = [cpu(), await cluster.segmentTotals(), Date.now()];
  const elapsed = (t1 - t0) / 1000;
  const recorderCpuSeconds = cpu1 - cpu0;
  return {
    bytesPerSecond: Math.round((totals1.bytes - totals0.bytes) / elapsed),
    segmentsPerSecond: round((totals1.segments - totals0.segments) / elapsed),
    recorderCpuSeconds: round(recorderCpuSeconds),
    cpuPerStream: round(recorderCpuSeconds / elapsed / cameras, 4),
  };
}

async function run(storage: 'local' | 's3', kill: boolean) {
  const cluster = await Cluster.start({ pgUrl, s3Url: process.env.TEST_S3_URL, cameras, apis: 1, segmentSeconds, storage, name: `bench-${storage}` });
  try {
    const spread = await waitForSpread(cluster, 90_000);
    await sleep(warmup * 1000);
    const window = await measure(cluster);
    if (!kill) return { spread, window };
    const [victim, survivor] = cluster.recorders as [NodeProcess, NodeProcess];
    const t = await killAndWatchTakeover(cluster, victim, survivor, 60_000);
    await sleep(segmentSeconds * 1000 + 1000);
    await cluster.stopNodes();
    const duplicates = doubleRecording(await cluster.segments());
    const takeover = {
      cameras: t.cameras.size,
      claimedSeconds: slowest(t.claimed),
      onlineSeconds: slowest(t.online),
      firstNewSegmentSeconds: slowest(t.firstSegment),
      complete: t.firstSegment.size === t.cameras.size && t.online.size === t.cameras.size,
    };
    return { spread, window, takeover, duplicates, s3Server: cluster.options.s3Url ?? 's3rver (in the bench process)' };
  } finally {
    await cluster.close();
  }
}

const local = await run('local', false);
const s3 = await run('s3', true);
process.stdout.write(
  `${JSON.stringify({
    bench: 'cluster',
    cameras,
    recorders: 2,
    segmentSeconds,
    windowSeconds: seconds,
    streamsPerRecorder: Object.fromEntries(s3.spread),
    takeover: s3.takeover,
    duplicatedSegments: s3.duplicates?.length ?? null,
    s3: { writeBytesPerSecond: s3.window.bytesPerSecond, writeMbitPerSecond: round((s3.window.bytesPerSecond * 8) / 1e6), segmentsPerSecond: s3.window.segmentsPerSecond, recorderCpuSeconds: s3.window.recorderCpuSeconds, cpuPerStream: s3.window.cpuPerStream },
    local: { writeBytesPerSecond: local.window.bytesPerSecond, segmentsPerSecond: local.window.segmentsPerSecond, recorderCpuSeconds: local.window.recorderCpuSeconds, cpuPerStream: local.window.cpuPerStream },
    cpuRatioS3VsLocal: round(s3.window.recorderCpuSeconds / local.window.recorderCpuSeconds),
    s3Server: s3.s3Server,
    machine: { cores: availableParallelism(), loadAverage: loadavg().map((n) => round(n, 2)) },
  })}\n`,
);
