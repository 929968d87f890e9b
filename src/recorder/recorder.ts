/** What the recorder service needs of a camera's recorder, native (CameraRecorder) or ffmpeg fallback. */
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { CameraRecordingStatus } from './camera-status.ts';

export interface RecorderEvents {
  status: [status: CameraRecordingStatus];
  alarm: [alarm: RecordingAlarm];
}

export interface Recorder {
  readonly currentStatus: CameraRecordingStatus;
  start(): void;
  /** The open segment is finished and indexed before this resolves. */
  stop(): Promise<void>;
  on<K extends keyof RecorderEvents>(event: K, listener: (...args: RecorderEvents[K]) => void): unknown;
}

/** The native client speaks RTSP only; anything else (http(s), a file) goes through ffmpeg. */
export function needsFfmpeg(url: string): boolean {
  return !/^rtsps?:\/\//i.test(url);
}
