import type { AccessUnit, ParameterSets, RtpPacket, VideoCodec } from '../types.ts';
import { FragmentBuffer } from './fragment-buffer.ts';
import { ParameterSetStore } from './parameter-set-store.ts';
import { SEQ_RESET, SequenceTracker } from './sequence.ts';

export interface DepacketizerOptions {
  /** Drop access units until a keyframe, at the start and after every loss (default true). */
  waitForKeyframe?: boolean;
  /** Out-of-band parameter sets (from the SDP's fmtp). */
  parameterSets?: ParameterSets;
  /** A larger access unit is dropped as broken (default 32 MiB). */
  maxAccessUnitBytes?: number;
}

export interface DepacketizerStats {
  packets: number;
  /** Duplicates, and packets that came too late to be used (see `sequence.stats`). */
  discardedPackets: number;
  /** Payloads that could not be read (bad aggregation sizes, unsupported or forbidden types, orphan fragments). */
  malformedPackets: number;
  /** Emitted. */
  accessUnits: number;
  keyframes: number;
  /** Access units that lost data (lost packets, an incomplete fragment, malformed payloads, over the size limit). */
  brokenAccessUnits: number;
  /** Completed but not emitted: broken, or while waiting for a keyframe. */
  droppedAccessUnits: number;
}

const NONE: readonly AccessUnit[] = Object.freeze([]);
const MAX_NALUS_PER_ACCESS_UNIT = 4096;

/**
 * What H.264 and H.265 share: access units delimited by the marker bit and by a timestamp change,
 * loss tracking, and dropping until a keyframe. NAL units of single and aggregation packets are
 * views into the packet's payload: the caller must not reuse a packet buffer before the access
 * units that came out of it are consumed. `push` never throws for any payload.
 */
export abstract class RtpDepacketizer {
  readonly stats: DepacketizerStats = {
    packets: 0,
    discardedPackets: 0,
    malformedPackets: 0,
    accessUnits: 0,
    keyframes: 0,
    brokenAccessUnits: 0,
    droppedAccessUnits: 0,
  };
  readonly sequence = new SequenceTracker();
  protected readonly params: ParameterSetStore;
  protected readonly fragments: FragmentBuffer;
  private readonly waitForKeyframe: boolean;
  private readonly maxBytes: number;
  private waiting: boolean;
  private out: AccessUnit[] | undefined;
  private open = false;
  private lastMarker = true;
  private lastArrivalMs = 0;
  private timestamp = 0;
  private nalus: Buffer[] = [];
  private bytes = 0;
  private vcl = false;
  private keyframe = false;
  private broken = false;

  constructor(
    readonly codec: VideoCodec,
    options: DepacketizerOptions = {},
  ) {
    this.waitForKeyframe = options.waitForKeyframe ?? true;
    this.waiting = this.waitForKeyframe;
    this.maxBytes = options.maxAccessUnitBytes ?? 32 * 1024 * 1024;
    this.fragments = new FragmentBuffer(this.maxBytes);
    this.params = new ParameterSetStore(codec, options.parameterSets);
  }

  /** Current parameter sets (SDP, then in-band); undefined until complete. */
  get parameterSets(): ParameterSets | undefined {
    return this.params.current;
  }

  /** Grows whenever `parameterSets` changes. */
  get parameterSetsVersion(): number {
    return this.params.version;
  }

