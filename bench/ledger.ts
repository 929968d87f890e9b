/**
 * The ledger's figures (issue 6): appends per second, full verification in leaves per second per
 * core, inclusion-proof time, and range lookups in the segments table at 30 days × 100 cameras of
 * 10-second segments (~26 M rows, generated synthetically into SQLite). Prints one JSON line.
 *
 *   npm run bench:ledger
 *   BENCH_LEAVES=200000 BENCH_DAYS=3 BENCH_CAMERAS=100 npm run bench:ledger   # smaller; the JSON says so
 *
 * Modular: each step is a function that returns its part of the line; add a step to STEPS
 * (e.g. the retention module's sweeper deletions per second) and it is run and merged.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { connectDatabase, migrateToLatest, type DbHandle } from '../src/db/connect.ts';
import { segmentLeaf } from '../src/ledger/leaves.ts';
import { leafHash, nodeHash, verifyInclusion } from '../src/ledger/merkle.ts';
import { ledgerRepository } from '../src/ledger/ledger-repository.ts';
import { LedgerService } from '../src/ledger/ledger-service.ts';
import { systemClock } from '../src/shared/clock.ts';
import { appendLeaves, inclusionProofAt, rootAt } from '../src/ledger/tree.ts';
import { listSegments } from '../src/recording/segment-repository.ts';

export interface BenchContext {
  dir: string;
  /** A migrated SQLite database file of this run's own. */
  db: DbHandle;
  file: string;
}

export type BenchStep = (ctx: BenchContext) => Promise<Record<string, unknown>>;

const LEAVES = Number(process.env.BENCH_LEAVES ?? 1_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const CAMERAS = Number(process.env.BENCH_CAMERAS ?? 100);
const SEGMENT_S = 10;
const T0 = Date.parse('2025-05-01T00:00:00Z');
const hex64 = (n: number): string => n.toString(16).padStart(64, '0');

const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

function fakeSegment(camera: number, seq: number) {
  const startMs = T0 + (seq - 1) * SEGMENT_S * 1000;
  return {
    id: `seg_${String(camera).padStart(3, '0')}_${String(seq).padStart(7, '0')}`,
    cameraId: `cam${String(camera).padStart(3, '0')}`,
    seq,
    startAt: new Date(startMs).toISOString(),
    endAt: new Date(startMs + SEGMENT_S * 1000).toISOString(),
    sha256: hex64(camera * 1e7 + seq),
    chainHash: hex64(camera * 1e7 + seq + 7),
  };
}

/** Appends per second: leaves (with every subtree they close) written to SQLite in batches of 5000. */
export const appends: BenchStep = async ({ db }) => {
  const batch = 5000;
  const started = performance.now();
  for (let done = 0; done < LEAVES; done += batch) {
    const leaves = Array.from({ length: Math.min(batch, LEAVES - done) }, (_, i) => segmentLeaf(fakeSegment(1 + ((done + i) % CAMERAS), 1 + Math.floor((done + i) / CAMERAS))));
    await appendLeaves(db.db, leaves, '2025-06-01T00:00:00.000Z');
  }
  const s = (performance.now() - started) / 1000;
  return { leaves: LEAVES, appendsPerSecond: round(LEAVES / s) };
};

/**
 * Full verification: every leaf hash recomputed from its data and the whole tree rebuilt (one core,
 * no workers), over leaves read from the database; the read is timed apart.
 */
export const verification: BenchStep = async ({ db }) => {
  const readStart = performance.now();
  const data: string[] = [];
  for (let from = 0; ; from += 50_000) {
    const page = await ledgerRepository.leaves(db.db, from, 50_000);
    for (const l of page) data.push(l.data);
    if (page.length < 50_000) break;
  }
  const readS = (performance.now() - readStart) / 1000;
  const started = performance.now();
  const stack: { level: number; hash: Buffer }[] = [];
  for (const d of data) {
    stack.push({ level: 0, hash: leafHash(d) });
    while (stack.length >= 2 && stack[stack.length - 1]?.level === stack[stack.length - 2]?.level) {
      const r = stack.pop() as { level: number; hash: Buffer };
      const l = stack.pop() as { level: number; hash: Buffer };
      stack.push({ level: l.level + 1, hash: nodeHash(l.hash, r.hash) });
    }
  }
  let root = (stack[stack.length - 1] as { hash: Buffer }).hash;
  for (let i = stack.length - 2; i >= 0; i--) root = nodeHash((stack[i] as { hash: Buffer }).hash, root);
  const s = (performance.now() - started) / 1000;
  const stored = await rootAt(db.db, data.length);
  if (!stored.equals(root)) throw new Error('verification bench: recomputed root differs from the stored tree');
  return { verifyLeavesPerSecondPerCore: round(data.length / s), verifyLeavesPerSecondIncludingDbRead: round(data.length / (s + readS)) };
};

/** Inclusion proofs from the stored subtrees (O(log n) nodes in one query per level) and the root. */
export const proofs: BenchStep = async ({ db }) => {
  const size = await ledgerRepository.size(db.db);
  const root = await rootAt(db.db, size);
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const leaf = Math.floor(Math.random() * size);
    const started = performance.now();
    const proof = await inclusionProofAt(db.db, leaf, size);
    times.push(performance.now() - started);
    if (i < 20) {
      const data = (await ledgerRepository.leaf(db.db, leaf))?.data ?? '';
      if (!verifyInclusion(leaf, size, leafHash(data), proof, root)) throw new Error('proof bench: a proof does not verify');
    }
  }
  times.sort((a, b) => a - b);
  return { inclusionProofMsMedian: round(times[500] as number, 3), inclusionProofMsP99: round(times[990] as number, 3) };
};

