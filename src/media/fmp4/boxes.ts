/**
 * A minimal ISO BMFF box writer over one preallocated buffer: big-endian fields written in place,
 * boxes opened with a placeholder size and closed by patching it. No intermediate arrays.
 */

const TWO_32 = 0x1_0000_0000;

export class BoxWriter {
  /** Next write position. */
  pos: number;

  constructor(
    readonly buf: Buffer,
    offset = 0,
  ) {
    this.pos = offset;
  }

  u8(value: number): void {
    this.buf[this.pos++] = value & 0xff;
  }

  u16(value: number): void {
    this.buf.writeUInt16BE(value & 0xffff, this.pos);
    this.pos += 2;
  }

  u24(value: number): void {
    this.buf.writeUIntBE(value & 0xffffff, this.pos, 3);
    this.pos += 3;
  }

  u32(value: number): void {
    this.buf.writeUInt32BE(value >>> 0, this.pos);
    this.pos += 4;
  }

  i32(value: number): void {
    this.buf.writeInt32BE(value | 0, this.pos);
    this.pos += 4;
  }

  /** An unsigned 64-bit field from a safe integer (no BigInt on the hot path). */
  u64(value: number): void {
    this.u32(Math.floor(value / TWO_32));
    this.u32(value % TWO_32);
  }

  /** Four ASCII characters, e.g. a box type or a brand. */
  fourcc(code: string): void {
    const { buf, pos } = this;
    buf[pos] = code.charCodeAt(0);
    buf[pos + 1] = code.charCodeAt(1);
    buf[pos + 2] = code.charCodeAt(2);
    buf[pos + 3] = code.charCodeAt(3);
    this.pos += 4;
  }

  bytes(data: Uint8Array): void {
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  zeros(count: number): void {
    this.buf.fill(0, this.pos, this.pos + count);
    this.pos += count;
  }

  /** Opens a box; returns its start for `end`. */
  box(type: string): number {
    const start = this.pos;
    this.pos += 4;
    this.fourcc(type);
    return start;
  }

  /** Opens a full box (version and 24-bit flags); returns its start for `end`. */
  fullBox(type: string, version: number, flags: number): number {
    const start = this.box(type);
    this.u8(version);
    this.u24(flags);
    return start;
  }

  /** Closes the box opened at `start` by writing its size. */
  end(start: number): void {
    this.buf.writeUInt32BE(this.pos - start, start);
  }
}
