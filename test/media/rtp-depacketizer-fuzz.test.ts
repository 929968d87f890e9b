/**
 * Random and mutated RTP into both depacketizers: nothing throws, emitted access units are well
 * formed, and the counters add up. Mutations start from real x264/x265 packets.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAccessUnits, splitAnnexB } from '../../src/media/annexb.ts';
import { H264Depacketizer } from '../../src/media/h264/depacketizer.ts';
import { H265Depacketizer } from '../../src/media/h265/depacketizer.ts';
import type { RtpDepacketizer } from '../../src/media/rtp/depacketizer.ts';
import { parseRtpPacket } from '../../src/media/rtp/packet.ts';
import type { AccessUnit, RtpPacket } from '../../src/media/types.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { makeClip, tempDir } from './support/clips.ts';
import { packetize } from './support/packetize.ts';

type Codec = 'h264' | 'h265';
let remove: () => Promise<void>;
const real: Record<Codec, Buffer[]> = { h264: [], h265: [] };

beforeAll(async () => {
  const temp = await tempDir();
  remove = temp.remove;
  for (const codec of ['h264', 'h265'] as const) {
    const clip = await makeClip(temp.dir, codec, codec, { size: '160x96', seconds: 0.6 });
    real[codec] = packetize(codec, groupAccessUnits(splitAnnexB(clip.data), codec), { mtu: 300, firstSeq: 65_530 }).map((p) => p.data);
  }
});
afterAll(() => remove?.());

/** Payloads that look like the packet types the depacketizers know, with random insides. */
function payloadArb(codec: Codec): fc.Arbitrary<Uint8Array> {
  const body = fc.uint8Array({ maxLength: 40 });
  const h264 = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 255 }), body).map(([h, b]) => Uint8Array.from([h, ...b])),
    fc.tuple(fc.integer({ min: 0, max: 255 }), body).map(([f, b]) => Uint8Array.from([0x7c, f, ...b])),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), body), { maxLength: 4 }).map((items) => Uint8Array.from([0x78, ...items.flatMap(([s, b]) => [0, s, ...b.slice(0, s)])])),
  );
  const h265 = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), body).map(([a, b, rest]) => Uint8Array.from([a, b, ...rest])),
    fc.tuple(fc.integer({ min: 0, max: 255 }), body).map(([f, b]) => Uint8Array.from([49 << 1, 1, f, ...b])),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), body), { maxLength: 4 }).map((items) => Uint8Array.from([48 << 1, 1, ...items.flatMap(([s, b]) => [0, s, ...b.slice(0, s)])])),
  );
  return fc.oneof(codec === 'h264' ? h264 : h265, fc.uint8Array({ maxLength: 60 }));
}

function packetArb(codec: Codec): fc.Arbitrary<RtpPacket> {
  return fc.record({
    marker: fc.boolean(),
    sequenceNumber: fc.integer({ min: 0, max: 40 }),
    timestamp: fc.integer({ min: 0, max: 4 }).map((t) => t * 3600),
    payload: payloadArb(codec).map((u) => Buffer.from(u)),
  }).map((p) => ({ version: 2, padding: false, extension: false, payloadType: 96, ssrc: 1, ...p }));
}

/** Real packets with flipped bytes, cut short, dropped, repeated and moved. */
function mutatedArb(codec: Codec): fc.Arbitrary<Buffer[]> {
  const edit = fc.record({ index: fc.nat(), kind: fc.constantFrom('flip', 'cut', 'drop', 'dup', 'move'), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
  return fc.array(edit, { maxLength: 20 }).map((edits) => {
    const packets = real[codec].map((p) => Buffer.from(p));
    for (const e of edits) {
      if (packets.length === 0) break;
      const i = e.index % packets.length;
      const p = packets[i]!;
      if (e.kind === 'flip') p[e.at % p.length] = e.value;
      else if (e.kind === 'cut') packets[i] = p.subarray(0, e.at % (p.length + 1));
      else if (e.kind === 'drop') packets.splice(i, 1);
      else if (e.kind === 'dup') packets.splice(i, 0, p);
      else packets.splice(e.at % packets.length, 0, ...packets.splice(i, 1));
    }
    return packets;
  });
}

function create(codec: Codec, waitForKeyframe: boolean): RtpDepacketizer {
  const options = { waitForKeyframe, maxAccessUnitBytes: 4096 };
  return codec === 'h264' ? new H264Depacketizer(options) : new H265Depacketizer(options);
}

function checkAccessUnit(codec: Codec, au: AccessUnit): void {
  expect(au.codec).toBe(codec);
  expect(au.nalus.length).toBeGreaterThan(0);
  const types = au.nalus.map((n) => (codec === 'h264' ? n[0]! & 0x1f : (n[0]! >>> 1) & 0x3f));
  expect(au.nalus.every((n) => n.length >= (codec === 'h264' ? 1 : 2))).toBe(true);
  expect(types.some((t) => (codec === 'h264' ? t >= 1 && t <= 5 : t < 32))).toBe(true);
  expect(au.keyframe).toBe(types.some((t) => (codec === 'h264' ? t === 5 : t >= 16 && t <= 21)));
}

function checkStats(dep: RtpDepacketizer, pushed: number, out: AccessUnit[], wait: boolean): void {
  const s = dep.stats;
  const q = dep.sequence.stats;
  for (const value of [...Object.values(s), ...Object.values(q)]) expect(Number.isInteger(value) && value >= 0).toBe(true);
  expect(s.packets).toBe(pushed);
  expect(s.accessUnits).toBe(out.length);
  expect(s.keyframes).toBe(out.filter((au) => au.keyframe).length);
  expect(q.received + q.duplicates + q.discarded).toBe(pushed);
  expect(s.discardedPackets).toBe(q.duplicates + q.discarded + q.reordered);
  if (wait) expect(s.brokenAccessUnits).toBeLessThanOrEqual(s.droppedAccessUnits);
}

describe.each(['h264', 'h265'] as const)('%s depacketizer fuzz', (codec) => {
  it('random packets: nothing throws, counters consistent', () => {
    fc.assert(
      fc.property(fc.array(packetArb(codec), { maxLength: 60 }), fc.boolean(), (packets, wait) => {
        const dep = create(codec, wait);
        const out: AccessUnit[] = [];
        for (const [i, p] of packets.entries()) out.push(...dep.push(p, i));
        out.push(...dep.flush());
        for (const au of out) checkAccessUnit(codec, au);
        checkStats(dep, packets.length, out, wait);
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated real packets: only E_RTP_MALFORMED from the parser, nothing from the depacketizer', () => {
    fc.assert(
      fc.property(mutatedArb(codec), fc.boolean(), (raw, wait) => {
        const dep = create(codec, wait);
        const out: AccessUnit[] = [];
        let pushed = 0;
        for (const [i, buf] of raw.entries()) {
          let packet: RtpPacket;
          try {
            packet = parseRtpPacket(buf);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidError);
            expect((error as InvalidError).code).toBe('E_RTP_MALFORMED');
            continue;
          }
          pushed++;
          out.push(...dep.push(packet, i));
        }
        out.push(...dep.flush());
        for (const au of out) checkAccessUnit(codec, au);
        checkStats(dep, pushed, out, wait);
        dep.reset();
      }),
      { numRuns: 300 },
    );
  });
});
