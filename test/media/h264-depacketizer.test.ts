/**
 * A real x264 clip (2 s, 25 fps, GOP 25), packetized into single NAL, STAP-A and FU-A packets with
 * sequence numbers and timestamps that wrap, then depacketized clean, with losses and reordering.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAccessUnits, splitAnnexB } from '../../src/media/annexb.ts';
import { H264Depacketizer } from '../../src/media/h264/depacketizer.ts';
import { parseH264Sps } from '../../src/media/h264/sps.ts';
import { makeClip, tempDir, type Clip } from './support/clips.ts';
import { depacketizeAll, sameNalus, sourceIndex, wholePicture } from './support/depacketize.ts';
import { packetize, type TestPacket } from './support/packetize.ts';

const FIRST_SEQ = 65_400;
const FIRST_TS = 0xffff_0000;
let remove: () => Promise<void>;
let clip: Clip;
let aus: Buffer[][];
let packets: TestPacket[];

beforeAll(async () => {
  const temp = await tempDir();
  remove = temp.remove;
  clip = await makeClip(temp.dir, 'clip', 'h264');
  aus = groupAccessUnits(splitAnnexB(clip.data), 'h264');
  packets = packetize('h264', aus, { firstSeq: FIRST_SEQ, firstTimestamp: FIRST_TS, mtu: 1000 });
});
afterAll(() => remove?.());

/** Packets of access unit `au` of the given kind. */
function packetsOf(au: number, kind?: TestPacket['kind']): TestPacket[] {
  return packets.filter((p) => p.au === au && (!kind || p.kind === kind));
}

function without(drop: (p: TestPacket) => boolean): TestPacket[] {
  return packets.filter((p) => !drop(p));
}

