/**
 * Sweeper throughput (REG-17-3): segments deleted per second, each one a file (quarantine rename,
 * unlink), an index row removed and a deletion-log row written in the same transaction. A synthetic
 * store of small files in a fresh data folder on SQLite (a file, WAL), every segment eligible.
 * Goal ≥ 10 000/s.
 *
 *   npm run bench:retention              # prints one JSON line
 *   BENCH_SEGMENTS=200000 BENCH_CAMERAS=100 npm run bench:retention
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices } from '../src/app/services.ts';
import { connectDatabase, migrateToLatest } from '../src/db/connect.ts';
import { segmentsRoot } from '../src/recording/local-segment-store.ts';
import { segmentRelPath } from '../src/recording/segment-paths.ts';
import { fixedClock } from '../src/shared/clock.ts';

const total = Number(process.env.BENCH_SEGMENTS ?? 50_000);
const cameras = Number(process.env.BENCH_CAMERAS ?? 20);
const batchSize = Number(process.env.BENCH_BATCH ?? 2000);
const actor = { name: 'bench' };
const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-retention-'));

try {
  const db = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
  await migrateToLatest(db);
  const clock = fixedClock('2025-04-01T00:00:00Z');
  const services = createServices(db.db, clock, dir);
  const unit = await services.units.create({ name: '基准单位', unitType: 'ENTERPRISE', uscc: '91330106MA2AB3C472' }, actor);
  const site = await services.sites.create({ unitId: unit.id, name: '基准商场', adminDivisionCode: '330106', placeCategory: 'A7_2_1_GATHERING', putIntoUseDate: '2025-04-01' }, actor);
  const ids: string[] = [];
  for (let i = 0; i < cameras; i++) ids.push((await services.cameras.create({ siteId: site.id, name: `cam${i}`, deviceType: 'FIXED', retentionDays: 30 }, actor)).id);

  // 10-second segments from 2025-04-01, 1 KiB each; rows inserted directly (the chain is not what is measured).
  const root = segmentsRoot(dir);
  const perCamera = Math.ceil(total / cameras);
  const body = Buffer.alloc(1024, 7);
  const t0 = Date.parse('2025-04-01T00:00:00Z');
  let made = 0;
  for (const cameraId of ids) {
    const rows = [];
    for (let seq = 1; seq <= perCamera && made < total; seq++, made++) {
      const startMs = t0 + (seq - 1) * 10_000;
      const rel = segmentRelPath({ cameraId, seq, startMs });
      const abs = path.join(root, ...rel.split('/'));
      if (seq === 1 || new Date(startMs).getUTCHours() === 0) mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, body);
      rows.push({ id: `seg_${cameraId.slice(4)}${seq}`, cameraId, seq, startAt: new Date(startMs).toISOString(), endAt: new Date(startMs + 10_000).toISOString(), durationMs: 10_000, bytes: body.length, codec: 'h264', frames: 250, path: rel, sha256: 'a'.repeat(64), prevChainHash: 'b'.repeat(64), chainHash: 'c'.repeat(64), createdAt: clock.now().toISOString() });
    }
    // One recent segment per camera that is not yet eligible (the camera still records).
    const headStart = Date.parse('2025-09-01T00:00:00Z');
    const headRel = segmentRelPath({ cameraId, seq: rows.length + 1, startMs: headStart });
    mkdirSync(path.dirname(path.join(root, ...headRel.split('/'))), { recursive: true });
    writeFileSync(path.join(root, ...headRel.split('/')), body);
    rows.push({ ...rows[0]!, id: `seg_${cameraId.slice(4)}head`, seq: rows.length + 1, startAt: new Date(headStart).toISOString(), endAt: new Date(headStart + 10_000).toISOString(), path: headRel });
    for (let i = 0; i < rows.length; i += 500) await db.db.insertInto('segments').values(rows.slice(i, i + 500)).execute();
  }

  clock.set('2025-08-01T00:00:00Z');
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const sweep = await services.retention.sweeper.sweep({ batchSize });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const logRows = Number((await db.db.selectFrom('segmentDeletions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  console.log(
    JSON.stringify({
      bench: 'retention-sweep',
      segments: made,
      cameras,
      batchSize,
      deleted: sweep.deleted,
      deletionLogRows: logRows,
      seconds: Math.round(seconds * 1000) / 1000,
      deletionsPerSecond: Math.round(sweep.deleted / seconds),
      goal: 10_000,
      // The figure depends on the machine's other load: CPU time used and the load average say how busy it was.
      cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
      systemCpuSeconds: Math.round(cpu.system / 1000) / 1000,
      deletionsPerCpuSecond: Math.round(sweep.deleted / cpuSeconds),
      loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
      cores: availableParallelism(),
      dialect: 'sqlite',
      node: process.version,
    }),
  );
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
