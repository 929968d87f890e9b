/**
 * The ledger follower: appends a leaf for every new row of its four sources, off the recorder's hot
 * path, in a stable order (segments by camera and chain seq, then deletions, register entries and
 * history entries by their seq). Each source's cursor moves in the same transaction as its leaves.
 */
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import { withChainLock } from './hash-chain.ts';
import { historyLeaf, registerLeaf, segmentLeaf, tombstoneLeaf, type NewLeaf } from './leaves.ts';
import { ledgerRepository as repo } from './ledger-repository.ts';
import { sourceRepository as sources } from './source-repository.ts';
import { appendLeaves, LEDGER_LOCK } from './tree.ts';

const BATCH = 5000;
/** Deletions are re-read this far behind the cursor: on PostgreSQL a lower seq can commit after a higher one. */
const DELETION_WINDOW = 1000;

export interface SyncResult {
  appended: { SEGMENT: number; TOMBSTONE: number; REGISTER: number; HISTORY: number };
  size: number;
}

type Step = (tx: Db, at: string) => Promise<number>;

export async function followOnce(db: Db, clock: Clock): Promise<SyncResult> {
  const appended = { SEGMENT: 0, TOMBSTONE: 0, REGISTER: 0, HISTORY: 0 };
  const steps: [keyof typeof appended, Step][] = [
    ['SEGMENT', segmentsStep],
    ['TOMBSTONE', deletionsStep],
    ['REGISTER', registerStep],
    ['HISTORY', historyStep],
  ];
  for (const [kind, step] of steps) {
    for (;;) {
      const n = await withChainLock(db, LEDGER_LOCK, (tx) => step(tx as unknown as Db, clock.now().toISOString()));
      appended[kind] += n;
      if (n < BATCH) break;
    }
  }
  return { appended, size: await repo.size(db) };
}

async function segmentsStep(tx: Db, at: string): Promise<number> {
  const cursor = JSON.parse((await repo.cursor(tx, 'SEGMENT')) ?? '{}') as Record<string, number>;
  const leaves: NewLeaf[] = [];
  for (const cameraId of await sources.segmentCameras(tx)) {
    if (leaves.length >= BATCH) break;
    const rows = await sources.segmentsAfter(tx, cameraId, cursor[cameraId] ?? 0, BATCH - leaves.length);
    for (const row of rows) leaves.push(segmentLeaf(row));
    const last = rows[rows.length - 1];
    if (last) cursor[cameraId] = last.seq;
  }
  await appendLeaves(tx, leaves, at);
  if (leaves.length) await repo.setCursor(tx, 'SEGMENT', JSON.stringify(cursor), at);
  return leaves.length;
}

async function deletionsStep(tx: Db, at: string): Promise<number> {
  const after = Number((await repo.cursor(tx, 'TOMBSTONE')) ?? '0');
  const rows = await sources.deletionsAfter(tx, Math.max(0, after - DELETION_WINDOW), BATCH + DELETION_WINDOW);
  const present = await repo.refsPresent(tx, 'TOMBSTONE', rows.map((r) => r.id));
  const fresh = rows.filter((r) => !present.has(r.id)).slice(0, BATCH);
  await appendLeaves(tx, fresh.map(tombstoneLeaf), at);
  const last = rows[rows.length - 1];
  if (last && last.seq > after) await repo.setCursor(tx, 'TOMBSTONE', String(last.seq), at);
  return fresh.length;
}

async function registerStep(tx: Db, at: string): Promise<number> {
  const after = Number((await repo.cursor(tx, 'REGISTER')) ?? '0');
  const rows = await sources.registerAfter(tx, after, BATCH);
  await appendLeaves(tx, rows.map((r) => registerLeaf(r.seq, r.id, r.entryHash)), at);
  const last = rows[rows.length - 1];
  if (last) await repo.setCursor(tx, 'REGISTER', String(last.seq), at);
  return rows.length;
}

async function historyStep(tx: Db, at: string): Promise<number> {
  const after = Number((await repo.cursor(tx, 'HISTORY')) ?? '0');
  const rows = await sources.historyAfter(tx, after, BATCH);
  await appendLeaves(tx, rows.map((r) => historyLeaf(r.seq, r.entryHash ?? '')), at);
  const last = rows[rows.length - 1];
  if (last) await repo.setCursor(tx, 'HISTORY', String(last.seq), at);
  return rows.length;
}