describe('H264Depacketizer on a real clip', () => {
  it('gives back every access unit, byte for byte, with keyframes and parameter sets', () => {
    expect(aus).toHaveLength(clip.keyframes.length);
    // With a larger MTU most P slices travel whole: all three packet kinds.
    const large = packetize('h264', aus, { firstSeq: FIRST_SEQ, firstTimestamp: FIRST_TS, mtu: 4000 });
    expect(new Set([...packets, ...large].map((p) => p.kind))).toEqual(new Set(['single', 'aggregate', 'fragment']));
    for (const sent of [packets, large]) {
    const dep = new H264Depacketizer();
    const out = depacketizeAll(dep, sent);
    expect(out).toHaveLength(50);
    out.forEach((au, i) => {
      expect(sourceIndex(au, FIRST_TS)).toBe(i);
      expect(sameNalus(au.nalus, aus[i]!)).toBe(true);
      expect(au.keyframe).toBe(clip.keyframes[i]);
      expect(au.codec).toBe('h264');
    });
    expect(out.filter((au) => au.keyframe)).toHaveLength(2);
    expect(dep.stats).toEqual({ packets: sent.length, discardedPackets: 0, malformedPackets: 0, accessUnits: 50, keyframes: 2, brokenAccessUnits: 0, droppedAccessUnits: 0 });
    expect(dep.sequence.stats).toMatchObject({ received: sent.length, lost: 0, duplicates: 0, reordered: 0 });
    const sps = dep.parameterSets!.sps[0]!;
    expect(sps.equals(aus[0]!.find((n) => (n[0]! & 0x1f) === 7)!)).toBe(true);
    const info = parseH264Sps(sps);
    expect([info.width, info.height]).toEqual([clip.stream.width, clip.stream.height]);
    expect([info.width, info.height]).toEqual([640, 360]);
    expect(dep.parameterSetsVersion).toBe(2);
    }
  });

  it('delimits by timestamp alone when a camera never sets the marker bit', () => {
    const unmarked = packets.map((p) => {
      const data = Buffer.from(p.data);
      data[1] = data[1]! & 0x7f;
      return { ...p, data, marker: false };
    });
    const dep = new H264Depacketizer();
    const out = depacketizeAll(dep, unmarked);
    expect(out).toHaveLength(50);
    out.forEach((au, i) => expect(sameNalus(au.nalus, aus[i]!)).toBe(true));
    expect(out[10]!.arrivalMs).toBe(10 * 40);
  });

  it('a lost fragment breaks its picture and drops the rest of the GOP', () => {
    const victim = [...Array(24).keys()].map((i) => i + 1).find((i) => packetsOf(i, 'fragment').length >= 2)!;
    const lost = packetsOf(victim, 'fragment')[1]!;
    const dep = new H264Depacketizer();
    const out = depacketizeAll(dep, without((p) => p === lost));
    expect(out.map((au) => sourceIndex(au, FIRST_TS))).toEqual([...Array(50).keys()].filter((i) => i < victim || i >= 25));
    expect(dep.stats).toMatchObject({ accessUnits: 50 - (25 - victim), brokenAccessUnits: 1, droppedAccessUnits: 25 - victim, keyframes: 2 });
    expect(dep.sequence.stats.lost).toBe(1);

    const lenient = new H264Depacketizer({ waitForKeyframe: false });
    const all = depacketizeAll(lenient, without((p) => p === lost));
    expect(lenient.stats).toMatchObject({ brokenAccessUnits: 1, droppedAccessUnits: 1, accessUnits: 49 });
    expect(all).toHaveLength(49);
  });

  it('a lost marker packet is found by the timestamp change', () => {
    const victim = 5;
    const last = packetsOf(victim).at(-1)!;
    expect(last.marker).toBe(true);
    const dep = new H264Depacketizer();
    const out = depacketizeAll(dep, without((p) => p === last));
    expect(out).toHaveLength(victim + 25);
    // The next picture cannot prove its start was not lost too: both count as broken.
    expect(dep.stats).toMatchObject({ brokenAccessUnits: 2, droppedAccessUnits: 25 - victim });
  });

  it('a whole lost picture stops the GOP; a keyframe right after a loss is kept', () => {
    const dep = new H264Depacketizer();
    const lostPackets = packetsOf(30).length;
    const out = depacketizeAll(dep, without((p) => p.au === 30));
    expect(out).toHaveLength(30);
    expect(dep.stats).toMatchObject({ brokenAccessUnits: 0, droppedAccessUnits: 19 });
    expect(dep.sequence.stats.lost).toBe(lostPackets);

    const before = new H264Depacketizer();
    expect(depacketizeAll(before, without((p) => p.au === 24))).toHaveLength(49);
    expect(before.stats).toMatchObject({ brokenAccessUnits: 0, droppedAccessUnits: 0, keyframes: 2 });
  });

  it('starts at the first keyframe when joining mid-stream, and drops duplicates', () => {
    const dep = new H264Depacketizer();
    const joined = packets.filter((p) => p.au >= 3).flatMap((p) => [p, p]);
    const out = depacketizeAll(dep, joined);
    expect(out.map((au) => sourceIndex(au, FIRST_TS))).toEqual([...Array(25).keys()].map((i) => i + 25));
    expect(dep.stats).toMatchObject({ droppedAccessUnits: 22, discardedPackets: joined.length / 2 });
    expect(dep.sequence.stats.duplicates).toBe(joined.length / 2);
  });

  it('a swapped pair is reordered, not lost, for the sequence; the picture is broken', () => {
    const pair = packetsOf(10);
    expect(pair.length).toBeGreaterThanOrEqual(2);
    const at = packets.indexOf(pair[0]!);
    const swapped = [...packets];
    [swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!];
    const dep = new H264Depacketizer();
    expect(depacketizeAll(dep, swapped)).toHaveLength(10 + 25);
    expect(dep.sequence.stats).toMatchObject({ lost: 0, reordered: 1 });
    expect(dep.stats).toMatchObject({ discardedPackets: 1, brokenAccessUnits: 1 });
  });

  it('property: with random losses, lost is exact and every emitted picture is whole and decodable from its keyframe', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: packets.length - 2 }), { maxLength: 30 }), fc.boolean(), (dropIdx, wait) => {
        const dropped = new Set(dropIdx);
        const kept = packets.filter((_, i) => !dropped.has(i));
        const dep = new H264Depacketizer({ waitForKeyframe: wait });
        const out = depacketizeAll(dep, kept);
        expect(dep.sequence.stats.lost).toBe(dropped.size);
        const completed = dep.stats.accessUnits + dep.stats.droppedAccessUnits;
        expect(completed).toBeLessThanOrEqual(50);
        expect(dep.stats.accessUnits).toBe(out.length);
        if (!wait) {
          // Broken pictures come out, but never a damaged NAL unit: each one is from its own picture.
          for (const au of out) for (const nal of au.nalus) expect(aus[sourceIndex(au, FIRST_TS)]!.some((n) => n.equals(nal))).toBe(true);
          return;
        }
        const emitted = new Set(out.map((au) => sourceIndex(au, FIRST_TS)));
        for (const au of out) {
          const i = sourceIndex(au, FIRST_TS);
          expect(wholePicture('h264', au.nalus, aus[i]!)).toBe(true);
          for (let k = i - (i % 25); k < i; k++) expect(emitted.has(k)).toBe(true);
        }
        if (dropped.size === 0) expect(out).toHaveLength(50);
      }),
      { numRuns: 200 },
    );
  });
});
