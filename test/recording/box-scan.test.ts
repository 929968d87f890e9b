import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastCompleteFragmentEnd } from '../../src/media/fmp4/parse.ts';
import { fragmentLayout, scanBoxes } from '../../src/recording/box-scan.ts';
import { parseInit } from '../../src/recording/fmp4-meta.ts';
import { salvageLayout } from '../../src/recording/salvage.ts';
import { hasTool, realClip, syntheticFragment, syntheticInit } from './support/fmp4.ts';

describe('box scanner', () => {
  const init = syntheticInit();
  const fragments = [1, 2, 3].map((n) => syntheticFragment(n, 10));
  const file = Buffer.concat([init, ...fragments]);

  it('finds the end of every complete moof+mdat pair, and only complete ones, as the muxer’s scanner does', () => {
    const ends = fragments.map((_, i) => init.length + fragments.slice(0, i + 1).reduce((n, f) => n + f.length, 0));
    expect(fragmentLayout(file)).toMatchObject({ initEnd: init.length, fragments: 3, end: file.length });
    for (let cut = 0; cut <= file.length; cut++) {
      const layout = fragmentLayout(file.subarray(0, cut));
      const expected = cut < init.length ? 0 : Math.max(init.length, ...ends.filter((e) => e <= cut));
      expect(layout.end).toBe(expected);
      expect(layout.fragments > 0 ? layout.end : 0).toBe(lastCompleteFragmentEnd(file.subarray(0, cut)));
    }
  });

  it('reads codec, timescale, frames and duration from a synthetic file', () => {
    expect(parseInit(syntheticInit('hvc1', 90_000))).toMatchObject({ codec: 'h265', timescale: 90_000 });
    expect(salvageLayout(file)).toEqual({ keptEnd: file.length, fragments: 3, frames: 30, durationMs: 1200, codec: 'h264' });
  });

  it.skipIf(!hasTool('ffmpeg'))('reads the same from a real ffmpeg fMP4 clip', () => {
    const clip = realClip(3);
    const real = Buffer.concat([clip.init, ...clip.fragments]);
    expect(clip.fragments).toHaveLength(3);
    expect(salvageLayout(real)).toEqual({ keptEnd: real.length, fragments: 3, frames: 75, durationMs: 3000, codec: 'h264' });
  });

  it('handles 64-bit box sizes and stops at size 0, short sizes and non-ASCII types', () => {
    const big = Buffer.alloc(24);
    big.writeUInt32BE(1);
    big.write('free', 4, 'latin1');
    big.writeBigUInt64BE(24n, 8);
    expect(scanBoxes(big)).toEqual([{ type: 'free', start: 0, headerSize: 16, end: 24 }]);
    const zero = Buffer.from(big);
    zero.writeUInt32BE(0);
    expect(scanBoxes(zero)).toEqual([]);
    const junk = Buffer.from(big);
    junk[5] = 0x01;
    expect(scanBoxes(junk)).toEqual([]);
  });

  it('never throws on random or mutated input, and never keeps more than it was given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
          fc.tuple(fc.nat(file.length), fc.array(fc.tuple(fc.nat(file.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 20 })).map(([cut, flips]) => {
            const b = Buffer.from(file.subarray(0, cut));
            for (const [at, v] of flips) if (at < b.length) b[at] = v;
            return b;
          }),
        ),
        (buf) => {
          const layout = fragmentLayout(buf);
          const kept = salvageLayout(buf);
          expect(layout.end).toBeLessThanOrEqual(buf.length);
          expect(kept.keptEnd).toBeLessThanOrEqual(layout.end);
          expect(Number.isSafeInteger(kept.durationMs) && Number.isSafeInteger(kept.frames)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
