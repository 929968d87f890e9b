/** Picks a camera's recorder: the native RTSP one, or the ffmpeg fallback for what it cannot handle. */
import type { Db } from '../db/connect.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import { CameraRecorder } from './camera-recorder.ts';
import { FfmpegRecorder } from './ffmpeg-recorder.ts';
import { needsFfmpeg, type Recorder } from './recorder.ts';
import type { KeyframeTap } from '../analytics/tamper/tamper-monitor.ts';

export interface RecorderChoice {
  cameraId: string;
  url: string;
  db: Db;
  store: SegmentStore;
  clock: Clock;
  segmentMs?: number;
  transport?: 'tcp' | 'udp';
  ffmpegPath?: string;
  /** Record through ffmpeg even when the native client could (an odd camera). */
  useFfmpeg?: boolean;
  /**
   * The source address policy: the native client checks it before every connection and redirect; ffmpeg
   * (which follows redirects itself) only when the recorder service starts the camera.
   */
  checkSource?: (url: string) => Promise<void>;
  /** Tamper detection's keyframe tap; the native recorder only (the ffmpeg fallback has no access units). */
  keyframeTap?: KeyframeTap;
}

export function createRecorder({ useFfmpeg, ffmpegPath, checkSource, keyframeTap, ...o }: RecorderChoice): Recorder {
  return useFfmpeg || needsFfmpeg(o.url) ? new FfmpegRecorder({ ...o, ffmpegPath }) : new CameraRecorder({ ...o, checkSource, keyframeTap });
}
