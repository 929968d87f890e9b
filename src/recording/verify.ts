/**
 * Checks the recordings against their index and the index against its chain (REG-15-4): every file
 * is hashed again (streaming), every link recomputed. Reports a changed byte (HASH_MISMATCH), a
 * deleted file (MISSING_FILE), a deleted row (MISSING_ROW: a gap in the sequence, or a file no row
 * names), rows swapped or moved (REORDERED) and an altered row (CHAIN_BROKEN). A segment deleted
 * through retention or an order leaves a tombstone (segment_deletions) that keeps its place in the
 * chain: it is not missing. Row and file gone without one is SEGMENT_GONE_WITHOUT_TOMBSTONE; a
 * tombstone whose file is still there is TOMBSTONED_FILE_PRESENT. Fixes nothing.
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
import { camerasWithTombstones, tombstonesOf, type Tombstone } from './tombstones.ts';
import type { SegmentReader } from './segment-store.ts';
import { NotFoundError } from '../shared/errors.ts';

export type ChainProblemKind = 'HASH_MISMATCH' | 'MISSING_FILE' | 'MISSING_ROW' | 'CHAIN_BROKEN' | 'REORDERED' | 'SEGMENT_GONE_WITHOUT_TOMBSTONE' | 'TOMBSTONED_FILE_PRESENT';

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
  /** The object store, for rows whose location is 's3' (config `storage`); without it those are MISSING_FILE. */
  objects?: SegmentReader | undefined;
  onProgress?: (p: VerifyProgress) => void;
}

const PAGE = 1000;
const MAX_PROBLEMS = 1000;

interface Run {
  db: Db;
  root: string;
  fs: SegmentFs;
  objects: SegmentReader | undefined;
  problems: ChainProblem[];
  progress: VerifyProgress;
  onProgress: (p: VerifyProgress) => void;
}

export async function verifyChain(db: Db, root: string, cameraId?: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const fs = options.fs ?? nodeSegmentFs;
  const absRoot = path.resolve(root);
  const cameras = cameraId ? [cameraId] : [...new Set([...(await camerasWithSegments(db)), ...(await camerasWithTombstones(db)), ...(await fs.list(absRoot)).filter(isCameraId)])].sort();
  let total = db.selectFrom('segments').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (cameraId) total = total.where('cameraId', '=', cameraId);
  const progress: VerifyProgress = { phase: 'verify', done: 0, total: Number((await total.executeTakeFirstOrThrow()).n) };
  const run: Run = { db, root: absRoot, fs, objects: options.objects, problems: [], progress, onProgress: options.onProgress ?? (() => undefined) };
  run.onProgress({ ...progress });
  for (const camera of cameras) await verifyCamera(run, camera);
  const [firstProblem] = run.problems;
  return { ok: run.problems.length === 0, checked: progress.done, ...(firstProblem ? { firstProblem } : {}), problems: run.problems };
}

function report(run: Run, problem: ChainProblem): void {
  if (run.problems.length < MAX_PROBLEMS) run.problems.push(problem);
}

interface Camera {
  id: string;
  tombs: Map<number, Tombstone>;
  /** Seqs that have a (final) file on disk. */
  files: Map<number, string>;
}

async function verifyCamera(run: Run, cameraId: string): Promise<void> {
  const files = isCameraId(cameraId) ? (await segmentFiles(run.fs, run.root, cameraId, await dayFolders(run.fs, path.join(run.root, cameraId)))).filter((f) => !f.partial) : [];
  const cam: Camera = { id: cameraId, tombs: await tombstonesOf(run.db, cameraId), files: new Map(files.map((f) => [f.seq, f.rel])) };
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
      await checkLink(run, cam, row, prev);
      await checkFile(run, row);
      prev = row;
      run.progress.done++;
      run.onProgress({ ...run.progress });
    }
    if (page.length < PAGE) break;
  }
  // Deleted after the newest row kept: each needs its tombstone too.
  let last = 0;
  for (const seq of cam.tombs.keys()) last = Math.max(last, seq);
  if (last > (prev?.seq ?? 0)) walkGap(run, cam, (prev?.seq ?? 0) + 1, last + 1, prev?.chainHash ?? genesisHash(cameraId), last);
  for (const file of files) {
    if (named.has(file.rel)) continue;
    if (cam.tombs.has(file.seq)) report(run, { cameraId, seq: file.seq, kind: 'TOMBSTONED_FILE_PRESENT', detail: `${file.rel}: the deletion log records segment ${file.seq} as deleted, yet its file is still there` });
    else report(run, { cameraId, seq: file.seq, kind: 'MISSING_ROW', detail: `${file.rel} has no index row` });
  }
}

