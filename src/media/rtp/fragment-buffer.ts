/**
 * Reassembles one fragmented NAL unit (H.264 FU-A, H.265 FU). Fragments are kept as views and
 * copied once, into a buffer of the exact size, when the last one arrives.
 */
export class FragmentBuffer {
  /** The NAL unit type being reassembled, or -1. */
  nalType = -1;
  private readonly parts: Buffer[] = [];
  private count = 0;
  private bytes = 0;
  private headerLength = 1;
  private header0 = 0;
  private header1 = 0;

  constructor(private readonly maxBytes: number) {}

  get active(): boolean {
    return this.nalType !== -1;
  }

  /** Starts a NAL unit with its reconstructed header (one byte for H.264, two for H.265; `header1` < 0 for one). */
  start(nalType: number, header0: number, header1: number, fragment: Buffer): void {
    this.nalType = nalType;
    this.header0 = header0;
    this.header1 = header1;
    this.headerLength = header1 < 0 ? 1 : 2;
    this.count = 0;
    this.bytes = this.headerLength;
    this.append(fragment);
  }

  /** False when the NAL unit would grow past the limit (the caller abandons it). */
  append(fragment: Buffer): boolean {
    if (this.bytes + fragment.length > this.maxBytes) return false;
    if (this.count < this.parts.length) this.parts[this.count] = fragment;
    else this.parts.push(fragment);
    this.count++;
    this.bytes += fragment.length;
    return true;
  }

  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.bytes);
    out[0] = this.header0;
    if (this.headerLength === 2) out[1] = this.header1;
    let offset = this.headerLength;
    for (let i = 0; i < this.count; i++) {
      const part = this.parts[i]!;
      out.set(part, offset);
      offset += part.length;
    }
    this.clear();
    return out;
  }

  clear(): void {
    // Dropping the views lets the packets' buffers go.
    for (let i = 0; i < this.count; i++) this.parts[i] = EMPTY;
    this.count = 0;
    this.bytes = 0;
    this.nalType = -1;
  }
}

const EMPTY = Buffer.alloc(0);
