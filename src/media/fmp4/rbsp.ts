/**
 * Reading fields out of a NAL unit's payload: emulation-prevention bytes removed, then an
 * MSB-first bit reader with Exp-Golomb codes (H.264 7.2, 9.1; H.265 7.2, 9.2).
 */
import { InvalidError } from '../../shared/errors.ts';

/** The RBSP of a NAL unit: every 0x000003 becomes 0x0000. Copies only when there is one. */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  let zeros = 0;
  let first = -1;
  for (let i = 0; i < nal.length; i++) {
    const b = nal[i]!;
    if (zeros >= 2 && b === 3) {
      first = i;
      break;
    }
    zeros = b === 0 ? zeros + 1 : 0;
  }
  if (first < 0) return nal;
  const out = new Uint8Array(nal.length);
  out.set(nal.subarray(0, first));
  let n = first;
  zeros = 0;
  for (let i = first + 1; i < nal.length; i++) {
    const b = nal[i]!;
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out[n++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, n);
}

export class BitReader {
  private bit = 0;

  constructor(private readonly data: Uint8Array) {}

  /** Bits consumed so far. */
  get position(): number {
    return this.bit;
  }

  /** An unsigned field of up to 32 bits. */
  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + this.flag();
    return value;
  }

  flag(): number {
    const byte = this.bit >>> 3;
    if (byte >= this.data.length) throw new InvalidError('E_MEDIA_BAD_PARAMETER_SET', { details: { reason: 'truncated' } });
    const value = (this.data[byte]! >>> (7 - (this.bit & 7))) & 1;
    this.bit++;
    return value;
  }

  skip(count: number): void {
    this.bit += count;
  }

  /** ue(v): unsigned Exp-Golomb. */
  ue(): number {
    let leadingZeros = 0;
    while (this.flag() === 0) {
      if (++leadingZeros > 31) throw new InvalidError('E_MEDIA_BAD_PARAMETER_SET', { details: { reason: 'exp-golomb overflow' } });
    }
    return 2 ** leadingZeros - 1 + this.u(leadingZeros);
  }
}
