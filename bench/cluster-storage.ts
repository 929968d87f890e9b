/**
 * Segment stores (issue 16): the same N segments written to the local store and to the S3 store
 * (s3rver in a child process, so that this process's CPU is the store's alone). Prints one JSON line:
 * throughput (MB/s) and CPU (process.cpuUsage, user + system) of each.
 *
 *   npm run bench:cluster-storage -- [segments=24] [megabytes per segment=4]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { LocalSegmentStore } from '../src/recording/local-segment-store.ts';
import type { SegmentStore } from '../src/recording/segment-store.ts';
import { storageConfig } from '../src/storage/config.ts';
import { S3SegmentStore, s3Client } from '../src/storage/s3-segment-store.ts';

const count = Number(process.argv[2] ?? 24);
const megabytes = Number(process.argv[3] ?? 4);
const port = 19_000 + Math.floor(Math.random() * 1000);

async function startServer(): Promise<() => void> {
  const child = spawn(process.execPath, ['scripts/s3-test-server.mjs', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => c.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`s3 test server exited (${code})`)));
  });
  return () => child.kill('SIGTERM');
}

/** Writes every segment as the recorder does (fragments of 256 KiB, then commit); wall time and CPU. */
async function measure(store: SegmentStore, segments: Buffer[]): Promise<{ seconds: number; cpuSeconds: number; mbPerSecond: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const [i, body] of segments.entries()) {
    const sink = await store.begin({ cameraId: 'bench', seq: i + 1, startMs: Date.parse('2026-01-01T00:00:00Z') + i * 60_000 });
    for (let at = 0; at < body.length; at += 256 * 1024) await sink.write(body.subarray(at, at + 256 * 1024));
    await sink.commit();
    if (sink.location === 'local' && store instanceof S3SegmentStore) throw new Error('an upload failed');
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const total = segments.reduce((n, b) => n + b.length, 0) / 1e6;
  return { seconds: round(seconds), cpuSeconds: round((used.user + used.system) / 1e6), mbPerSecond: round(total / seconds) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-storage-'));
const stop = await startServer();
try {
  const segments = Array.from({ length: count }, () => randomBytes(megabytes * 1024 * 1024));
  const config = storageConfig.parse({ mode: 's3', s3: { endpoint: `http://127.0.0.1:${port}`, bucket: 'bench-segments', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const client = s3Client(config.s3);
  await client.send(new CreateBucketCommand({ Bucket: 'bench-segments' }));
  const local = await measure(new LocalSegmentStore(path.join(dir, 'local')), segments);
  const s3store = new S3SegmentStore({ config: config.s3, staging: new LocalSegmentStore(path.join(dir, 'staging')), client });
  await s3store.start();
  const s3 = await measure(s3store, segments);
  client.destroy();
  process.stdout.write(`${JSON.stringify({ bench: 'cluster-storage', segments: count, megabytesPerSegment: megabytes, server: 's3rver 3.7.1 (child process, loopback)', local, s3, s3CpuPerLocalCpu: round(s3.cpuSeconds / local.cpuSeconds) })}\n`);
} finally {
  stop();
  rmSync(dir, { recursive: true, force: true });
}
