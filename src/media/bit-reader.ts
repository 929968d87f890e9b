import { InvalidError } from '../shared/errors.ts';

/** MSB-first reader with the Exp-Golomb codes of H.264/H.265 (§9.1). Reading past the end throws InvalidError `code`. */
export class BitReader {
  private position = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly code: string,
  ) {}

  get bitsLeft(): number {
    return this.data.length * 8 - this.position;
  }

  u1(): number {
    if (this.position >= this.data.length * 8) throw this.overrun();
    const bit = (this.data[this.position >>> 3]! >>> (7 - (this.position & 7))) & 1;
    this.position++;
    return bit;
  }

  /** Up to 32 bits, unsigned. */
  u(bits: number): number {
    if (bits > this.bitsLeft) throw this.overrun();
    let value = 0;
    for (let i = 0; i < bits; i++) value = value * 2 + this.u1();
    return value;
  }

  skip(bits: number): void {
    if (bits > this.bitsLeft) throw this.overrun();
    this.position += bits;
  }

  ue(): number {
    let zeros = 0;
    while (this.u1() === 0) {
      if (++zeros > 31) throw new InvalidError(this.code, { details: { reason: 'Exp-Golomb code longer than 32 bits' } });
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }

  private overrun(): InvalidError {
    return new InvalidError(this.code, { details: { reason: 'truncated' } });
  }
}