/**
 * Seqs [from, to) have no row: each must have a tombstone linking on from `prevHash`. Reports the
 * seqs without one (MISSING_ROW when their file is still there, else SEGMENT_GONE_WITHOUT_TOMBSTONE)
 * against `at`; returns the chain hash the next row must link to, undefined when the walk broke.
 */
function walkGap(run: Run, cam: Camera, from: number, to: number, prevHash: string, at: number): string | undefined {
  const rowless: number[] = [];
  const gone: number[] = [];
  let hash: string | undefined = prevHash;
  for (let seq = from; seq < to; seq++) {
    const tomb = cam.tombs.get(seq);
    if (!tomb) {
      (cam.files.has(seq) ? rowless : gone).push(seq);
      hash = undefined;
      continue;
    }
    if (hash !== undefined && tomb.prevChainHash !== hash) report(run, { cameraId: cam.id, seq, kind: 'CHAIN_BROKEN', detail: `the tombstone of segment ${seq} does not link to the previous chain hash` });
    hash = tomb.chainHash;
  }
  const span = (seqs: number[]) => `${seqs[0]}..${seqs[seqs.length - 1]}`;
  if (rowless.length) report(run, { cameraId: cam.id, seq: at, kind: 'MISSING_ROW', detail: `rows ${span(rowless)} are missing` });
  if (gone.length) report(run, { cameraId: cam.id, seq: gone[0] as number, kind: 'SEGMENT_GONE_WITHOUT_TOMBSTONE', detail: `segments ${span(gone)} are gone (row and file) and no tombstone records their deletion` });
  return rowless.length || gone.length ? undefined : hash;
}

async function checkLink(run: Run, cam: Camera, row: SegmentRow, prev: SegmentRow | undefined): Promise<void> {
  const at = { cameraId: row.cameraId, seq: row.seq };
  const expectedSeq = (prev?.seq ?? 0) + 1;
  const prevHash = prev?.chainHash ?? genesisHash(row.cameraId);
  const linkTo = row.seq > expectedSeq ? walkGap(run, cam, expectedSeq, row.seq, prevHash, row.seq) : prevHash;
  if (linkTo === undefined) {
    // A gap without tombstones: reported; the row's own hash is still checked below.
  } else if (row.prevChainHash !== linkTo) {
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
  if (row.location === 's3') return checkObject(run, row);
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
  checkHash(run, row, hash.digest('hex'), bytes);
}

/** A segment in the object store: its object hashed again like a file. */
async function checkObject(run: Run, row: SegmentRow): Promise<void> {
  const at = { cameraId: row.cameraId, seq: row.seq };
  if (!run.objects) {
    report(run, { ...at, kind: 'MISSING_FILE', detail: `${row.path} is in the object store, which is not configured (storage.mode local)` });
    return;
  }
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of await run.objects.openRead(row.path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    report(run, { ...at, kind: 'MISSING_FILE', detail: `${row.path} is missing from the object store` });
    return;
  }
  checkHash(run, row, hash.digest('hex'), bytes);
}

function checkHash(run: Run, row: SegmentRow, sha256: string, bytes: number): void {
  if (sha256 !== row.sha256 || bytes !== row.bytes) report(run, { cameraId: row.cameraId, seq: row.seq, kind: 'HASH_MISMATCH', detail: `${row.path}: ${bytes} bytes, sha256 ${sha256}; index says ${row.bytes} bytes, ${row.sha256}` });
}
