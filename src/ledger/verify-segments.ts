/**
 * Segments against their files and their per-camera chains, through deletions: each file is hashed
 * again; each link recomputed; a missing seq is accepted only where a tombstone keeps its place in
 * the chain (its prev and chain hash link the neighbours).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import { chainHash, genesisHash } from '../recording/chain.ts';
import type { SegmentRow } from '../recording/model.ts';
import type { SegmentReader } from '../recording/segment-store.ts';
import { sourceRepository as sources, type DeletionRow } from './source-repository.ts';
import type { Problems, ProgressFn } from './verify-model.ts';

const PAGE = 1000;

interface Walk {
  cameraId: string;
  expected: number;
  prev: string;
  problems: Problems;
}

export async function verifySegments(db: Db, store: SegmentReader, problems: Problems, onProgress: ProgressFn): Promise<void> {
  const cameras = [...new Set([...(await sources.segmentCameras(db)), ...(await sources.deletionCameras(db))])].sort();
  const total = Number((await db.selectFrom('segments').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const progress = { phase: 'segments' as const, done: 0, total };
  onProgress({ ...progress });
  for (const cameraId of cameras) {
    const tombs = new Map<number, DeletionRow>((await sources.deletionsOfCamera(db, cameraId)).map((d) => [d.segmentSeq, d]));
    const walk: Walk = { cameraId, expected: 1, prev: genesisHash(cameraId), problems };
    let after = 0;
    for (;;) {
      const page = await sources.segmentsAfter(db, cameraId, after, PAGE);
      for (const row of page) {
        await checkRow(db, store, walk, tombs, row);
        progress.done++;
        if (progress.done % 200 === 0) onProgress({ ...progress });
      }
      if (page.length < PAGE) break;
      after = (page[page.length - 1] as SegmentRow).seq;
    }
    // Deleted segments after the last one kept.
    const last = Math.max(0, ...tombs.keys());
    while (walk.expected <= last) stepTombstone(walk, tombs.get(walk.expected));
  }
  onProgress({ ...progress });
}

/** Moves the walk over one deleted seq; false when there is no tombstone for it. */
function stepTombstone(walk: Walk, tomb: DeletionRow | undefined): boolean {
  const ref = `${walk.cameraId}#${walk.expected}`;
  if (!tomb) {
    walk.problems.add({ layer: 'SEGMENT_CHAIN', code: 'MISSING_ROW', ref, detail: `segment ${walk.expected} of ${walk.cameraId} is gone and no tombstone records its deletion` });
    return false;
  }
  if (tomb.prevChainHash !== walk.prev) walk.problems.add({ layer: 'SEGMENT_CHAIN', code: 'CHAIN_BROKEN', ref, detail: `the tombstone of segment ${walk.expected} does not link to the previous chain hash` });
  walk.prev = tomb.chainHash;
  walk.expected++;
  return true;
}

async function checkRow(db: Db, store: SegmentReader, walk: Walk, tombs: Map<number, DeletionRow>, row: SegmentRow): Promise<void> {
  const ref = `${row.cameraId}#${row.seq}`;
  while (walk.expected < row.seq) {
    if (!stepTombstone(walk, tombs.get(walk.expected))) {
      walk.expected = row.seq;
      walk.prev = row.prevChainHash;
    }
  }
  if (row.prevChainHash !== walk.prev) {
    const other = await db.selectFrom('segments').select('seq').where('cameraId', '=', row.cameraId).where('chainHash', '=', row.prevChainHash).executeTakeFirst();
    walk.problems.add(
      other
        ? { layer: 'SEGMENT_CHAIN', code: 'REORDERED', ref, detail: `segment ${row.seq} links to segment ${other.seq}, not to its predecessor` }
        : { layer: 'SEGMENT_CHAIN', code: 'CHAIN_BROKEN', ref, detail: `segment ${row.seq}: previous chain hash does not match` },
    );
  } else if (chainHash(row.prevChainHash, row.sha256, row) !== row.chainHash) {
    walk.problems.add({ layer: 'SEGMENT_CHAIN', code: 'CHAIN_BROKEN', ref, detail: `segment ${row.seq}: the row does not match its chain hash` });
  }
  walk.prev = row.chainHash;
  walk.expected = row.seq + 1;
  await checkFile(store, walk.problems, row, ref);
}

async function checkFile(store: SegmentReader, problems: Problems, row: SegmentRow, ref: string): Promise<void> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of await store.openRead(row.path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch {
    problems.add({ layer: 'SEGMENT_FILE', code: 'MISSING_FILE', ref, detail: `${row.path} is missing or unreadable` });
    return;
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== row.sha256 || bytes !== Number(row.bytes)) {
    problems.add({ layer: 'SEGMENT_FILE', code: 'HASH_MISMATCH', ref, detail: `${row.path}: ${bytes} bytes, sha256 ${sha256}; the index says ${row.bytes} bytes, ${row.sha256}` });
  }
}
