/** What the recorder service needs of a camera's recorder, native (CameraRecorder) or ffmpeg fallback. */
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { CameraRecordingStatus } from './camera-status.ts';

export interface RecorderEvents {
  status: [status: CameraRecordingStatus];
  alarm: [alarm: RecordingAlarm];
}

/** A copy of each init segment and fragment as the recorder writes it, for live viewers (src/viewing/live-hub.ts). */
export interface FragmentTapChunk {
  kind: 'init' | 'fragment';
  data: Uint8Array;
  /** Wall clock of the fragment's first sample (ms); for an init, when it came. */
  wallMs: number;
  keyframe: boolean;
}
export type FragmentTap = (chunk: FragmentTapChunk) => void;

export interface Recorder {
  readonly currentStatus: CameraRecordingStatus;
  start(): void;
  /** The open segment is finished and indexed before this resolves. */
  stop(): Promise<void>;
  on<K extends keyof RecorderEvents>(event: K, listener: (...args: RecorderEvents[K]) => void): unknown;
  /** Turns the live tap on (a function) or off (null); off costs nothing. */
  setLiveTap?(tap: FragmentTap | null): void;
}

/** The native recorders speak RTSP and GB/T 28181 (gb28181://); anything else (http(s), a file) goes through ffmpeg. */
export function needsFfmpeg(url: string): boolean {
  return !/^(rtsps?|gb28181):\/\//i.test(url);
}
