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
 * Pictures arrive in decode order, each with its RTP timestamp, which is its presentation time; with
 * B-frames that time steps back and forth. A few pictures wait in a reorder window: each one's decode
 * time is the smallest presentation time not yet given out (so decode times rise, and follow the
 * pictures' display times one for one), and its composition offset is its own presentation time minus
 * that. Durations, holes, fragment and segment times all follow decode time. Without B-frames
 * decode time equals presentation time and the bytes are those of a stream with no offsets.
 * The window is as deep as the SPS says the stream reorders (reorder-window.ts): a stream that cannot
 * reorder holds nothing back, so its pictures come out one picture late (a sample's duration needs the
 * next picture), not one per held picture more. A stream that steps back further than it declared
 * widens the window from then on.
 *
 * While live is on, the same samples also come out at once as small live chunks (moof+mdat of about
 * `liveChunkMs`, a keyframe always first in its chunk) for live viewers: they need not wait for the
 * disk's fragment to close. Their decode times follow the segment's; their sequence numbers are their own.
 */
import { createFragment, createFragmentParts } from '../media/fmp4/fragment.ts';
import { createInitSegment } from '../media/fmp4/init-segment.ts';
import type { AccessUnit, ParameterSets, Sample, VideoTrack } from '../media/types.ts';
import { DEFAULT_REORDER_WINDOW, MAX_REORDER_WINDOW, reorderWindowOf } from './reorder-window.ts';
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

/** A picture waiting in the reorder window, in decode order. */
interface Queued {
  data: Buffer;
  keyframe: boolean;
  parameterSets: ParameterSets | undefined;
  /** Presentation time in unwrapped 90 kHz ticks. */
  pts: number;
  wallMs: number;
}

/** A presentation time not yet given out as a decode time, and its wall-clock time. */
interface Time {
  ticks: number;
  wallMs: number;
}

/** A picture whose decode time is known; its duration comes with the next picture's decode time. */
interface Pending {
  data: Buffer;
  keyframe: boolean;
  /** Its decode time, as a presentation time of the stream (unwrapped ticks) and on the wall clock. */
  decodeTicks: number;
  wallMs: number;
  compositionOffset: number;
}

/** A duration this far from the last one is a timestamp jump (camera restart, wrap trouble), not real. */
const MAX_SAMPLE_TICKS = 10 * VIDEO_TIMESCALE;
/** B-frames are shown at most this long before pictures decoded ahead of them; a longer step back is a jump. */
const MAX_REORDER_TICKS = VIDEO_TIMESCALE;
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
  private queue: Queued[] = [];
  /** Pictures held before their decode time is settled, and the parameter sets it was read from. */
  private window = DEFAULT_REORDER_WINDOW;
  private windowSets: ParameterSets | undefined;
  /** Presentation times of the queued pictures not yet given out as decode times, ascending. */
  private times: Time[] = [];
  /** The last RTP timestamp seen (undefined at a stream's start) and its unwrapped ticks; the largest unwrapped ticks so far. */
  private lastRtp: number | undefined;
  private lastRtpTicks = 0;
  private maxTicks = 0;
  private samples: Sample[] = [];
  private sampleWallMs: number[] = [];
  private samplesTicks = 0;
  private decodeTime = 0;
  private sequence = 0;
  private segmentStartMs = 0;
  private lastTicks = DEFAULT_SAMPLE_TICKS;
  /** The duration before lastTicks. */
  private previousTicks = DEFAULT_SAMPLE_TICKS;
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
    if (!this.started) {
      if (!au.keyframe || !parameterSets) return out;
      // The segment opens at once; the keyframe itself follows once its decode time is settled.
      if (!this.init || !sameSets(parameterSets, this.parameterSets)) this.newTrack(parameterSets);
      this.startSegment(out, wallMs);
    }
    if (au.keyframe && parameterSets) this.followReorderDepth(parameterSets);
    const pts = this.unwrap(au.rtpTimestamp);
    // Shown before a picture that already has its decode time: the stream reorders more than it said.
    if (this.pending && pts < this.pending.decodeTicks) this.window = Math.min(MAX_REORDER_WINDOW, Math.max(DEFAULT_REORDER_WINDOW, this.window + 1));
    this.queue.push({ data: sampleDataOf(au), keyframe: au.keyframe, parameterSets, pts, wallMs });
    insertTime(this.times, { ticks: pts, wallMs });
    while (this.queue.length > this.window) this.decode(this.queue.shift() as Queued, out);
    return out;
  }

  /**
   * New parameter sets start a new coded sequence at this keyframe: the window takes their reorder
   * depth at once. Pictures still held are older than the keyframe in decode order and come out first, in order.
   */
  private followReorderDepth(parameterSets: ParameterSets): void {
    if (parameterSets === this.windowSets) return;
    const same = this.windowSets !== undefined && sameSets(parameterSets, this.windowSets);
    this.windowSets = parameterSets;
    if (!same) this.window = reorderWindowOf(parameterSets);
  }

  /**
   * RTP timestamp to unwrapped ticks: a step forward up to MAX_SAMPLE_TICKS or back up to MAX_REORDER_TICKS
   * (wrap-safe) is taken as it is; a longer one (camera restart, timestamp jump) continues one frame
   * after the latest time.
   */
  private unwrap(rtp: number): number {
    const first = this.lastRtp === undefined;
    const step = first ? 0 : (rtp - (this.lastRtp as number)) | 0;
    const jump = step > MAX_SAMPLE_TICKS || step < -MAX_REORDER_TICKS;
    const ticks = first ? 0 : jump ? this.maxTicks + this.lastTicks : this.lastRtpTicks + step;
    this.lastRtp = rtp;
    this.lastRtpTicks = ticks;
    this.maxTicks = first ? ticks : Math.max(this.maxTicks, ticks);
    return ticks;
  }

  /** The next picture in decode order gets its decode time; the one before it gets its duration. */
  private decode(q: Queued, out: FragmenterOutput[]): void {
    const time = this.times.shift() as Time;
    const wallMs = time.wallMs;
    let hole: FragmenterOutput | undefined;
    if (this.pending) {
      const ticks = time.ticks - this.pending.decodeTicks;
      hole = this.holeBefore(this.pending, ticks, wallMs, q.keyframe);
      this.addSample(this.pending, hole ? this.lastTicks : ticksBetween(ticks, this.lastTicks), out);
      this.measured ||= !hole && ticks > 0 && ticks <= MAX_SAMPLE_TICKS;
    }

    const parameterSets = q.parameterSets;
    const paramsChanged = q.keyframe && parameterSets !== undefined && parameterSets !== this.parameterSets && !sameSets(parameterSets, this.parameterSets);
    const segmentDue = q.keyframe && (hole !== undefined || wallMs - this.segmentStartMs >= this.segmentMs);
    if (hole && !q.keyframe) out.push(hole);
    if (paramsChanged || segmentDue) {
      this.flushFragment(out);
      if (hole && q.keyframe) out.push(hole);
      if (paramsChanged) this.newTrack(parameterSets);
      this.startSegment(out, wallMs);
    } else if (this.samplesTicks >= this.fragmentTicks) {
      this.flushFragment(out);
    }
    this.pending = { data: q.data, keyframe: q.keyframe, decodeTicks: time.ticks, wallMs, compositionOffset: q.pts - time.ticks };
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

  /**
   * Ends the stream: the window drains, the last access unit gets the shorter of the two durations
   * before it (a stream cut before the B-frames of its last picture came leaves a longer last step),
   * and the last fragment is emitted.
   */
  flush(): FragmenterOutput[] {
    const out: FragmenterOutput[] = [];
    for (const q of this.queue.splice(0)) this.decode(q, out);
    if (this.pending) this.addSample(this.pending, Math.min(this.lastTicks, this.previousTicks), out);
    this.pending = undefined;
    this.flushFragment(out);
    return out;
  }

  /** Forgets the stream position (after a reconnect): the next segment starts at the next keyframe. */
  reset(): void {
    this.pending = undefined;
    this.queue = [];
    this.times = [];
    this.lastRtp = undefined;
    this.samples = [];
    this.sampleWallMs = [];
    this.samplesTicks = 0;
    this.started = false;
    this.measured = false;
    this.lastHoleTicks = undefined;
    this.lastTicks = DEFAULT_SAMPLE_TICKS;
    this.previousTicks = DEFAULT_SAMPLE_TICKS;
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
    this.previousTicks = this.lastTicks;
    this.lastTicks = ticks;
    const sample = { data: p.data, duration: ticks, keyframe: p.keyframe, compositionOffset: p.compositionOffset };
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

/** Ticks from one decode time to the next, or the last duration when implausible. */
function ticksBetween(ticks: number, fallback: number): number {
  return ticks <= 0 || ticks > MAX_SAMPLE_TICKS ? fallback : ticks;
}

/** Keeps `times` ascending (a handful of entries: a linear insert from the end). */
function insertTime(times: Time[], time: Time): void {
  let i = times.length;
  while (i > 0 && (times[i - 1] as Time).ticks > time.ticks) i -= 1;
  times.splice(i, 0, time);
}

function sameSets(a: ParameterSets, b: ParameterSets | undefined): boolean {
  if (!b || a.codec !== b.codec) return false;
  const eq = (x: Buffer[] = [], y: Buffer[] = []) => x.length === y.length && x.every((buf, i) => buf.equals(y[i] as Buffer));
  return eq(a.sps, b.sps) && eq(a.pps, b.pps) && eq(a.vps, b.vps);
}
