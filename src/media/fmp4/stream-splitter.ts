/**
 * Splits a fragmented MP4 byte stream (arriving in arbitrary chunks, e.g. from a pipe) into its
 * init segment (everything up to and including moov) and its fragments (moof + mdat, with any
 * styp/sidx/prft before the moof). Only top-level box headers are read; bytes are copied once
 * per box.
 */

export type Fmp4Piece = { kind: 'init'; data: Buffer } | { kind: 'fragment'; data: Buffer; moofOffset: number };

/** Larger than any fragment a camera sends; a bigger size means the stream is not fMP4. */
const MAX_BOX = 256 * 1024 * 1024;

export class Fmp4StreamSplitter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private moofOffset = -1;
  private initDone = false;

  /** Feeds bytes; returns the pieces completed by them. Throws on bytes that cannot be fMP4. */
  push(chunk: Buffer): Fmp4Piece[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const pieces: Fmp4Piece[] = [];
    for (let box = this.nextBox(); box; box = this.nextBox()) {
      const piece = this.onBox(box);
      if (piece) pieces.push(piece);
    }
    return pieces;
  }

  private onBox(box: { type: string; data: Buffer }): Fmp4Piece | null {
    if (!this.initDone) {
      if (box.type === 'moof' || box.type === 'mdat') throw new Error(`fMP4 stream: ${box.type} before moov`);
      this.keep(box.data);
      if (box.type !== 'moov') return null;
      this.initDone = true;
      return { kind: 'init', data: this.takePending() };
    }
    if (box.type === 'moof') {
      if (this.moofOffset >= 0) throw new Error('fMP4 stream: moof without mdat');
      this.moofOffset = this.pendingBytes;
    }
    if (box.type === 'mdat' && this.moofOffset < 0) throw new Error('fMP4 stream: mdat without moof');
    this.keep(box.data);
    if (box.type !== 'mdat') return null;
    const moofOffset = this.moofOffset;
    this.moofOffset = -1;
    return { kind: 'fragment', data: this.takePending(), moofOffset };
  }

  private keep(data: Buffer): void {
    this.pending.push(data);
    this.pendingBytes += data.length;
  }

  private takePending(): Buffer {
    const data = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    return data;
  }

  /** The next whole top-level box, removed from the buffer, or null until more bytes arrive. */
  private nextBox(): { type: string; data: Buffer } | null {
    if (this.buffered < 8) return null;
    const head = this.peek(16);
    let size = head.readUInt32BE(0);
    if (size === 1) {
      if (head.length < 16) return null;
      const big = head.readBigUInt64BE(8);
      if (big > BigInt(MAX_BOX)) throw new Error('fMP4 stream: box too large');
      size = Number(big);
    }
    const header = head.readUInt32BE(0) === 1 ? 16 : 8;
    if (size < header || size > MAX_BOX) throw new Error(`fMP4 stream: invalid box size ${size}`);
    if (this.buffered < size) return null;
    const type = head.toString('latin1', 4, 8);
    return { type, data: this.take(size) };
  }

  private peek(n: number): Buffer {
    let count = 1;
    for (let len = (this.chunks[0] as Buffer).length; len < n && count < this.chunks.length; count++) len += (this.chunks[count] as Buffer).length;
    const head = count === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks.slice(0, count));
    return head.subarray(0, n);
  }

  private take(n: number): Buffer {
    let out: Buffer;
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) {
      out = Buffer.from(first.subarray(0, n));
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks, this.buffered);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
}