  /** The access units this packet completed: usually none or one, two when a lost marker is detected by a new timestamp. */
  push(packet: RtpPacket, arrivalMs: number): readonly AccessUnit[] {
    this.out = undefined;
    this.stats.packets++;
    const seq = this.sequence.push(packet.sequenceNumber);
    if (seq < 0 && seq !== SEQ_RESET) {
      this.stats.discardedPackets++;
      return NONE;
    }
    const gap = seq !== 0;
    const payload = packet.payload;
    if (gap) {
      // Whatever was lost (the end of this picture, whole pictures, the start of the next), the
      // pictures that follow may refer to it: only a keyframe restarts the stream.
      if (this.waitForKeyframe) this.waiting = true;
      if (this.open) this.broken = true;
      // A lost fragment takes its whole NAL unit with it.
      if (this.fragments.active) this.abandonFragment();
    }
    if (this.open && packet.timestamp !== this.timestamp) this.finish(this.lastArrivalMs);
    if (!this.open) {
      this.open = true;
      this.timestamp = packet.timestamp;
      // A picture is whole after a loss only if the previous one ended and this packet begins one.
      if (gap && !(this.lastMarker && payload.length > 0 && this.startsAccessUnit(payload))) this.broken = true;
    }
    if (payload.length === 0) this.malformed();
    else this.readPayload(payload);
    this.lastArrivalMs = arrivalMs;
    this.lastMarker = packet.marker;
    if (packet.marker) this.finish(arrivalMs);
    return this.out ?? NONE;
  }

  /** Completes the open access unit (end of stream, or a source that never sets the marker). */
  flush(arrivalMs: number = this.lastArrivalMs): readonly AccessUnit[] {
    this.out = undefined;
    if (this.open) this.finish(arrivalMs);
    return this.out ?? NONE;
  }

  /** Starts over for a new session: sequence, partial access unit, keyframe wait. Stats and parameter sets stay. */
  reset(): void {
    this.sequence.reset();
    this.fragments.clear();
    this.discard();
    this.open = false;
    this.lastMarker = true;
    this.waiting = this.waitForKeyframe;
  }

  /** Reads one non-empty payload, calling `addNal`, `malformed` and `fragments`. */
  protected abstract readPayload(payload: Buffer): void;

  /** Whether the first NAL unit in this non-empty payload begins an access unit. */
  protected abstract startsAccessUnit(payload: Buffer): boolean;

  protected addNal(nal: Buffer, vcl: boolean, keyframe: boolean): void {
    if (this.bytes + nal.length > this.maxBytes || this.nalus.length >= MAX_NALUS_PER_ACCESS_UNIT) {
      this.broken = true;
      return;
    }
    this.nalus.push(nal);
    this.bytes += nal.length;
    if (vcl) this.vcl = true;
    if (keyframe) this.keyframe = true;
  }

  protected malformed(): void {
    this.stats.malformedPackets++;
    this.broken = true;
  }

  /** A fragmented NAL unit that cannot be completed. */
  protected abandonFragment(): void {
    this.fragments.clear();
    this.broken = true;
  }

  private finish(arrivalMs: number): void {
    this.open = false;
    if (this.fragments.active) this.abandonFragment();
    const stats = this.stats;
    if (!this.vcl) {
      if (this.broken) {
        // Its slices were lost: a picture, broken and never emitted.
        stats.brokenAccessUnits++;
        stats.droppedAccessUnits++;
        if (this.waitForKeyframe) this.waiting = true;
        this.discard();
      }
      // Parameter sets or SEI sent apart from their picture join the next one.
      return;
    }
    const au: AccessUnit = { codec: this.codec, nalus: this.nalus, rtpTimestamp: this.timestamp, keyframe: this.keyframe, arrivalMs };
    const broken = this.broken;
    this.nalus = [];
    this.discard();
    if (broken) {
      stats.brokenAccessUnits++;
      if (this.waitForKeyframe) {
        this.waiting = true;
        stats.droppedAccessUnits++;
        return;
      }
    } else if (this.waiting) {
      if (!au.keyframe) {
        stats.droppedAccessUnits++;
        return;
      }
      this.waiting = false;
    }
    stats.accessUnits++;
    if (au.keyframe) stats.keyframes++;
    if (this.out) this.out.push(au);
    else this.out = [au];
  }

  private discard(): void {
    if (this.nalus.length > 0) this.nalus = [];
    this.bytes = 0;
    this.vcl = false;
    this.keyframe = false;
    this.broken = false;
  }
}
