/**
 * A camera that is no longer recordable (deactivated, or its stream address removed) is not recorded: its
 * time from the end of its last segment on is a CAMERA_DEACTIVATED gap, left open until its next segment,
 * once it is active again, closes it (segment-repository.ts indexSegment).
 */
import type { Db } from '../db/connect.ts';
import { openGapOf, recordGap } from '../recording/gap-repository.ts';
import type { RecordingGap } from '../recording/model.ts';
import { latestSegment } from '../recording/segment-repository.ts';

export const DEACTIVATED_DETAIL = '摄像机已停用或已删除视频流地址,未录像 / the camera was deactivated or its stream address removed: not recording';

/** Opens the camera's CAMERA_DEACTIVATED gap unless a gap is open already (it was offline when it was deactivated). */
export async function openDeactivationGap(db: Db, cameraId: string, now: Date): Promise<RecordingGap | undefined> {
  if (await openGapOf(db, cameraId)) return undefined;
  const last = await latestSegment(db, cameraId);
  if (!last) return undefined;
  return recordGap(db, { cameraId, fromAt: last.endAt, reason: 'CAMERA_DEACTIVATED', detail: DEACTIVATED_DETAIL }, now);
}
