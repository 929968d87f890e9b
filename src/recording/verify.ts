/**
 * Checks the recordings against their index and the index against its chain (REG-15-4): every file
 * is hashed again (streaming), every link recomputed. Reports a changed byte (HASH_MISMATCH), a
 * deleted file (MISSING_FILE), a deleted row (MISSING_ROW: a gap in the sequence, or a file no row
 * names), rows swapped or moved (REORDERED) and an altered row (CHAIN_BROKEN). Fixes nothing.
 * A chain rewritten from the tampered segment onwards verifies here; the ledger's signed checkpoints
 * are what catch that.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import { chainHash, genesisHash } from './chain.ts';
import type { SegmentRow } from './model.ts';
import { nodeSegmentFs, type SegmentFs } from './segment-fs.ts';
import { isCameraId, resolveInRoot } from './segment-paths.ts';
import { dayFolders, segmentFiles } from './segment-scan.ts';
import { camerasWithSegments } from './segment-repository.ts';

export type ChainProblemKind = 'HASH_MISMATCH' | 'MISSING_FILE' | 'MISSING_ROW' | 'CHAIN_BROKEN' | 'REORDERED';

export interface ChainProblem {
  cameraId: string;
  seq: number;
  kind: ChainProblemKind;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Segments (rows) checked. */
  checked: number;
  firstProblem?: ChainProblem;
  /** Every problem found, up to MAX_PROBLEMS. */
  problems: ChainProblem[];
}

export interface VerifyProgress {
  phase: 'verify';
  done: number;
  total: number;
}

export interface VerifyOptions {
  fs?: SegmentFs;
  onProgress?: (p: VerifyProgress) => void;
}

const PAGE = 1000;
const MAX_PROBLEMS = 1000;

interface Run {
  db: Db;
  root: string;
  fs: SegmentFs;
  problems: ChainProblem[];
  progress: VerifyProgress;
  onProgress: (p: VerifyProgress) => void;
}

export async function verifyChain(db: Db, root: string, cameraId?: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const fs = options.fs ?? nodeSegmentFs;
  const absRoot = path.resolve(root);
  const cameras = cameraId ? [cameraId] : [...new Set([...(await camerasWithSegments(db)), ...(await fs.list(absRoot)).filter(isCameraId)])].sort();
  let total = db.selectFrom('segments').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (cameraId) total = total.where('cameraId', '=', cameraId);
  const progress: VerifyProgress = { phase: 'verify', done: 0, total: Number((await total.executeTakeFirstOrThrow()).n) };
  const run: Run = { db, root: absRoot, fs, problems: [], progress, onProgress: options.onProgress ?? (() => undefined) };
  run.onProgress({ ...progress });
  for (const camera of cameras) await verifyCamera(run, camera);
  const [firstProblem] = run.problems;
  return { ok: run.problems.length === 0, checked: progress.done, ...(firstProblem ? { firstProblem } : {}), problems: run.problems };
}

function report(run: Run, problem: ChainProblem): void {
  if (run.problems.length < MAX_PROBLEMS) run.problems.push(problem);
}

async function verifyCamera(run: Run, cameraId: string): Promise<void> {
  const named = new Set<string>();
  let prev: SegmentRow | undefined;
  for (;;) {
    const page = await run.db
      .selectFrom('segments')
      .selectAll()
      .where('cameraId', '=', cameraId)
      .where('seq', '>', prev?.seq ?? 0)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      named.add(row.path);
      await checkLink(run, row, prev);
      await checkFile(run, row);
      prev = row;
      run.progress.done++;
      run.onProgress({ ...run.progress });
    }
    if (page.length < PAGE) break;
  }
  if (!isCameraId(cameraId)) return;
  const days = await dayFolders(run.fs, path.join(run.root, cameraId));
  for (const file of await segmentFiles(run.fs, run.root, cameraId, days)) {
    if (!file.partial && !named.has(file.rel)) report(run, { cameraId, seq: file.seq, kind: 'MISSING_ROW', detail: `${file.rel} has no index row` });
  }
}

async function checkLink(run: Run, row: SegmentRow, prev: SegmentRow | undefined): Promise<void> {
  const at = { cameraId: row.cameraId, seq: row.seq };
  const expectedSeq = (prev?.seq ?? 0) + 1;
  if (row.seq !== expectedSeq) {
    report(run, { ...at, kind: 'MISSING_ROW', detail: `rows ${expectedSeq}..${row.seq - 1} are missing` });
  } else if (row.prevChainHash !== (prev?.chainHash ?? genesisHash(row.cameraId))) {
    const other = await run.db.selectFrom('segments').select('seq').where('cameraId', '=', row.cameraId).where('chainHash', '=', row.prevChainHash).executeTakeFirst();
    report(run, other ? { ...at, kind: 'REORDERED', detail: `links to segment ${other.seq}, not to ${prev?.seq ?? 'the genesis'}` } : { ...at, kind: 'CHAIN_BROKEN', detail: 'previous chain hash does not match' });
    return;
  } else if (prev && row.startAt < prev.startAt) {
    report(run, { ...at, kind: 'REORDERED', detail: `starts at ${row.startAt}, before segment ${prev.seq} (${prev.startAt})` });
    return;
  }
  if (chainHash(row.prevChainHash, row.sha256, row) !== row.chainHash) report(run, { ...at, kind: 'CHAIN_BROKEN', detail: 'the row does not match its chain hash' });
}

async function checkFile(run: Run, row: SegmentRow): Promise<void> {
  const at = { cameraId: row.cameraId, seq: row.seq };
  let file: string;
  try {
    file = resolveInRoot(run.root, row.path);
  } catch {
    report(run, { ...at, kind: 'MISSING_FILE', detail: `${row.path} lies outside the segments root` });
    return;
  }
  if (!(await run.fs.stat(file))?.isFile) {
    report(run, { ...at, kind: 'MISSING_FILE', detail: `${row.path} is missing` });
    return;
  }
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of run.fs.readStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== row.sha256 || bytes !== row.bytes) report(run, { ...at, kind: 'HASH_MISMATCH', detail: `${row.path}: ${bytes} bytes, sha256 ${sha256}; index says ${row.bytes} bytes, ${row.sha256}` });
}
