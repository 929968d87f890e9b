/**
 * The time a camera's recorder is not running is a gap with its reason, left open until the camera's
 * next segment closes it (segment-repository.ts indexSegment): SERVER_STOPPED from the end of its last
 * segment when the server stops cleanly; CRASH_RECOVERY when the server starts again and finds the
 * camera's last footage ending before now with no gap open after it (a kill -9 or a power loss right
 * after a segment closed, which left no unfinished segment for crash recovery to find).
 */
import type { Db } from '../db/connect.ts';
import { openGapOf, recordGap } from '../recording/gap-repository.ts';
import type { RecordingGap } from '../recording/model.ts';
import { latestSegment } from '../recording/segment-repository.ts';

export const STOPPED_DETAIL = '服务器已停止,未录像 / the server stopped: not recording';
export const UNCLEAN_STOP_DETAIL = '服务器未正常停止(崩溃、强制结束或断电),其间未录像 / the server did not stop cleanly (crash, kill or power loss): not recorded';

/** A clean stop: the camera's time from the end of its last segment on is a SERVER_STOPPED gap, unless one is open already. */
export async function openStoppedGap(db: Db, cameraId: string, now: Date): Promise<RecordingGap | undefined> {
  if (await openGapOf(db, cameraId)) return undefined;
  const last = await latestSegment(db, cameraId);
  if (!last) return undefined;
  return recordGap(db, { cameraId, fromAt: last.endAt, reason: 'SERVER_STOPPED', detail: STOPPED_DETAIL }, now);
}

/** A start: footage that ends before now with no gap open after it means the last run ended without saying so. */
export async function openUncleanStopGap(db: Db, cameraId: string, now: Date): Promise<RecordingGap | undefined> {
  if (await openGapOf(db, cameraId)) return undefined;
  const last = await latestSegment(db, cameraId);
  if (!last || Date.parse(last.endAt) >= now.getTime()) return undefined;
  return recordGap(db, { cameraId, fromAt: last.endAt, reason: 'CRASH_RECOVERY', detail: UNCLEAN_STOP_DETAIL }, now);
}
