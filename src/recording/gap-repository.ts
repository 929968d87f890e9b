/** Recording gaps (REG-15-8): intervals with no footage, recorded with their reason instead of papered over. */
import type { Db } from '../db/connect.ts';
import { newId } from '../shared/ids.ts';
import type { GapReason, RecordingGap, TimeRange } from './model.ts';

export interface GapInput {
  cameraId: string;
  fromAt: string;
  /** Leave out to open a gap that the camera's next segment closes. */
  toAt?: string | null;
  reason: GapReason;
  detail?: string | null;
}

export async function recordGap(db: Db, gap: GapInput, at: Date): Promise<RecordingGap> {
  const row: RecordingGap = {
    id: newId('gap'),
    cameraId: gap.cameraId,
    fromAt: gap.fromAt,
    toAt: gap.toAt ?? null,
    reason: gap.reason,
    detail: gap.detail ?? null,
    createdAt: at.toISOString(),
  };
  await db.insertInto('recordingGaps').values(row).execute();
  return row;
}

/** Ends the camera's open gaps that began before `toAt`. */
export async function closeOpenGaps(db: Db, cameraId: string, toAt: string): Promise<void> {
  await db
    .updateTable('recordingGaps')
    .set({ toAt })
    .where('cameraId', '=', cameraId)
    .where('toAt', 'is', null)
    .where('fromAt', '<=', toAt)
    .execute();
}

/** The camera's open gap (the oldest, should there be several), if any. */
export async function openGapOf(db: Db, cameraId: string): Promise<RecordingGap | undefined> {
  const row = await db.selectFrom('recordingGaps').selectAll().where('cameraId', '=', cameraId).where('toAt', 'is', null).orderBy('fromAt').limit(1).executeTakeFirst();
  return row as RecordingGap | undefined;
}

/** Gaps that overlap the range (an open gap reaches to now), oldest first. */
export async function listGaps(db: Db, range: TimeRange): Promise<RecordingGap[]> {
  let query = db.selectFrom('recordingGaps').selectAll().where('cameraId', '=', range.cameraId);
  if (range.to) query = query.where('fromAt', '<', range.to);
  const from = range.from;
  if (from) query = query.where((eb) => eb.or([eb('toAt', 'is', null), eb('toAt', '>', from)]));
  const rows = await query.orderBy('fromAt').orderBy('id').execute();
  return rows as RecordingGap[];
}
