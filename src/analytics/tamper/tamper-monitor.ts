/**
 * Watches one camera for tampering where its recorder runs: takes at most one keyframe a second from
 * the recorder, decodes it (KeyframeDecoder), judges it (TamperDetector), and reports onsets (with a
 * JPEG before and after) and ends. Keyframes that stop while pictures still come count as signal lost.
 * Nothing here may block or fail the recording: errors are swallowed, memory is bounded.
 */
import type { VideoCodec } from '../../media/types.ts';
import type { Clock } from '../../shared/clock.ts';
import { TamperDetector, type DetectorChange } from './detector.ts';
import { KeyframeDecoder } from './keyframe-decoder.ts';
import { keyframeJpeg } from './snapshot-jpeg.ts';
import type { TamperChange, TamperReference, TamperSettings } from './tamper-model.ts';

/** One keyframe from the recorder: a copy in Annex B (annex-b.ts), with its wall time. */
export interface TappedKeyframe {
  codec: VideoCodec;
  annexB: Buffer;
  wallMs: number;
}

/** What the recorder calls: cheap, synchronous, never throws. */
export interface KeyframeTap {
  /** At most one a second. */
  keyframe(kf: TappedKeyframe): void;
  /** Every picture, keyframe or not (only its time is kept). */
  picture(wallMs: number): void;
}

export interface TamperMonitorOptions {
  cameraId: string;
  ffmpegPath: string;
  clock: Clock;
  settings: TamperSettings;
  reference?: TamperReference;
  onChange: (change: TamperChange) => void;
  onLearned?: (reference: TamperReference) => void;
  /** Pictures without a keyframe for this long count as signal lost. Default 10 s. */
  noKeyframeMs?: number;
  learnFrames?: number;
}

/** Keyframes kept for the "before" picture: enough to reach back past the onset frames. */
const KEEP_KEYFRAMES = 6;

export class TamperMonitor implements KeyframeTap {
  private readonly detector: TamperDetector;
  private decoder: KeyframeDecoder | undefined;
  private settings: TamperSettings;
  private readonly recent: TappedKeyframe[] = [];
  private lastKeyframeMs = 0;
  private lastPictureMs = 0;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private reporting: Promise<void> = Promise.resolve();

  constructor(private readonly o: TamperMonitorOptions) {
    this.settings = { ...o.settings };
    this.detector = new TamperDetector({ sensitivity: o.settings.sensitivity, reference: o.reference, learnFrames: o.learnFrames });
    this.timer = setInterval(() => this.checkKeyframes(), 1000);
    this.timer.unref();
  }

  /** The ffmpeg decoding this camera's keyframes (for CPU accounting). */
  get decoderPid(): number | undefined {
    return this.decoder?.pid;
  }

  keyframe(kf: TappedKeyframe): void {
    if (this.closed || !this.settings.enabled) return;
    this.lastKeyframeMs = kf.wallMs;
    this.recent.push(kf);
    if (this.recent.length > KEEP_KEYFRAMES) this.recent.shift();
    if (this.decoder?.codec !== kf.codec) {
      // First keyframe, or the camera changed codec after a reconnect.
      this.decoder?.close();
      this.decoder = new KeyframeDecoder({ ffmpegPath: this.o.ffmpegPath, codec: kf.codec });
    }
    const decoded = this.decoder.decode(kf.annexB);
    if (!decoded) return;
    void decoded.then((frame) => this.judge(frame, kf)).catch(() => undefined);
  }

  picture(wallMs: number): void {
    if (this.lastKeyframeMs === 0) this.lastKeyframeMs = wallMs;
    this.lastPictureMs = wallMs;
  }

  setSettings(settings: TamperSettings): void {
    this.settings = { ...settings };
    this.detector.setSensitivity(settings.sensitivity);
    if (!settings.enabled) this.report(this.detector.endAll(this.o.clock.now().getTime(), 'disabled'), undefined);
  }

  /** Learns the camera's picture afresh (an authorised move): every open tamper condition ends. */
  relearn(): void {
    this.report(this.detector.relearn(this.o.clock.now().getTime()), undefined);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.decoder?.close();
    this.recent.length = 0;
  }

  private judge(frame: Uint8Array | null, kf: TappedKeyframe): void {
    if (this.closed || !this.settings.enabled) return;
    const result = this.detector.push(frame, kf.wallMs);
    if (result.learned) this.o.onLearned?.(result.learned);
    this.report(result.changes, kf);
  }

  /** The stream carries on (pictures come) but no keyframe has come for too long: no usable picture. */
  private checkKeyframes(): void {
    if (this.closed || !this.settings.enabled || this.lastPictureMs === 0) return;
    const now = this.o.clock.now().getTime();
    const picturesCome = now - this.lastPictureMs <= 2000;
    if (!picturesCome || now - this.lastKeyframeMs <= (this.o.noKeyframeMs ?? 10_000)) return;
    this.report(this.detector.push(null, now).changes, undefined);
  }

  /** Reports in order: an onset waits for its pictures, and an end never overtakes it. */
  private report(changes: DetectorChange[], current: TappedKeyframe | undefined): void {
    for (const change of changes) {
      const base: TamperChange = { cameraId: this.o.cameraId, kind: change.kind, state: change.state, at: new Date(change.atMs).toISOString(), details: change.details };
      const full = change.state === 'onset' && current ? this.withSnapshots(base, change, current).catch(() => base) : Promise.resolve(base);
      this.reporting = this.deliverAfter(this.reporting, full);
    }
  }

  private async deliverAfter(previous: Promise<void>, change: Promise<TamperChange>): Promise<void> {
    await previous;
    try {
      this.o.onChange(await change);
    } catch {
      // the receiver's problem; the next change still goes out
    }
  }

  private async withSnapshots(change: TamperChange, detected: DetectorChange, current: TappedKeyframe): Promise<TamperChange> {
    const firstSeen = detected.firstSeenMs ?? current.wallMs;
    const before = [...this.recent].reverse().find((kf) => kf.wallMs < firstSeen);
    const shots: NonNullable<TamperChange['snapshots']> = [];
    for (const [which, kf] of [['before', before], ['after', current]] as const) {
      if (!kf) continue;
      const jpeg = await keyframeJpeg(this.o.ffmpegPath, kf.codec, kf.annexB);
      if (jpeg) shots.push({ which, at: new Date(kf.wallMs).toISOString(), jpeg });
    }
    return shots.length ? { ...change, snapshots: shots } : change;
  }
}
