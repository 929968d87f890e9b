/**
 * Turns a camera's access units into fMP4: an init segment at each segment start, then fragments of
 * about `fragmentMs`, with a new segment at the first keyframe after `segmentMs` (or when the
 * parameter sets change). Sample durations come from RTP timestamps; wall-clock times come from the
 * caller (RTCP sender reports where present, arrival otherwise). Pure: no I/O, no clock.
 *
 * A hole in the stream (frames the camera skipped, broken pictures dropped until a keyframe) is not
 * papered over by the sample before it: that sample keeps a normal duration, the hole comes out as
 * its own output (a FRAMES_LOST gap for the index), and a keyframe after it starts a new segment, so
 * no segment claims time that holds no pictures.
 *
 * While live is on, the same samples also come out at once as small live chunks (moof+mdat of about
 * `liveChunkMs`, a keyframe always first in its chunk) for live viewers: they need not wait for the
 * disk's fragment to close. Their decode times follow the segment's; their sequence numbers are their own.
 */
import { createFragment, createFragmentParts } from '../media/fmp4/fragment.ts';
import { createInitSegment } from '../media/fmp4/init-segment.ts';
import type { AccessUnit, ParameterSets, Sample, VideoTrack } from '../media/types.ts';
import { sampleDataOf } from './sample-data.ts';
import { VIDEO_TIMESCALE, videoTrackOf } from './video-track.ts';

export interface FragmenterOptions {
  segmentMs?: number;
  fragmentMs?: number;
  /** Length of a live chunk (default 200 ms). */
  liveChunkMs?: number;
}

export interface FragmentMeta {
  startMs: number;
  endMs: number;
  frames: number;
  keyframe: boolean;
}

export type FragmenterOutput =
  | { kind: 'segment'; init: Buffer; track: VideoTrack }
  | {
      kind: 'fragment';
      /** The fragment as pieces to write in order (moof and mdat header, then the samples' bytes, uncopied). */
      parts: Buffer[];
      /** The pieces joined (a copy): for readers that want one buffer. */
      readonly data: Buffer;
      meta: FragmentMeta;
    }
  | {
      kind: 'live';
      /** A moof+mdat of the newest samples, for live viewers only (never written to disk). */
      data: Buffer;
      meta: { startMs: number; keyframe: boolean };
    }
  | {
      kind: 'hole';
      /** The end of the picture before the hole and the start of the one after it (wall-clock ms). */
      fromMs: number;
      toMs: number;
      /** About how many pictures are missing. */
      frames: number;
      /** The picture after the hole is a keyframe: a new segment starts there. */
      keyframe: boolean;
    };

interface Pending {
  data: Buffer;
  keyframe: boolean;
  rtpTimestamp: number;
  wallMs: number;
}

/** A duration this far from the last one is a timestamp jump (camera restart, wrap trouble), not real. */
const MAX_SAMPLE_TICKS = 10 * VIDEO_TIMESCALE;
const DEFAULT_SAMPLE_TICKS = VIDEO_TIMESCALE / 25;
/**
 * A step between pictures longer than one frame interval by at least this much, in RTP time and in wall
 * time alike, is a hole: 250 ms is well above network jitter and B-frame reordering, and short enough
 * that a skip to the next keyframe (GOPs of 1-4 s) is never hidden.
 */
const HOLE_TOLERANCE_MS = 250;
const HOLE_TOLERANCE_TICKS = (HOLE_TOLERANCE_MS * VIDEO_TIMESCALE) / 1000;

export class Fragmenter {
  private readonly segmentMs: number;
  private readonly fragmentTicks: number;
  private track: VideoTrack | undefined;
  private init: Buffer | undefined;
  private parameterSets: ParameterSets | undefined;
  private pending: Pending | undefined;
  private samples: Sample[] = [];
  private sampleWallMs: number[] = [];
  private samplesTicks = 0;
  private decodeTime = 0;
  private sequence = 0;
  private segmentStartMs = 0;
  private lastTicks = DEFAULT_SAMPLE_TICKS;
  /** lastTicks was measured in this stream (not the default): only then can a step be judged a hole. */
  private measured = false;
  /** The step of the hole just found: the same step again means the camera's frame rate changed. */
  private lastHoleTicks: number | undefined;
  /** True once a segment has begun; false before the first keyframe with parameter sets. */
  private started = false;
  private readonly liveChunkTicks: number;
  private liveOn = false;
  private liveSamples: Sample[] = [];
  private liveStartMs = 0;
  private liveTicks = 0;
  private liveDecodeTime = 0;
  private liveSequence = 0;

