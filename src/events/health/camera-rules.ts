/**
 * The health rules of one camera (art. 15, REG-15-8), fed the recorder's status at each look: offline
 * (no media for offlineSeconds), reconnecting (flapping), bitrate collapse and frame-rate drop against its
 * own baseline, and clock drift from its RTCP sender reports. Pure: the status and the time are data.
 */
import type { CameraRecordingStatus } from '../../recorder/camera-status.ts';
import type { HealthCondition } from './condition.ts';
import { RateBaseline } from './rate-baseline.ts';
import type { HealthThresholds } from './thresholds.ts';

/** The recorder's rates are measured over 5 s windows: they mean nothing in the first seconds online. */
const RATE_SETTLE_MS = 10_000;

export class CameraRules {
  private downSince: number | undefined;
  private reconnectSamples: { at: number; reconnects: number }[] = [];
  private readonly baseline: RateBaseline;
  private lowFpsSince: number | undefined;
  private lowBitrateSince: number | undefined;
  /** Whether the camera counts as offline (CAMERA_OFFLINE holds) at the latest look. */
  offline = false;

  constructor(
    readonly cameraId: string,
    private readonly t: HealthThresholds,
  ) {
    this.baseline = new RateBaseline(t.baselineMinutes * 60_000);
  }

  evaluate(status: CameraRecordingStatus, now: Date): HealthCondition[] {
    const at = now.getTime();
    return [this.offlineRule(status, at), this.reconnectRule(status, at), ...this.rateRules(status, at), this.clockRule(status)];
  }

  private condition(kind: HealthCondition['kind'], active: boolean, details: Record<string, unknown>, since?: number): HealthCondition {
    return { kind, cameraId: this.cameraId, subject: this.cameraId, active, details, ...(since !== undefined ? { since: new Date(since).toISOString() } : {}) };
  }

  private offlineRule(status: CameraRecordingStatus, at: number): HealthCondition {
    const down = status.state === 'offline' || status.state === 'error' || status.state === 'starting';
    // The state flips between starting and offline at each attempt: the first look without media counts.
    if (!down) this.downSince = undefined;
    else this.downSince ??= Math.min(Date.parse(status.since), at);
    const downMs = this.downSince === undefined ? 0 : at - this.downSince;
    this.offline = down && downMs >= this.t.offlineSeconds * 1000;
    return this.condition(
      'CAMERA_OFFLINE',
      this.offline,
      { state: status.state, reason: status.reason, lastError: status.lastError, downSeconds: Math.round(downMs / 1000), thresholdSeconds: this.t.offlineSeconds },
      this.downSince,
    );
  }

  private reconnectRule(status: CameraRecordingStatus, at: number): HealthCondition {
    const samples = this.reconnectSamples;
    // A new recorder (a replaced worker) counts from zero again.
    if (samples.length > 0 && status.reconnects < samples[samples.length - 1]!.reconnects) samples.length = 0;
    samples.push({ at, reconnects: status.reconnects });
    const windowMs = this.t.reconnectWindowMinutes * 60_000;
    while (samples.length > 1 && samples[1]!.at <= at - windowMs) samples.shift();
    const count = status.reconnects - samples[0]!.reconnects;
    return this.condition('CAMERA_RECONNECTING', count >= this.t.reconnects, {
      reconnects: count,
      windowMinutes: this.t.reconnectWindowMinutes,
      threshold: this.t.reconnects,
      lastError: status.lastError,
    });
  }

  private rateRules(status: CameraRecordingStatus, at: number): HealthCondition[] {
    const settled = status.state === 'online' && at - Date.parse(status.since) >= RATE_SETTLE_MS;
    if (!settled) {
      this.lowFpsSince = this.lowBitrateSince = undefined;
      return [this.condition('FRAME_RATE_DROP', false, {}), this.condition('BITRATE_COLLAPSE', false, {})];
    }
    const baseline = this.baseline.current(at);
    if (!baseline) {
      this.baseline.add({ at, fps: status.fps, bitrateBps: status.bitrateBps });
      return [this.condition('FRAME_RATE_DROP', false, { learning: true }), this.condition('BITRATE_COLLAPSE', false, { learning: true })];
    }
    const lowFps = baseline.fps > 0 && status.fps < this.t.fpsRatio * baseline.fps;
    const lowBitrate = baseline.bitrateBps > 0 && status.bitrateBps < this.t.bitrateRatio * baseline.bitrateBps;
    this.lowFpsSince = lowFps ? (this.lowFpsSince ?? at) : undefined;
    this.lowBitrateSince = lowBitrate ? (this.lowBitrateSince ?? at) : undefined;
    if (!lowFps && !lowBitrate) this.baseline.add({ at, fps: status.fps, bitrateBps: status.bitrateBps });
    const dropMs = this.t.dropSeconds * 1000;
    return [
      this.condition(
        'FRAME_RATE_DROP',
        this.lowFpsSince !== undefined && at - this.lowFpsSince >= dropMs,
        { fps: status.fps, baselineFps: baseline.fps, ratio: this.t.fpsRatio, forSeconds: this.t.dropSeconds },
        this.lowFpsSince,
      ),
      this.condition(
        'BITRATE_COLLAPSE',
        this.lowBitrateSince !== undefined && at - this.lowBitrateSince >= dropMs,
        { bitrateBps: status.bitrateBps, baselineBitrateBps: baseline.bitrateBps, ratio: this.t.bitrateRatio, forSeconds: this.t.dropSeconds },
        this.lowBitrateSince,
      ),
    ];
  }

  private clockRule(status: CameraRecordingStatus): HealthCondition {
    const drift = status.clockDriftMs;
    return this.condition('CLOCK_DRIFT', drift !== null && Math.abs(drift) > this.t.clockDriftMs, { driftMs: drift, thresholdMs: this.t.clockDriftMs });
  }
}
