import type { AccessUnit, ParameterSets, RtpPacket, VideoCodec } from '../types.ts';
import { FragmentBuffer } from './fragment-buffer.ts';
import { NalArena } from './nal-arena.ts';
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
 * loss tracking, and dropping until a keyframe. NAL units are copied once out of the packets, into
 * the depacketizer's arena (each behind a 4-byte length, ready to be an fMP4 sample): the caller may
 * reuse a packet buffer as soon as `push` returns. `push` never throws for any payload.
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
  private readonly arena = new NalArena();
  private readonly waitForKeyframe: boolean;
  private readonly maxBytes: number;
  private waiting: boolean;
  private out: AccessUnit[] | undefined;
  private open = false;
  private lastMarker = true;
  private lastArrivalMs = 0;
  private timestamp = 0;
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
    this.fragments = new FragmentBuffer(this.maxBytes, this.arena);
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

  /**
   * The NAL units handed out up to the one `view` belongs to (a view into one of them, or a run
   * that ends in it) have been consumed, written and hashed: their memory may be used again.
   * Only for a consumer that takes access units in order and is done with all the earlier ones.
   */
  releaseThrough(view: Uint8Array): void {
    this.arena.releaseThrough(view);
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

  /** Adds a NAL unit of the packet, or the one `fragments.finish()` just returned, to the access unit. */
  protected addNal(nal: Buffer, vcl: boolean, keyframe: boolean): void {
    const arena = this.arena;
    const reassembled = arena.isPending(nal);
    if (this.bytes + nal.length > this.maxBytes || arena.count >= MAX_NALUS_PER_ACCESS_UNIT) {
      if (reassembled) arena.drop();
      this.broken = true;
      return;
    }
    if (reassembled) arena.keep();
    else arena.add(nal);
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
    const broken = this.broken;
    if (broken) {
      stats.brokenAccessUnits++;
      if (this.waitForKeyframe) {
        this.waiting = true;
        stats.droppedAccessUnits++;
        this.discard();
        return;
      }
    } else if (this.waiting) {
      if (!this.keyframe) {
        stats.droppedAccessUnits++;
        this.discard();
        return;
      }
      this.waiting = false;
    }
    const au: AccessUnit = { codec: this.codec, nalus: this.arena.take(), rtpTimestamp: this.timestamp, keyframe: this.keyframe, arrivalMs };
    this.discard();
    stats.accessUnits++;
    if (au.keyframe) stats.keyframes++;
    if (this.out) this.out.push(au);
    else this.out = [au];
  }

  /** Forgets the open access unit (after `take`, its handed-out bytes stay). */
  private discard(): void {
    this.arena.discard();
    this.bytes = 0;
    this.vcl = false;
    this.keyframe = false;
    this.broken = false;
  }
}