  constructor(options: FragmenterOptions = {}) {
    this.segmentMs = options.segmentMs ?? 10_000;
    this.fragmentTicks = ((options.fragmentMs ?? 1000) * VIDEO_TIMESCALE) / 1000;
    this.liveChunkTicks = ((options.liveChunkMs ?? 200) * VIDEO_TIMESCALE) / 1000;
  }

  /** Live chunks on (someone watches) or off (costs nothing). */
  set live(on: boolean) {
    this.liveOn = on;
    this.liveSamples = [];
    this.liveTicks = 0;
  }

  get live(): boolean {
    return this.liveOn;
  }

  get videoTrack(): VideoTrack | undefined {
    return this.track;
  }

  push(au: AccessUnit, parameterSets: ParameterSets | undefined, wallMs: number): FragmenterOutput[] {
    const out: FragmenterOutput[] = [];
    if (!this.started && (!au.keyframe || !parameterSets)) return out;
    let hole: FragmenterOutput | undefined;
    if (this.pending) {
      const ticks = (au.rtpTimestamp - this.pending.rtpTimestamp) >>> 0;
      hole = this.holeBefore(this.pending, ticks, wallMs, au.keyframe);
      this.addSample(this.pending, hole ? this.lastTicks : ticksBetween(ticks, this.lastTicks), out);
      this.measured ||= !hole && ticks > 0 && ticks <= MAX_SAMPLE_TICKS;
    }

    const paramsChanged = au.keyframe && parameterSets !== undefined && parameterSets !== this.parameterSets && !sameSets(parameterSets, this.parameterSets);
    const segmentDue = au.keyframe && (hole !== undefined || wallMs - this.segmentStartMs >= this.segmentMs);
    if (hole && !au.keyframe) out.push(hole);
    if (!this.started || paramsChanged || segmentDue) {
      this.flushFragment(out);
      if (hole && au.keyframe) out.push(hole);
      if (paramsChanged || !this.init) this.newTrack(parameterSets as ParameterSets);
      this.startSegment(out, wallMs);
    } else if (this.samplesTicks >= this.fragmentTicks) {
      this.flushFragment(out);
    }
    this.pending = { data: sampleDataOf(au), keyframe: au.keyframe, rtpTimestamp: au.rtpTimestamp, wallMs };
    return out;
  }

  /**
   * The step from the pending picture to this one is a hole when it is longer than one frame interval
   * plus the tolerance in RTP time (32-bit wrap-safe, a jump beyond MAX_SAMPLE_TICKS is a timestamp
   * jump, not a hole) and in wall time. The same long step twice in a row is a lower frame rate.
   */
  private holeBefore(p: Pending, ticks: number, wallMs: number, keyframe: boolean): FragmenterOutput | undefined {
    const previousHole = this.lastHoleTicks;
    this.lastHoleTicks = undefined;
    if (!this.measured || ticks > MAX_SAMPLE_TICKS || ticks <= this.lastTicks + HOLE_TOLERANCE_TICKS) return undefined;
    const frameMs = (this.lastTicks * 1000) / VIDEO_TIMESCALE;
    if (wallMs - p.wallMs <= frameMs + HOLE_TOLERANCE_MS) return undefined;
    if (previousHole !== undefined && Math.abs(ticks - previousHole) <= previousHole / 5) return undefined;
    this.lastHoleTicks = ticks;
    const fromMs = Math.round(p.wallMs + frameMs);
    return { kind: 'hole', fromMs, toMs: Math.max(fromMs, wallMs), frames: Math.max(1, Math.round(ticks / this.lastTicks) - 1), keyframe };
  }

  /** Ends the stream: the last access unit gets the previous duration, and the last fragment is emitted. */
  flush(): FragmenterOutput[] {
    const out: FragmenterOutput[] = [];
    if (this.pending) this.addSample(this.pending, this.lastTicks, out);
    this.pending = undefined;
    this.flushFragment(out);
    return out;
  }