/**
 * The same rows with both ends of the index range bounded: a camera's segments do not overlap, so
 * the first segment that ends after `from` gives the lowest start to scan from (one seek, then
 * start_at between that start and `to`). listSegments bounds only one end today.
 */
async function boundedRange(handle: DbHandle, range: { cameraId: string; from: string; to: string }) {
  const first = await handle.db.selectFrom('segments').select('startAt').where('cameraId', '=', range.cameraId).where('endAt', '>', range.from).orderBy('endAt').limit(1).executeTakeFirst();
  if (!first) return [];
  return handle.db
    .selectFrom('segments')
    .selectAll()
    .where('cameraId', '=', range.cameraId)
    .where('startAt', '>=', first.startAt)
    .where('startAt', '<', range.to)
    .where('endAt', '>', range.from)
    .orderBy('seq')
    .execute();
}

/** Range lookups (one camera, one hour) through the same query playback uses, on a synthetic segments table. */
export const rangeLookups: BenchStep = async ({ db, file }) => {
  await db.close();
  const raw = new SQLite(file);
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  const perCamera = (DAYS * 86_400) / SEGMENT_S;
  const insert = raw.prepare(
    'insert into segments (id, camera_id, seq, start_at, end_at, duration_ms, bytes, codec, frames, path, sha256, prev_chain_hash, chain_hash, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
  );
  const started = performance.now();
  const many = raw.transaction((camera: number, from: number, to: number) => {
    for (let seq = from; seq < to; seq++) {
      const s = fakeSegment(camera, seq);
      insert.run(s.id, s.cameraId, seq, s.startAt, s.endAt, SEGMENT_S * 1000, 2_500_000, 'h264', 250, `${s.cameraId}/${s.startAt.slice(0, 10).replaceAll('-', '/')}/${seq}-${Date.parse(s.startAt)}.mp4`, s.sha256, hex64(seq), s.chainHash, s.endAt);
    }
  });
  for (let camera = 1; camera <= CAMERAS; camera++) {
    for (let seq = 1; seq <= perCamera; seq += 100_000) many(camera, seq, Math.min(seq + 100_000, perCamera + 1));
  }
  const generateS = (performance.now() - started) / 1000;
  raw.close();
  const handle = connectDatabase(`sqlite:${file}`);
  const times: number[] = [];
  const bounded: number[] = [];
  for (let i = 0; i < 500; i++) {
    const camera = 1 + Math.floor(Math.random() * CAMERAS);
    const from = T0 + Math.floor(Math.random() * (DAYS * 86_400 - 3600)) * 1000;
    const range = { cameraId: fakeSegment(camera, 1).cameraId, from: new Date(from).toISOString(), to: new Date(from + 3_600_000).toISOString() };
    let t = performance.now();
    const rows = await listSegments(handle.db, range);
    times.push(performance.now() - t);
    t = performance.now();
    const two = await boundedRange(handle, range);
    bounded.push(performance.now() - t);
    if (rows.length < 360 || two.length !== rows.length) throw new Error(`range bench: ${rows.length} / ${two.length} rows in an hour`);
  }
  await handle.close();
  times.sort((a, b) => a - b);
  bounded.sort((a, b) => a - b);
  return {
    boundedRangeLookupMsMedian: round(bounded[250] as number, 3),
    boundedRangeLookupMsP99: round(bounded[495] as number, 3),
    segmentRows: CAMERAS * perCamera,
    segmentRowsAtFullScale: 100 * (30 * 86_400) / SEGMENT_S,
    ...(DAYS !== 30 || CAMERAS !== 100 ? { scaledDown: `${DAYS} days × ${CAMERAS} cameras` } : {}),
    generateSeconds: round(generateS, 1),
    rangeLookupMsMedian: round(times[250] as number, 3),
    rangeLookupMsP99: round(times[495] as number, 3),
    rangeLookupRowsPerHour: 360,
  };
};

