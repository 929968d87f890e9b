/**
 * A camera's status as a recorder process reported it (recorder_camera_status), read by an API process:
 * a report older than twice the lease time, or from a recorder that stopped or died, shows the camera
 * offline and names the recorder lost; the rest is the report itself, with the recorder's node id.
 */
import { z } from 'zod';
import { cameraRecordingStatusSchema } from '../recorder/camera-status-schema.ts';
import type { CameraRecordingStatus } from '../recorder/camera-status.ts';
import { instantMs, type RecorderNodeRow, type RecorderNodeState, type ReportedStatusRow } from './cluster-reads.ts';

// A recorder of an earlier version, still running during an upgrade, reports no keep-alive count.
const reported = cameraRecordingStatusSchema.omit({ nodeId: true }).extend({ keepAlivesUnanswered: z.number().default(0) });

export interface ReportContext {
  nowMs: number;
  leaseSeconds: number;
  /** The reporting node's row and its state; undefined when the row is gone. */
  node: { row: RecorderNodeRow; state: RecorderNodeState } | undefined;
}

/** The status to show for one reported row; undefined when the row cannot be read. */
export function statusFromReport(row: ReportedStatusRow, context: ReportContext): CameraRecordingStatus | undefined {
  let parsed;
  try {
    parsed = reported.safeParse(JSON.parse(row.status));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const status: CameraRecordingStatus = { ...parsed.data, cameraId: row.cameraId, nodeId: row.nodeId };
  const stale = !(context.nowMs - instantMs(row.updatedAt) <= context.leaseSeconds * 2000);
  const nodeState = context.node?.state ?? 'lost';
  if (!stale && nodeState === 'alive') return status;
  const why = nodeState === 'stopped' ? 'stopped' : 'lost';
  const reason = `recorder ${row.nodeId} ${why}: no report since ${row.updatedAt}`;
  return { ...status, state: 'offline', reason, lastError: reason, since: row.updatedAt, fps: 0, bitrateBps: 0 };
}
