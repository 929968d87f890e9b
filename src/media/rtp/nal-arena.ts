/**
 * Where a depacketizer keeps the NAL units of the access unit it is assembling: copied once out of
 * the packets (whose buffer the caller may then reuse), back to back, each behind a 4-byte
 * big-endian length, which is the sample format of fMP4 (AVCC/HVCC). A finished access unit's NAL
 * units are views into the arena, so its sample is a view too (see `sampleDataOf`), and a fragmented
 * NAL unit is reassembled in place, without a second copy.
 *
 * Space is taken from chunks of CHUNK_BYTES; an access unit that outgrows its chunk moves, whole, to
 * a larger one. Bytes handed out (`take`) are not written again until the owner says, through
 * `releaseThrough`, that everything handed out before a given view has been consumed (written to
 * disk): chunks wholly before it then go back to a pool of this thread and are used again, so that a
 * camera's steady stream of bytes allocates no new memory (each new buffer counts as external memory
 * to V8, and enough of it starts a full garbage collection). A chunk never released is simply
 * collected once no view into it is left.
 */
const CHUNK_BYTES = 256 * 1024;
const PREFIX = 4;
const EMPTY = Buffer.alloc(0);
/** Chunks of an arena that it has moved past, oldest first, kept for `releaseThrough`. */
const MAX_RETIRED = 16;
/** Free chunks kept by this thread (4 MiB): enough for the bursts of releases, when fragments are written. */
const MAX_POOLED = 16;
const pool: Buffer[] = [];

export class NalArena {
  private chunk: Buffer = EMPTY;
  private pos = 0;
  /** Start of the open access unit in `chunk`. */
  private auStart = 0;
  /** Offsets in `chunk` of the length prefixes of the open access unit's NAL units. */
  private starts: number[] = [];
  private nalus: Buffer[] = [];
  /** Offset of the length prefix of the NAL unit being written, or -1. */
  private pending = -1;
  /** Whether the pending NAL unit is complete (ended) and waits for `keep` or `drop`. */
  private ended = false;
  private retired: Buffer[] = [];

  /** Bytes of the open access unit, prefixes included. */
  get openBytes(): number {
    return this.pos - this.auStart;
  }

  /** Starts a NAL unit written piece by piece. */
  begin(): void {
    if (this.pending >= 0) this.drop();
    this.ensure(PREFIX);
    this.pending = this.pos;
    this.ended = false;
    this.pos += PREFIX;
  }

  writeByte(byte: number): void {
    this.ensure(1);
    this.chunk[this.pos++] = byte;
  }

  write(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.chunk.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Completes the NAL unit being written; `keep` or `drop` decides its fate. */
  end(): Buffer {
    const start = this.pending;
    const length = this.pos - start - PREFIX;
    this.chunk.writeUInt32BE(length, start);
    this.ended = true;
    return this.chunk.subarray(start + PREFIX, this.pos);
  }

  /** Whether `nal` is the NAL unit just completed by `end`. */
  isPending(nal: Buffer): boolean {
    return this.ended && nal.buffer === this.chunk.buffer && nal.byteOffset === this.chunk.byteOffset + this.pending + PREFIX && nal.length === this.pos - this.pending - PREFIX;
  }

  /** Adds the completed NAL unit to the access unit. */
  keep(): Buffer {
    const start = this.pending;
    const view = this.chunk.subarray(start + PREFIX, this.pos);
    this.starts.push(start);
    this.nalus.push(view);
    this.pending = -1;
    this.ended = false;
    return view;
  }

  /** Forgets the NAL unit being written (or completed and not kept). */
  drop(): void {
    if (this.pending < 0) return;
    this.pos = this.pending;
    this.pending = -1;
    this.ended = false;
  }

  /** Copies a whole NAL unit into the access unit. */
  add(nal: Uint8Array): Buffer {
    this.begin();
    this.write(nal);
    this.end();
    return this.keep();
  }

  get count(): number {
    return this.nalus.length;
  }

  /** Hands out the access unit's NAL units; their bytes are never written again. */
  take(): Buffer[] {
    this.drop();
    const nalus = this.nalus;
    this.nalus = [];
    this.starts = [];
    this.auStart = this.pos;
    return nalus;
  }

  /** Drops the open access unit; its space is reused. */
  discard(): void {
    this.pending = -1;
    this.ended = false;
    this.pos = this.auStart;
    if (this.nalus.length > 0) {
      this.nalus = [];
      this.starts = [];
    }
  }

  /**
   * Everything handed out before `view` (a view into this arena, or a piece of one) has been
   * consumed: the chunks wholly before `view`'s go back to the pool. A view from elsewhere changes nothing.
   */
  releaseThrough(view: Uint8Array): void {
    const buffer = view.buffer;
    const upTo = buffer === this.chunk.buffer ? this.retired.length : this.retired.findIndex((c) => c.buffer === buffer);
    if (upTo <= 0) return;
    for (const chunk of this.retired.splice(0, upTo)) if (pool.length < MAX_POOLED) pool.push(chunk);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.chunk.length) return;
    const open = this.pos - this.auStart;
    const size = Math.max(CHUNK_BYTES, 2 * (open + n));
    const next = size === CHUNK_BYTES && pool.length > 0 ? pool.pop()! : Buffer.allocUnsafeSlow(size);
    if (this.chunk.length === CHUNK_BYTES) {
      this.retired.push(this.chunk);
      if (this.retired.length > MAX_RETIRED) this.retired.shift();
    }
    this.chunk.copy(next, 0, this.auStart, this.pos);
    const shift = this.auStart;
    this.chunk = next;
    this.auStart = 0;
    this.pos = open;
    if (this.pending >= 0) this.pending -= shift;
    for (let i = 0; i < this.starts.length; i++) {
      const start = this.starts[i]! - shift;
      this.starts[i] = start;
      this.nalus[i] = next.subarray(start + PREFIX, start + PREFIX + next.readUInt32BE(start));
    }
  }
}
