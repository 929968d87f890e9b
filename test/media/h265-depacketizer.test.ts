/** A real x265 clip (2 s, 25 fps, keyint 25), packetized into single NAL, AP and FU packets, then depacketized. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAccessUnits, splitAnnexB } from '../../src/media/annexb.ts';
import { H265Depacketizer } from '../../src/media/h265/depacketizer.ts';
import { parseH265Sps } from '../../src/media/h265/sps.ts';
import { makeClip, tempDir, type Clip } from './support/clips.ts';
import { depacketizeAll, sameNalus, sourceIndex, wholePicture } from './support/depacketize.ts';
import { packetize, type TestPacket } from './support/packetize.ts';

const FIRST_SEQ = 65_500;
const FIRST_TS = 0xffff_f000;
let remove: () => Promise<void>;
let clip: Clip;
let aus: Buffer[][];
let packets: TestPacket[];

beforeAll(async () => {
  const temp = await tempDir();
  remove = temp.remove;
  clip = await makeClip(temp.dir, 'clip', 'h265');
  aus = groupAccessUnits(splitAnnexB(clip.data), 'h265');
  packets = packetize('h265', aus, { firstSeq: FIRST_SEQ, firstTimestamp: FIRST_TS, mtu: 1000 });
});
afterAll(() => remove?.());

describe('H265Depacketizer on a real clip', () => {
  it('gives back every access unit, byte for byte, with IRAP keyframes and VPS/SPS/PPS', () => {
    expect(aus).toHaveLength(50);
    const large = packetize('h265', aus, { firstSeq: FIRST_SEQ, firstTimestamp: FIRST_TS, mtu: 4000 });
    expect(new Set([...packets, ...large].map((p) => p.kind))).toEqual(new Set(['single', 'aggregate', 'fragment']));
    for (const sent of [packets, large]) {
      const dep = new H265Depacketizer();
      const out = depacketizeAll(dep, sent);
      expect(out).toHaveLength(50);
      out.forEach((au, i) => {
        expect(sourceIndex(au, FIRST_TS)).toBe(i);
        expect(sameNalus(au.nalus, aus[i]!)).toBe(true);
        expect(au.keyframe).toBe(clip.keyframes[i]);
      });
      expect(dep.stats).toEqual({ packets: sent.length, discardedPackets: 0, malformedPackets: 0, accessUnits: 50, keyframes: 2, brokenAccessUnits: 0, droppedAccessUnits: 0 });
      const sets = dep.parameterSets!;
      expect([sets.vps?.length, sets.sps.length, sets.pps.length]).toEqual([1, 1, 1]);
      const info = parseH265Sps(sets.sps[0]!);
      expect([info.width, info.height]).toEqual([640, 360]);
      expect(info.codecString).toBe(`hvc1.1.6.L${clip.stream.level}.90`);
    }
  });

  it('a lost fragment breaks its picture and drops up to the next IRAP', () => {
    const victim = [...Array(24).keys()].map((i) => i + 1).find((i) => packets.filter((p) => p.au === i && p.kind === 'fragment').length >= 3)!;
    const lost = packets.filter((p) => p.au === victim)[1]!;
    const dep = new H265Depacketizer();
    const out = depacketizeAll(dep, packets.filter((p) => p !== lost));
    expect(out.map((au) => sourceIndex(au, FIRST_TS))).toEqual([...Array(50).keys()].filter((i) => i < victim || i >= 25));
    expect(dep.stats).toMatchObject({ brokenAccessUnits: 1, droppedAccessUnits: 25 - victim, keyframes: 2 });
    expect(dep.sequence.stats.lost).toBe(1);
  });

  it('property: with random losses and duplicates, lost is exact and every emitted picture is whole and decodable from its IRAP', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: packets.length - 2 }), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (dropIdx, dupPicks) => {
        const dropped = new Set(dropIdx);
        const kept = packets.filter((_, i) => !dropped.has(i));
        for (const pick of dupPicks) {
          const i = pick % kept.length;
          kept.splice(i + 1, 0, kept[i]!);
        }
        const dep = new H265Depacketizer();
        const out = depacketizeAll(dep, kept);
        expect(dep.sequence.stats.lost).toBe(dropped.size);
        expect(dep.sequence.stats.duplicates).toBe(dupPicks.length);
        const emitted = new Set(out.map((au) => sourceIndex(au, FIRST_TS)));
        for (const au of out) {
          const i = sourceIndex(au, FIRST_TS);
          expect(wholePicture('h265', au.nalus, aus[i]!)).toBe(true);
          for (let k = i - (i % 25); k < i; k++) expect(emitted.has(k)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
