/**
 * custos_recording_seconds_missing_total: a camera's secondsMissing restarts at 0 with each recorder of it
 * (a restart, a resumed suspension, a replaced worker), so the total adds only its increases between looks.
 * It never goes down while the process runs.
 */
import type { CameraRecordingStatus } from './camera-status.ts';

export class SecondsMissingTotal {
  private readonly cameras = new Map<string, { last: number; total: number }>();

  /** Takes in the latest status of every camera; a value below the last one is a new recorder's count from zero. */
  observe(statuses: readonly CameraRecordingStatus[]): void {
    for (const s of statuses) {
      const seen = this.cameras.get(s.cameraId);
      if (!seen) {
        this.cameras.set(s.cameraId, { last: s.secondsMissing, total: s.secondsMissing });
        continue;
      }
      seen.total += s.secondsMissing >= seen.last ? s.secondsMissing - seen.last : s.secondsMissing;
      seen.last = s.secondsMissing;
    }
  }

  totalOf(cameraId: string): number {
    return this.cameras.get(cameraId)?.total ?? 0;
  }
}
