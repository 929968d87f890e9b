/**
 * A recorder died holding a camera: from the end of the camera's chain head (its newest segment) to the
 * claim, nothing was recorded. The gap is opened with that reason and the dead node's name; the successor's
 * first segment closes it (indexSegment closes open gaps), and the chain simply continues from its head.
 */
import type { Db } from '../db/connect.ts';
import { recordGap } from '../recording/gap-repository.ts';
import type { RecordingGap } from '../recording/model.ts';
import { latestSegment } from '../recording/segment-repository.ts';

export interface Takeover {
  cameraId: string;
  /** The node whose lease lapsed. */
  lostBy: string;
  /** Its last renewal: where the gap starts when the camera has no segment yet. */
  lastRenewedAt: string;
  claimedAt: string;
}

export async function recordTakeoverGap(db: Db, t: Takeover): Promise<RecordingGap> {
  const head = await latestSegment(db, t.cameraId);
  const fromAt = head?.endAt ?? t.lastRenewedAt;
  const detail = `recorder ${t.lostBy} stopped renewing its lease (last renewed ${t.lastRenewedAt}); taken over at ${t.claimedAt}`;
  return recordGap(db, { cameraId: t.cameraId, fromAt, toAt: null, reason: 'RECORDER_LOST', detail }, new Date(t.claimedAt));
}