/**
 * The follower's checkpoint on a grown tree (issue 10): root from the stored subtrees, Ed25519
 * signature, the row, and the anchor file line with its fsync; each after one tick's worth of leaves
 * (100 cameras of 10-s segments in 5 s = 50 leaves). Also the anchor file's size per checkpoint.
 */
export const checkpoints: BenchStep = async ({ db, dir }) => {
  const ledger = new LedgerService({ db: db.db, clock: systemClock, dataDir: dir });
  await ledger.key();
  const runs = Number(process.env.BENCH_CHECKPOINTS ?? 200);
  const times: number[] = [];
  let seq = 10_000_000;
  for (let i = 0; i < runs; i++) {
    const tick = Array.from({ length: 50 }, () => segmentLeaf(fakeSegment(999, seq++)));
    await appendLeaves(db.db, tick, '2025-06-01T00:00:00.000Z');
    const started = performance.now();
    await ledger.checkpoint(true);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const anchorBytes = statSync(ledger.anchorFile).size;
  return {
    checkpointMsMedian: round(times[Math.floor(runs / 2)] as number, 2),
    checkpointMsP99: round(times[Math.floor(runs * 0.99)] as number, 2),
    anchorBytesPerCheckpoint: round(anchorBytes / runs),
    anchorMegabytesPerDayAt5s: round((anchorBytes / runs) * (86_400 / 5) / 1e6, 1),
  };
};

/** Steps in order; rangeLookups closes the shared handle, so it stays last. */
export const STEPS: [string, BenchStep][] = [
  ['appends', appends],
  ['verification', verification],
  ['proofs', proofs],
  ['checkpoints', checkpoints],
  ['rangeLookups', rangeLookups],
];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-ledger-'));
  try {
    const file = path.join(dir, 'bench.db');
    const db = connectDatabase(`sqlite:${file}`);
    await migrateToLatest(db);
    const line: Record<string, unknown> = { bench: 'ledger', sqlite: true, cores: 1 };
    for (const [, step] of STEPS) Object.assign(line, await step({ dir, db, file }));
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
