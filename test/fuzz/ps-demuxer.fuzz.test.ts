/**
 * The PS demuxer reads what a device (or anyone who can reach the media port) sends. Random bytes,
 * real PS (ours, H.264 and H.265) mutated, truncated and cut into random pieces, with random losses and
 * markers: `push` never throws, never holds more than its limit, and what it hands out is well formed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PsDemuxer } from '../../src/media/ps/demuxer.ts';
import { muxPsPicture } from '../../src/media/ps/muxer.ts';
import { DEFAULT_CLIPS, frameTimestamp, loadClip } from '../../src/media/simulator/clip.ts';

const LIMIT = 64 * 1024;
/** A header carried across pieces is at most about 1 KiB. */
const SLACK = 1100;
const real: Buffer[] = [];

beforeAll(async () => {
  for (const codec of ['h264', 'h265'] as const) {
    const clip = await loadClip(DEFAULT_CLIPS[codec], codec);
    for (let k = 0; k < 6; k++) {
      const frame = clip.frames[k]!;
      // Small pictures only: the clip's keyframe is cut to stay quick to fuzz.
      const nalus = frame.nalus.map((n) => n.subarray(0, 3000));
      real.push(muxPsPicture({ codec, nalus, keyframe: frame.keyframe, parameterSets: clip.parameterSets, pts90k: frameTimestamp(clip, k) }));
    }
  }
});

type Step = { bytes: Uint8Array; lose: boolean; marker: boolean };

function feed(steps: Step[]): void {
  const demuxer = new PsDemuxer({ maxPictureBytes: LIMIT });
  for (const step of steps) {
    if (step.lose) demuxer.lose();
    const units = demuxer.push(Buffer.from(step.bytes), 0, step.marker);
    for (const au of units) {
      expect(au.nalus.length).toBeGreaterThan(0);
      for (const nal of au.nalus) expect(nal.length).toBeGreaterThan(0);
    }
    expect(demuxer.heldBytes).toBeLessThanOrEqual(LIMIT + SLACK);
  }
  demuxer.flush(0);
  const stats = demuxer.stats;
  expect(stats.accessUnits).toBeGreaterThanOrEqual(stats.keyframes);
}

const step = (bytes: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Step> => fc.record({ bytes, lose: fc.constantFrom(false, false, false, false, true), marker: fc.boolean() });

describe('PS demuxer fuzz', () => {
  it('random bytes, and random bytes that look like PS headers', () => {
    const startCode = fc.tuple(fc.integer({ min: 0xb9, max: 0xff }), fc.uint8Array({ maxLength: 30 })).map(([id, rest]) => Uint8Array.from([0, 0, 1, id, ...rest]));
    const pieces = fc.oneof(fc.uint8Array({ maxLength: 2000 }), startCode, fc.array(startCode, { maxLength: 8 }).map((parts) => Uint8Array.from(parts.flatMap((p) => [...p]))));
    fc.assert(fc.property(fc.array(step(pieces), { maxLength: 30 }), (steps) => feed(steps)), { numRuns: 500 });
  });

  it('real PS mutated, truncated and cut into pieces', () => {
    const mutated = fc
      .tuple(fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }), fc.nat(), fc.nat())
      .map(([picks, flips, cutAt, truncate]) => {
        const stream = Buffer.concat(picks.map((i) => real[i]!));
        for (const [at, value] of flips) stream[at % stream.length] = value;
        const end = truncate % 4 === 0 ? truncate % stream.length : stream.length;
        return { stream: stream.subarray(0, end), cutAt };
      });
    fc.assert(
      fc.property(mutated, fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 20 }), fc.array(fc.boolean(), { maxLength: 20 }), ({ stream }, sizes, flags) => {
        const steps: Step[] = [];
        let at = 0;
        for (let i = 0; at < stream.length; i++) {
          const size = sizes[i % sizes.length]!;
          steps.push({ bytes: stream.subarray(at, at + size), lose: flags[i % Math.max(1, flags.length)] === true && i % 7 === 3, marker: flags[(i + 1) % Math.max(1, flags.length)] === true });
          at += size;
        }
        feed(steps);
      }),
      { numRuns: 300 },
    );
  });

  it('a stream of pictures larger than the limit never grows the demuxer past it', () => {
    const demuxer = new PsDemuxer({ maxPictureBytes: 10_000 });
    const big = muxPsPicture({ codec: 'h264', nalus: [Buffer.concat([Buffer.from([0x65]), Buffer.alloc(50_000, 0x11)])], keyframe: true, parameterSets: { codec: 'h264', sps: [Buffer.from([0x67, 1, 2, 3])], pps: [Buffer.from([0x68, 1])] }, pts90k: 0 });
    for (let i = 0; i < 20; i++) {
      for (let at = 0; at < big.length; at += 1400) demuxer.push(big.subarray(at, at + 1400), 0, at + 1400 >= big.length);
      expect(demuxer.heldBytes).toBeLessThanOrEqual(10_000);
    }
    expect(demuxer.stats.oversizedPictures).toBe(20);
    expect(demuxer.stats.accessUnits).toBe(0);
  });
});
