import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import type { FragmentTap } from './recorder.ts';
import type { TamperChange, TamperSettings } from '../analytics/tamper/tamper-model.ts';

/** A recorder worker thread exited and a new one took its cameras over (worker-pool-engine.ts). */
export interface WorkerRestart {
  exitCode: number;
  cameraIds: string[];
}

/** Where camera recorders run: in this thread, or spread over worker threads. */
export interface RecorderEngine {
  start(cameraId: string, url: string): void;
  stop(cameraId: string): Promise<void>;
  status(): CameraRecordingStatus[];
  statusOf(cameraId: string): CameraRecordingStatus | undefined;
  shutdown(): Promise<void>;
  onAlarm(listener: (alarm: RecordingAlarm) => void): void;
  /** Engines with worker threads report each worker they replace. */
  onWorkerRestart?(listener: (restart: WorkerRestart) => void): void;
  /** Live viewers: the camera's fragments to `tap` until it is set to null. */
  setLiveTap(cameraId: string, tap: FragmentTap | null): void;
  /** Tamper detection (art. 23(2)): its onsets and ends, the camera's new settings, a re-learn. */
  onTamper(listener: (change: TamperChange) => void): void;
  tamperSettings(cameraId: string, settings: TamperSettings): void;
  tamperRelearn(cameraId: string): void;
}
