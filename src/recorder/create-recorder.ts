/** Picks a camera's recorder: the native RTSP one, GB/T 28181 (PS over RTP), or the ffmpeg fallback for what they cannot handle. */
import type { Db } from '../db/connect.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import { CameraRecorder } from './camera-recorder.ts';
import { FfmpegRecorder } from './ffmpeg-recorder.ts';
import { GbCameraRecorder } from './gb-camera-recorder.ts';
import { isGbStreamUrl } from '../gb28181/stream-url.ts';
import type { GbMediaBroker } from '../gb28181/media-session.ts';
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
  /** How far the camera's RTCP clock may be from ours and still stamp its footage; the native RTSP recorder only. */
  clockToleranceMs?: number;
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
  /** The GB/T 28181 platform's media side, for gb28181:// cameras (absent: their status says the platform is off). */
  gbMedia?: GbMediaBroker;
  /** The address GB/T 28181 devices are told to send media to. */
  gbMediaHost?: string;
  /** Cluster mode: this recorder's node id, the fence its segments are indexed under (segment-repository.ts). */
  fence?: string;
}

export function createRecorder({ useFfmpeg, ffmpegPath, checkSource, keyframeTap, gbMedia, gbMediaHost, clockToleranceMs, ...o }: RecorderChoice): Recorder {
  // The source address policy is for hosts; a gb28181:// address names a device, which the SIP side knows.
  if (isGbStreamUrl(o.url)) return new GbCameraRecorder({ ...o, broker: gbMedia, mediaHost: gbMediaHost, keyframeTap });
  return useFfmpeg || needsFfmpeg(o.url) ? new FfmpegRecorder({ ...o, ffmpegPath }) : new CameraRecorder({ ...o, checkSource, keyframeTap, clockToleranceMs });
}
