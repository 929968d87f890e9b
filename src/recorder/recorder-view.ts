/**
 * What the API needs of the recording side: status and live fragments. In one process the
 * RecorderService is it; in a cluster the API reads status from PostgreSQL and fetches live fragments
 * from the recorder process holding the camera's lease (src/cluster).
 */
import type { CameraRecordingStatus } from './camera-status.ts';
import type { FragmentTap } from './recorder.ts';

export interface RecorderView {
  status(): CameraRecordingStatus[];
  statusOf(cameraId: string): CameraRecordingStatus | undefined;
  /** Live viewers (src/viewing/live-hub.ts): the camera's init segments and fragments to `tap`, until null. */
  setLiveTap(cameraId: string, tap: FragmentTap | null): void;
}
