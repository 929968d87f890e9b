import type { NalArena } from './nal-arena.ts';

/**
 * Reassembles one fragmented NAL unit (H.264 FU-A, H.265 FU) in the depacketizer's arena: its
 * reconstructed header, then each fragment's bytes, copied once as they arrive (the packet buffer
 * may be reused afterwards). `finish` returns the NAL unit as a view into the arena; the depacketizer
 * then keeps it in the access unit, or drops it.
 */
export class FragmentBuffer {
  /** The NAL unit type being reassembled, or -1. */
  nalType = -1;
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly arena: NalArena,
  ) {}

  get active(): boolean {
    return this.nalType !== -1;
  }

  /** Starts a NAL unit with its reconstructed header (one byte for H.264, two for H.265; `header1` < 0 for one). */
  start(nalType: number, header0: number, header1: number, fragment: Buffer): void {
    this.nalType = nalType;
    this.arena.begin();
    this.arena.writeByte(header0);
    if (header1 >= 0) this.arena.writeByte(header1);
    this.bytes = header1 < 0 ? 1 : 2;
    this.append(fragment);
  }

  /** False when the NAL unit would grow past the limit (the caller abandons it). */
  append(fragment: Buffer): boolean {
    if (this.bytes + fragment.length > this.maxBytes) return false;
    this.arena.write(fragment);
    this.bytes += fragment.length;
    return true;
  }

  finish(): Buffer {
    const nal = this.arena.end();
    this.nalType = -1;
    this.bytes = 0;
    return nal;
  }

  clear(): void {
    if (this.nalType !== -1) this.arena.drop();
    this.bytes = 0;
    this.nalType = -1;
  }
}
