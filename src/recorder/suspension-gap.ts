/**
 * A camera whose recording the capacity policy suspended (retention/capacity-service.ts) is not recorded:
 * that time is a RECORDING_SUSPENDED gap from the end of its last segment, left open until its next
 * segment, when it resumes, closes it (segment-repository.ts indexSegment).
 */
import type { Db } from '../db/connect.ts';
import { openGapOf, recordGap } from '../recording/gap-repository.ts';
import { latestSegment } from '../recording/segment-repository.ts';

export const SUSPENDED_REASON = 'recording suspended: storage exhausted';
const DETAIL = '存储不足,录像已暂停 / storage exhausted: recording suspended';

/**
 * Opens the camera's RECORDING_SUSPENDED gap unless a gap is open already (a connection lost before, an
 * earlier run of this service, another node). Returns where the camera's open gap begins (ms), if it has one.
 */
export async function openSuspensionGap(db: Db, cameraId: string, now: Date): Promise<number | undefined> {
  const open = await openGapOf(db, cameraId);
  if (open) return Date.parse(open.fromAt);
  const last = await latestSegment(db, cameraId);
  if (!last) return undefined;
  await recordGap(db, { cameraId, fromAt: last.endAt, reason: 'RECORDING_SUSPENDED', detail: DETAIL }, now);
  return Date.parse(last.endAt);
}
