/**
 * Counters of /metrics from a camera's status (custos_recording_seconds_missing_total,
 * custos_camera_keepalives_unanswered_total): a status count restarts at 0 with each recorder of the camera
 * (a restart, a resumed suspension, a replaced worker), so the total adds only its increases between looks.
 * It never goes down while the process runs.
 */
import type { CameraRecordingStatus } from './camera-status.ts';

export class StatusCountTotal {
  private readonly cameras = new Map<string, { last: number; total: number }>();

  constructor(private readonly countOf: (status: CameraRecordingStatus) => number) {}

  /** Takes in the latest status of every camera; a value below the last one is a new recorder's count from zero. */
  observe(statuses: readonly CameraRecordingStatus[]): void {
    for (const s of statuses) {
      const count = this.countOf(s);
      const seen = this.cameras.get(s.cameraId);
      if (!seen) {
        this.cameras.set(s.cameraId, { last: count, total: count });
        continue;
      }
      seen.total += count >= seen.last ? count - seen.last : count;
      seen.last = count;
    }
  }

  totalOf(cameraId: string): number {
    return this.cameras.get(cameraId)?.total ?? 0;
  }
}