  /** Forgets the stream position (after a reconnect): the next segment starts at the next keyframe. */
  reset(): void {
    this.pending = undefined;
    this.samples = [];
    this.sampleWallMs = [];
    this.samplesTicks = 0;
    this.started = false;
    this.measured = false;
    this.lastHoleTicks = undefined;
    this.lastTicks = DEFAULT_SAMPLE_TICKS;
    this.liveSamples = [];
    this.liveTicks = 0;
  }

  private newTrack(parameterSets: ParameterSets): void {
    this.parameterSets = parameterSets;
    this.track = videoTrackOf(parameterSets);
    this.init = createInitSegment(this.track);
  }

  private startSegment(out: FragmenterOutput[], wallMs: number): void {
    this.started = true;
    this.decodeTime = 0;
    this.sequence = 0;
    this.liveSequence = 0;
    this.segmentStartMs = wallMs;
    out.push({ kind: 'segment', init: this.init as Buffer, track: this.track as VideoTrack });
  }

  private addSample(p: Pending, ticks: number, out: FragmenterOutput[]): void {
    this.lastTicks = ticks;
    const sample = { data: p.data, duration: ticks, keyframe: p.keyframe, compositionOffset: 0 };
    if (this.liveOn) this.addLive(sample, p.wallMs, out);
    this.samples.push(sample);
    this.sampleWallMs.push(p.wallMs);
    this.samplesTicks += ticks;
  }

  private addLive(sample: Sample, wallMs: number, out: FragmenterOutput[]): void {
    if (sample.keyframe) this.flushLive(out);
    if (this.liveSamples.length === 0) {
      this.liveStartMs = wallMs;
      this.liveDecodeTime = this.decodeTime + this.samplesTicks;
    }
    this.liveSamples.push(sample);
    this.liveTicks += sample.duration;
    if (this.liveTicks >= this.liveChunkTicks) this.flushLive(out);
  }

  private flushLive(out: FragmenterOutput[]): void {
    if (this.liveSamples.length === 0) return;
    this.liveSequence += 1;
    // Copied into one buffer now: the samples' bytes may be reused once the disk has them.
    const data = createFragment(this.liveSequence, this.liveDecodeTime, this.liveSamples);
    out.push({ kind: 'live', data, meta: { startMs: this.liveStartMs, keyframe: (this.liveSamples[0] as Sample).keyframe } });
    this.liveSamples = [];
    this.liveTicks = 0;
  }

  private flushFragment(out: FragmenterOutput[]): void {
    this.flushLive(out);
    if (this.samples.length === 0) return;
    this.sequence += 1;
    const parts = createFragmentParts(this.sequence, this.decodeTime, this.samples);
    const startMs = this.sampleWallMs[0] as number;
    const lastWall = this.sampleWallMs[this.sampleWallMs.length - 1] as number;
    const lastTicks = (this.samples[this.samples.length - 1] as Sample).duration;
    out.push({
      kind: 'fragment',
      parts,
      get data() {
        return Buffer.concat(parts);
      },
      meta: {
        startMs,
        endMs: Math.max(startMs + 1, Math.round(lastWall + (lastTicks * 1000) / VIDEO_TIMESCALE)),
        frames: this.samples.length,
        keyframe: (this.samples[0] as Sample).keyframe,
      },
    });
    this.decodeTime += this.samplesTicks;
    this.samples = [];
    this.sampleWallMs = [];
    this.samplesTicks = 0;
  }
}

/** Ticks from one RTP timestamp to the next (32-bit wrap-around already taken), or the last duration when implausible. */
function ticksBetween(ticks: number, fallback: number): number {
  return ticks === 0 || ticks > MAX_SAMPLE_TICKS ? fallback : ticks;
}

function sameSets(a: ParameterSets, b: ParameterSets | undefined): boolean {
  if (!b || a.codec !== b.codec) return false;
  const eq = (x: Buffer[] = [], y: Buffer[] = []) => x.length === y.length && x.every((buf, i) => buf.equals(y[i] as Buffer));
  return eq(a.sps, b.sps) && eq(a.pps, b.pps) && eq(a.vps, b.vps);
}
