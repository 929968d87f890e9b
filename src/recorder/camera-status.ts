/** What the recorder reports about one camera (API, /metrics, UI). */
export type CameraRecordingState = 'starting' | 'online' | 'offline' | 'error' | 'stopped';

export interface CameraRecordingStatus {
  cameraId: string;
  state: CameraRecordingState;
  /** Why the camera is offline or in error now; null while it records. */
  reason: string | null;
  /** The latest problem, kept after recovery. */
  lastError: string | null;
  since: string;
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number;
  bitrateBps: number;
  lastKeyframeAt: string | null;
  framesLost: number;
  packetsLost: number;
  segments: number;
  reconnects: number;
  /** Access units written into fragments since the recorder began this camera. */
  framesRecorded: number;
  /**
   * RTSP keep-alives the camera left unanswered while its media kept coming, since the recorder began it:
   * not fatal (the session goes on), but a camera whose RTSP side is busy or deaf.
   */
  keepAlivesUnanswered: number;
  /**
   * Seconds of this camera's time not recorded since the recorder began it (offline, reconnecting,
   * suspended, frames skipped to a keyframe), an outage still going on included up to now.
   */
  secondsMissing: number;
  /**
   * The camera's clock against Custos's (art. 15, REG-15-8 (3)): the NTP time of its latest RTCP sender
   * report minus the time it arrived, in ms; null until a report arrives (or for sources without RTCP).
   */
  clockDriftMs: number | null;
  /** In a cluster: the recorder process that records the camera (its node id). */
  nodeId?: string;
}

export function initialStatus(cameraId: string, now: Date): CameraRecordingStatus {
  return {
    cameraId,
    state: 'stopped',
    reason: null,
    lastError: null,
    since: now.toISOString(),
    codec: null,
    width: null,
    height: null,
    fps: 0,
    bitrateBps: 0,
    lastKeyframeAt: null,
    framesLost: 0,
    packetsLost: 0,
    segments: 0,
    reconnects: 0,
    framesRecorded: 0,
    keepAlivesUnanswered: 0,
    secondsMissing: 0,
    clockDriftMs: null,
  };
}

/** Frame and byte counts turned into rates over a window, for fps and bitrate. */
export class RateMeter {
  private frames = 0;
  private bytes = 0;
  private windowStart: number;
  fps = 0;
  bitrateBps = 0;

  constructor(now: number, private readonly windowMs = 5000) {
    this.windowStart = now;
  }

  add(frames: number, bytes: number, now: number): void {
    this.frames += frames;
    this.bytes += bytes;
    const elapsed = now - this.windowStart;
    if (elapsed >= this.windowMs) {
      this.fps = Math.round((this.frames * 10_000) / elapsed) / 10;
      this.bitrateBps = Math.round((this.bytes * 8000) / elapsed);
      this.frames = 0;
      this.bytes = 0;
      this.windowStart = now;
    }
  }

  reset(now: number): void {
    this.frames = 0;
    this.bytes = 0;
    this.fps = 0;
    this.bitrateBps = 0;
    this.windowStart = now;
  }
}
