/** Reads of the deletion log (segment_deletions) that the chain verifier needs: a camera's tombstones by seq. */
import type { Db } from '../db/connect.ts';

export interface Tombstone {
  segmentSeq: number;
  prevChainHash: string;
  chainHash: string;
}

export async function tombstonesOf(db: Db, cameraId: string): Promise<Map<number, Tombstone>> {
  const rows = await db.selectFrom('segmentDeletions').select(['segmentSeq', 'prevChainHash', 'chainHash']).where('cameraId', '=', cameraId).execute();
  return new Map(rows.map((r) => [Number(r.segmentSeq), { ...r, segmentSeq: Number(r.segmentSeq) }]));
}

export async function camerasWithTombstones(db: Db): Promise<string[]> {
  return (await db.selectFrom('segmentDeletions').select('cameraId').distinct().execute()).map((r) => r.cameraId);
}
