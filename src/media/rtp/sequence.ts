/**
 * RTP sequence-number bookkeeping (RFC 3550 §6.4.1 and appendix A.1): lost packets across the
 * 16-bit wrap-around, duplicates, and packets reordered within a small window, which are not lost.
 */

/** `push` results below zero; a result ≥ 0 is the number of packets missing just before this one. */
export const SEQ_DUPLICATE = -1;
/** Arrived after a later packet, inside the window: it fills a gap already reported. */
export const SEQ_LATE = -2;
/** Too far from the stream (older than the window, or a jump): discarded until confirmed. */
export const SEQ_DISCARDED = -3;
/** A jump confirmed by the next packet in sequence (the source restarted): counting starts over. */
export const SEQ_RESET = -4;

/** Window slot states. */
const MISSING = 0;
const SEEN = 1;
/** Earlier than the first packet: never counted as lost. */
const BEFORE_START = 2;

export interface SequenceStats {
  /** Packets accepted (in order, after a gap, late or at a reset). */
  received: number;
  /** Packets still missing (a late arrival gives one back). */
  lost: number;
  duplicates: number;
  reordered: number;
  discarded: number;
  resets: number;
}

export interface SequenceTrackerOptions {
  /** How far back a late packet is still recognised (packets, power of two; default 128). */
  window?: number;
  /** A larger jump forward is suspect until the next packet confirms it (default 3000, RFC 3550). */
  maxDropout?: number;
}

export class SequenceTracker {
  readonly stats: SequenceStats = { received: 0, lost: 0, duplicates: 0, reordered: 0, discarded: 0, resets: 0 };
  private readonly seen: Uint8Array;
  private readonly mask: number;
  private readonly maxDropout: number;
  private started = false;
  /** Highest sequence number accepted (16-bit; the window divides 2^16, so slots survive the wrap). */
  private highest = 0;
  /** The sequence number that would confirm a suspect jump, or -1. */
  private confirmSeq = -1;

  constructor(options: SequenceTrackerOptions = {}) {
    const window = options.window ?? 128;
    if (!Number.isInteger(window) || window < 2 || (window & (window - 1)) !== 0 || window > 0x8000) throw new RangeError('window must be a power of two from 2 to 32768');
    this.seen = new Uint8Array(window);
    this.mask = window - 1;
    this.maxDropout = options.maxDropout ?? 3000;
  }

  push(seq: number): number {
    seq &= 0xffff;
    const stats = this.stats;
    if (!this.started) {
      this.restart(seq);
      return 0;
    }
    const ahead = (seq - this.highest) & 0xffff;
    if (ahead === 0) {
      stats.duplicates++;
      return SEQ_DUPLICATE;
    }
    if (ahead < 0x8000 && ahead <= this.maxDropout) {
      this.advance(ahead);
      stats.received++;
      stats.lost += ahead - 1;
      return ahead - 1;
    }
    const behind = 0x10000 - ahead;
    if (ahead >= 0x8000 && behind <= this.mask) {
      const slot = (this.highest - behind) & this.mask;
      const state = this.seen[slot];
      if (state === SEEN) {
        stats.duplicates++;
        return SEQ_DUPLICATE;
      }
      if (state === BEFORE_START) {
        stats.discarded++;
        return SEQ_DISCARDED;
      }
      this.seen[slot] = SEEN;
      stats.received++;
      stats.lost--;
      stats.reordered++;
      return SEQ_LATE;
    }
    if (seq === this.confirmSeq) {
      stats.resets++;
      this.restart(seq);
      return SEQ_RESET;
    }
    this.confirmSeq = (seq + 1) & 0xffff;
    stats.discarded++;
    return SEQ_DISCARDED;
  }

  /** Forgets the stream (a new session); the counters stay. */
  reset(): void {
    this.started = false;
    this.confirmSeq = -1;
  }

  private restart(seq: number): void {
    this.started = true;
    this.seen.fill(BEFORE_START);
    this.highest = seq;
    this.seen[seq & this.mask] = SEEN;
    this.confirmSeq = -1;
    this.stats.received++;
  }

  private advance(ahead: number): void {
    const seen = this.seen;
    if (ahead > this.mask) seen.fill(MISSING);
    else for (let i = 1; i < ahead; i++) seen[(this.highest + i) & this.mask] = MISSING;
    this.highest = (this.highest + ahead) & 0xffff;
    seen[this.highest & this.mask] = SEEN;
  }
}
