/**
 * The top-level scanner on hostile input: random bytes, random box headers and random cuts of a
 * real file never throw, and every box it reports lies whole inside the buffer, end to end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFragment } from '../../src/media/fmp4/fragment.ts';
import { lastCompleteFragmentEnd, scanBoxes } from '../../src/media/fmp4/parse.ts';

function checkWellFormed(buf: Uint8Array): void {
  let expected = 0;
  for (const box of scanBoxes(buf)) {
    expect(box.offset).toBe(expected);
    expect(box.size).toBeGreaterThanOrEqual(8);
    expected += box.size;
  }
  expect(expected).toBeLessThanOrEqual(buf.length);
  const end = lastCompleteFragmentEnd(buf);
  expect(end).toBeGreaterThanOrEqual(0);
  expect(end).toBeLessThanOrEqual(buf.length);
}

/** A box header with an arbitrary size (including 0, 1 with a 64-bit size, and lies). */
const header = fc.tuple(fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 0xffffffff })), fc.constantFrom('moof', 'mdat', 'ftyp', 'free', '\0\0\0\0'), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));

describe('scanBoxes', () => {
  it('reads a 64-bit size, and stops at size 0 and at a size below the header', () => {
    const large = Buffer.alloc(24);
    large.writeUInt32BE(1, 0);
    large.write('mdat', 4, 'latin1');
    large.writeBigUInt64BE(24n, 8);
    expect(scanBoxes(large)).toEqual([{ type: 'mdat', offset: 0, size: 24 }]);
    expect(scanBoxes(Buffer.from([0, 0, 0, 0, 0x6d, 0x64, 0x61, 0x74, 1, 2, 3, 4]))).toEqual([]);
    expect(scanBoxes(Buffer.from([0, 0, 0, 4, 0x66, 0x72, 0x65, 0x65]))).toEqual([]);
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => checkWellFormed(bytes)));
  });

  it('never throws on random box headers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(header, fc.uint8Array({ maxLength: 64 })), { maxLength: 8 }), (parts) => {
        const chunks = parts.map(([[size, type, large], body]) => {
          const head = Buffer.alloc(size === 1 ? 16 : 8);
          head.writeUInt32BE(size, 0);
          head.write(type, 4, 'latin1');
          if (size === 1) head.writeBigUInt64BE(large, 8);
          return Buffer.concat([head, body]);
        });
        checkWellFormed(Buffer.concat(chunks));
      }),
    );
  });

  it('never throws on cuts and flipped bytes of real fragments, and reads views at an offset', () => {
    const sample = (n: number, keyframe: boolean) => ({ data: Buffer.alloc(n, 7), duration: 3600, keyframe, compositionOffset: 0 });
    const file = Buffer.concat([createFragment(1, 0, [sample(100, true), sample(30, false)]), createFragment(2, 7200, [sample(90, true)])]);
    fc.assert(
      fc.property(fc.nat({ max: file.length }), fc.array(fc.tuple(fc.nat({ max: file.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), fc.nat({ max: 16 }), (cut, flips, pad) => {
        const host = Buffer.alloc(pad + cut);
        file.copy(host, pad, 0, cut);
        for (const [at, value] of flips) if (at < cut) host[pad + at] = value;
        checkWellFormed(host.subarray(pad));
      }),
    );
  });
});
