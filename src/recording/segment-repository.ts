/** The segment index: chained inserts, and the lookups playback and the recorder need. */
import type { Db } from '../db/connect.ts';
import { assertLeaseHeld } from '../cluster/fence.ts';
import { ConflictError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { chainHash, genesisHash } from './chain.ts';
import { closeOpenGaps, listGaps } from './gap-repository.ts';
import { isoMs, type FinishedSegment, type RecordingGap, type SegmentRow, type TimeRange } from './model.ts';

/**
 * The camera's last chained segment: the head of its chain. When retention or an order deleted the
 * newest segments, the head is the newest deletion (its tombstone keeps seq and chain hash), so the
 * next segment continues the chain instead of starting it again at seq 1.
 */
export async function chainHead(db: Db, cameraId: string): Promise<{ seq: number; chainHash: string } | undefined> {
  const kept = await db
    .selectFrom('segments')
    .select(['seq', 'chainHash'])
    .where('cameraId', '=', cameraId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const deleted = await db
    .selectFrom('segmentDeletions')
    .select(['segmentSeq as seq', 'chainHash'])
    .where('cameraId', '=', cameraId)
    .orderBy('segmentSeq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return deleted && (!kept || Number(deleted.seq) > kept.seq) ? { seq: Number(deleted.seq), chainHash: deleted.chainHash } : kept;
}

/**
 * Adds a finished segment to the index as the next link of its camera's chain, in one transaction
 * that also closes the camera's open gaps (recording has resumed). The file must already be final.
 * `fence` (cluster mode: this recorder's node id) refuses the row with E_LEASE_LOST unless that node
 * still holds the camera's lease.
 */
export async function indexSegment(db: Db, seg: FinishedSegment, at: Date, fence?: string): Promise<SegmentRow> {
  return db.transaction().execute(async (trx) => {
    if (fence !== undefined) await assertLeaseHeld(trx, seg.cameraId, fence);
    const head = await chainHead(trx, seg.cameraId);
    if (head && seg.seq <= head.seq) {
      throw new ConflictError('E_SEGMENT_SEQ_CONFLICT', {
        message: { zh: `摄像机 ${seg.cameraId} 的录像序号 ${seg.seq} 不在链尾之后`, en: `Segment ${seg.seq} of ${seg.cameraId} does not follow the chain head ${head.seq}` },
        details: { cameraId: seg.cameraId, seq: seg.seq, headSeq: head.seq },
      });
    }
    const prevChainHash = head?.chainHash ?? genesisHash(seg.cameraId);
    const meta = { cameraId: seg.cameraId, seq: seg.seq, startAt: isoMs(seg.startMs), endAt: isoMs(seg.endMs), bytes: seg.bytes, codec: seg.codec, frames: seg.frames };
    const row: SegmentRow = {
      id: newId('seg'),
      ...meta,
      durationMs: seg.endMs - seg.startMs,
      path: seg.path,
      sha256: seg.sha256,
      prevChainHash,
      chainHash: chainHash(prevChainHash, seg.sha256, meta),
      createdAt: at.toISOString(),
      location: seg.location ?? 'local',
      movedAt: null,
    };
    await trx.insertInto('segments').values(row).execute();
    await closeOpenGaps(trx, seg.cameraId, meta.startAt);
    return row;
  });
}

/**
 * No segment is longer than this (the recorder cuts at most `segmentSeconds` ≤ 600 s plus one GOP):
 * the lower bound on start_at that lets a range lookup scan only the neighbourhood of the range on
 * (camera_id, start_at) instead of every earlier segment of the camera.
 */
export const MAX_SEGMENT_SPAN_MS = 3_600_000;

/** Segments that overlap the range, in chain order. */
export async function listSegments(db: Db, range: TimeRange): Promise<SegmentRow[]> {
  let query = db.selectFrom('segments').selectAll().where('cameraId', '=', range.cameraId);
  if (range.to) query = query.where('startAt', '<', range.to);
  if (range.from) {
    query = query.where('endAt', '>', range.from);
    const earliest = Date.parse(range.from) - MAX_SEGMENT_SPAN_MS;
    if (!Number.isNaN(earliest)) query = query.where('startAt', '>', isoMs(earliest));
  }
  return query.orderBy('seq').execute();
}

/** Whether any segment of the camera overlaps [from, to) (one indexed look, for calendars). */
export async function hasSegmentIn(db: Db, cameraId: string, from: string, to: string): Promise<boolean> {
  const earliest = isoMs(Date.parse(from) - MAX_SEGMENT_SPAN_MS);
  const row = await db.selectFrom('segments').select('id').where('cameraId', '=', cameraId).where('startAt', '<', to).where('startAt', '>', earliest).where('endAt', '>', from).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function latestSegment(db: Db, cameraId: string): Promise<SegmentRow | undefined> {
  return db.selectFrom('segments').selectAll().where('cameraId', '=', cameraId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** The newest segment of every camera that has one. */
export async function latestSegments(db: Db): Promise<SegmentRow[]> {
  return db
    .selectFrom('segments as s')
    .innerJoin(
      (eb) => eb.selectFrom('segments').select(['cameraId']).select((e) => e.fn.max('seq').as('maxSeq')).groupBy('cameraId').as('m'),
      (join) => join.onRef('m.cameraId', '=', 's.cameraId').onRef('m.maxSeq', '=', 's.seq'),
    )
    .selectAll('s')
    .orderBy('s.cameraId')
    .execute();
}

export async function camerasWithSegments(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('segments').select('cameraId').distinct().orderBy('cameraId').execute();
  return rows.map((r) => r.cameraId);
}

/** What playback needs for a range: the segments and the gaps between them. */
export async function listRecording(db: Db, range: TimeRange): Promise<{ segments: SegmentRow[]; gaps: RecordingGap[] }> {
  return { segments: await listSegments(db, range), gaps: await listGaps(db, range) };
}
