import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { CameraRecordingStatus } from './camera-status.ts';

/** Where camera recorders run: in this thread, or spread over worker threads. */
export interface RecorderEngine {
  start(cameraId: string, url: string): void;
  stop(cameraId: string): Promise<void>;
  status(): CameraRecordingStatus[];
  statusOf(cameraId: string): CameraRecordingStatus | undefined;
  shutdown(): Promise<void>;
  onAlarm(listener: (alarm: RecordingAlarm) => void): void;
}
