/**
 * The live framing reads what arrives on a recorder's internal port from the network. Encoded chunks cut
 * at any points come back exactly; random bytes, and real frames mutated or truncated, either parse into
 * well-formed frames or throw LiveWireError, never anything else, and the parser never holds more than a
 * header and the largest payload allowed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHeartbeat, encodeLiveChunk, LiveFrameParser, LiveWireError, type LiveFrame } from '../../src/cluster/live-wire.ts';
import type { LiveChunk } from '../../src/viewing/live-hub.ts';

const LIMIT = 4096;

const chunk: fc.Arbitrary<LiveChunk> = fc.record({
  kind: fc.constantFrom('init' as const, 'fragment' as const),
  data: fc.uint8Array({ maxLength: 600 }),
  wallMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  keyframe: fc.boolean(),
});
const frame: fc.Arbitrary<LiveFrame> = fc.oneof(chunk, fc.integer({ min: 0, max: 4_102_444_800_000 }).map((wallMs) => ({ kind: 'heartbeat' as const, wallMs })));
const encode = (f: LiveFrame) => (f.kind === 'heartbeat' ? encodeHeartbeat(f.wallMs) : encodeLiveChunk(f));

/** `bytes` cut at the given points (as fractions of its length). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => Math.floor(p * bytes.length)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    pieces.push(bytes.subarray(from, to));
    from = to;
  }
  return pieces;
}

/** Feeds the pieces; every frame is well formed; answers the frames, or the LiveWireError that stopped it. */
function feed(pieces: Buffer[]): { frames: LiveFrame[]; error?: LiveWireError } {
  const parser = new LiveFrameParser(LIMIT);
  const frames: LiveFrame[] = [];
  for (const piece of pieces) {
    try {
      frames.push(...parser.push(piece));
    } catch (error) {
      if (!(error instanceof LiveWireError)) throw error;
      return { frames, error };
    }
    expect(parser.heldBytes).toBeLessThan(14 + LIMIT);
  }
  for (const f of frames) {
    expect(Number.isFinite(f.wallMs)).toBe(true);
    if (f.kind !== 'heartbeat') expect(f.data.length).toBeLessThanOrEqual(LIMIT);
  }
  return { frames };
}

const points = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

describe('live framing fuzz', () => {
  it('frames cut anywhere come back exactly as sent', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), points, (frames, at) => {
        const { frames: got, error } = feed(cut(Buffer.concat(frames.map(encode)), at));
        expect(error).toBeUndefined();
        expect(got.map((f) => (f.kind === 'heartbeat' ? f : { ...f, data: Buffer.from(f.data).toString('hex') }))).toEqual(
          frames.map((f) => (f.kind === 'heartbeat' ? f : { ...f, data: Buffer.from(f.data).toString('hex') })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes parse into well-formed frames or a LiveWireError', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (pieces) => void feed(pieces.map((p) => Buffer.from(p)))), { numRuns: 500 });
  });

  it('real frames mutated and truncated parse into well-formed frames or a LiveWireError', () => {
    const mutated = fc.tuple(fc.array(frame, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(), points);
    fc.assert(
      fc.property(mutated, ([frames, flips, truncate, at]) => {
        const bytes = Buffer.concat(frames.map(encode));
        for (const [where, value] of flips) bytes[where % bytes.length] = value;
        void feed(cut(bytes.subarray(0, bytes.length - (truncate % bytes.length)), at));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a payload over the limit as soon as its header arrives, before holding it', () => {
    const big = encodeLiveChunk({ kind: 'fragment', data: new Uint8Array(LIMIT + 1), wallMs: 1, keyframe: true });
    expect(() => new LiveFrameParser(LIMIT).push(big.subarray(0, 14))).toThrow(LiveWireError);
  });
});
