/**
 * Puts RTP packets that UDP delivered out of order back in sequence before a byte-stream payload
 * (PS over RTP) is read: a packet that arrives ahead of a missing one is held until the missing one
 * comes, or until `maxHeld` packets or `maxWaitMs` have passed, when the missing ones count as lost.
 * A depacketizer that reads each packet on its own can skip this; a PS stream cannot, since a hole
 * costs the whole picture and everything up to the next keyframe.
 */
export interface ReorderOptions {
  /** Packets held at most while one is missing (default 64). */
  maxHeld?: number;
  /** How long a packet is held at most (default 60 ms). */
  maxWaitMs?: number;
}

interface Held {
  seq: number;
  packet: Buffer;
  atMs: number;
}

export class ReorderBuffer {
  /** Packets that came out of order and were put back. */
  reordered = 0;
  private expected = -1;
  private held: Held[] = [];
  private readonly maxHeld: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly deliver: (packet: Buffer) => void,
    options: ReorderOptions = {},
  ) {
    this.maxHeld = options.maxHeld ?? 64;
    this.maxWaitMs = options.maxWaitMs ?? 60;
  }

  /** A packet and its sequence number (16 bits). */
  push(seq: number, packet: Buffer, nowMs: number): void {
    if (this.expected < 0) this.expected = seq;
    const ahead = (seq - this.expected) & 0xffff;
    if (ahead === 0) {
      if (this.held.length > 0) this.reordered++;
      this.expected = (seq + 1) & 0xffff;
      this.deliver(packet);
      this.drain();
    } else if (ahead < 0x8000 && ahead <= 3000) {
      if (!this.held.some((h) => h.seq === seq)) {
        this.held.push({ seq, packet, atMs: nowMs });
        this.held.sort((a, b) => ((a.seq - this.expected) & 0xffff) - ((b.seq - this.expected) & 0xffff));
      }
      const oldest = this.held.reduce((min, h) => Math.min(min, h.atMs), Infinity);
      if (this.held.length > this.maxHeld || nowMs - oldest > this.maxWaitMs) this.skip();
    } else if (ahead < 0x8000) {
      // A jump (the source restarted): what is held goes first, then counting follows the new numbers.
      while (this.held.length > 0) this.skip();
      this.expected = (seq + 1) & 0xffff;
      this.deliver(packet);
    } else {
      // Behind: a duplicate or too late; the sequence tracker counts it.
      this.deliver(packet);
    }
  }

  /** Forgets the held packets (a new session). */
  reset(): void {
    this.held = [];
    this.expected = -1;
  }

  /** Gives up on the missing packets: the next held one is delivered (the tracker sees the gap). */
  private skip(): void {
    const next = this.held.shift();
    if (!next) return;
    this.expected = (next.seq + 1) & 0xffff;
    this.deliver(next.packet);
    this.drain();
  }

  private drain(): void {
    while (this.held.length > 0 && this.held[0]!.seq === this.expected) {
      const next = this.held.shift()!;
      this.expected = (next.seq + 1) & 0xffff;
      this.deliver(next.packet);
    }
  }
}
