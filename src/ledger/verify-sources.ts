/**
 * Each leaf against the row it stands for: a segment leaf whose segment is gone needs a tombstone
 * with the same hashes; a register or history leaf must still match its entry's hash.
 */
import type { Db } from '../db/connect.ts';
import type { LedgerLeavesTable } from '../db/ledger-tables.ts';
import { historyLeaf, parseSegmentLeaf, registerLeaf, segmentLeaf, tombstoneLeaf } from './leaves.ts';
import { ledgerRepository as repo } from './ledger-repository.ts';
import { sourceRepository as sources } from './source-repository.ts';
import type { Problems, ProgressFn } from './verify-model.ts';

const PAGE = 2000;

export async function verifySources(db: Db, size: number, problems: Problems, onProgress: ProgressFn): Promise<void> {
  const progress = { phase: 'sources' as const, done: 0, total: size };
  onProgress({ ...progress });
  for (let from = 0; from < size; from += PAGE) {
    const page = await repo.leaves(db, from, Math.min(PAGE, size - from));
    const of = (kind: string) => page.filter((l) => l.kind === kind);
    await checkSegments(db, of('SEGMENT'), problems);
    await checkTombstones(db, of('TOMBSTONE'), problems);
    await checkEntries(db, of('REGISTER'), 'accessRegister', problems);
    await checkEntries(db, of('HISTORY'), 'history', problems);
    progress.done += page.length;
    onProgress({ ...progress });
  }
}

const mismatch = (leaf: LedgerLeavesTable, what: string) => ({ layer: 'LEAF_SOURCE' as const, code: 'LEAF_MISMATCH', ref: `leaf ${leaf.idx}`, detail: `${what} no longer matches leaf ${leaf.idx} (${leaf.kind} ${leaf.ref})` });

async function checkSegments(db: Db, leaves: LedgerLeavesTable[], problems: Problems): Promise<void> {
  if (leaves.length === 0) return;
  const rows = await sources.segmentsByIds(db, leaves.map((l) => l.ref));
  const gone = leaves.filter((l) => !rows.has(l.ref));
  const tombs = await sources.deletionsOfSegments(db, gone.map((l) => l.ref));
  for (const leaf of leaves) {
    const row = rows.get(leaf.ref);
    if (row) {
      if (segmentLeaf(row).data !== leaf.data) problems.add(mismatch(leaf, `segment ${row.cameraId}#${row.seq}`));
      continue;
    }
    const logged = parseSegmentLeaf(leaf.data);
    const tomb = tombs.get(leaf.ref);
    if (!tomb || !logged || tomb.sha256 !== logged.sha256 || tomb.chainHash !== logged.chainHash) {
      problems.add({
        layer: 'LEAF_SOURCE',
        code: 'SEGMENT_GONE_WITHOUT_TOMBSTONE',
        ref: `leaf ${leaf.idx}`,
        detail: `segment ${logged ? `${logged.cameraId}#${logged.seq}` : leaf.ref} (leaf ${leaf.idx}) is gone and no tombstone with its hashes records a deletion`,
      });
    }
  }
}

async function checkTombstones(db: Db, leaves: LedgerLeavesTable[], problems: Problems): Promise<void> {
  if (leaves.length === 0) return;
  const rows = await sources.deletionsByIds(db, leaves.map((l) => l.ref));
  for (const leaf of leaves) {
    const row = rows.get(leaf.ref);
    if (!row) problems.add({ layer: 'LEAF_SOURCE', code: 'TOMBSTONE_GONE', ref: `leaf ${leaf.idx}`, detail: `deletion record ${leaf.ref} (leaf ${leaf.idx}) is gone` });
    else if (tombstoneLeaf(row).data !== leaf.data) problems.add(mismatch(leaf, `deletion record ${leaf.ref}`));
  }
}

export async function checkEntries(db: Db, leaves: LedgerLeavesTable[], table: 'accessRegister' | 'history', problems: Problems): Promise<void> {
  if (leaves.length === 0) return;
  const seqs = leaves.map((l) => Number(l.ref));
  const found = new Map<number, { id?: string; entryHash: string | null }>();
  for (let i = 0; i < seqs.length; i += 400) {
    const chunk = seqs.slice(i, i + 400);
    if (table === 'accessRegister') {
      for (const r of await db.selectFrom('accessRegister').select(['seq', 'id', 'entryHash']).where('seq', 'in', chunk).execute()) found.set(Number(r.seq), r);
    } else {
      for (const r of await db.selectFrom('history').select(['seq', 'entryHash']).where('seq', 'in', chunk).execute()) found.set(Number(r.seq), r);
    }
  }
  const name = table === 'accessRegister' ? 'register entry' : 'history entry';
  for (const leaf of leaves) {
    const row = found.get(Number(leaf.ref));
    const expected = row ? (table === 'accessRegister' ? registerLeaf(Number(leaf.ref), row.id ?? '', row.entryHash ?? '') : historyLeaf(Number(leaf.ref), row.entryHash ?? '')) : undefined;
    if (!row) problems.add({ layer: 'LEAF_SOURCE', code: 'ENTRY_GONE', ref: `leaf ${leaf.idx}`, detail: `${name} ${leaf.ref} (leaf ${leaf.idx}) is gone` });
    else if (expected?.data !== leaf.data) problems.add(mismatch(leaf, `${name} ${leaf.ref}`));
  }
}
