import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIPS, loadClip } from '../../src/media/simulator/clip.ts';
import { RTP_MTU, packetCount, packetizeAccessUnit, packetizeClip, stampPackets, type PacketizedFrame } from '../../src/media/simulator/packetizer.ts';
import type { VideoCodec } from '../../src/media/types.ts';

interface Parsed {
  channel: number;
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

function parsePackets(bytes: Buffer): Parsed[] {
  const out: Parsed[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = bytes.readUInt16BE(at + 2);
    const rtp = bytes.subarray(at + 4, at + 4 + length);
    if (bytes[at] !== 0x24 || rtp[0] !== 0x80) throw new Error(`not an interleaved RTP packet at ${at}`);
    out.push({
      channel: bytes[at + 1]!,
      marker: (rtp[1]! & 0x80) !== 0,
      payloadType: rtp[1]! & 0x7f,
      sequence: rtp.readUInt16BE(2),
      timestamp: rtp.readUInt32BE(4),
      ssrc: rtp.readUInt32BE(8),
      payload: rtp.subarray(12),
    });
    at += 4 + length;
  }
  return out;
}

/** An independent reading of RFC 6184 FU-A and RFC 7798 FU, written from the RFCs for this test. */
function depacketize(codec: VideoCodec, payloads: Buffer[]): Buffer[] {
  const nalus: Buffer[] = [];
  let fragments: Buffer[] = [];
  for (const p of payloads) {
    const type = codec === 'h264' ? p[0]! & 0x1f : (p[0]! >> 1) & 0x3f;
    if (type !== (codec === 'h264' ? 28 : 49)) {
      nalus.push(p);
      continue;
    }
    const fu = p[codec === 'h264' ? 1 : 2]!;
    const start = (fu & 0x80) !== 0;
    const end = (fu & 0x40) !== 0;
    if (start) {
      fragments = [
        codec === 'h264' ? Buffer.from([(p[0]! & 0xe0) | (fu & 0x1f)]) : Buffer.from([(p[0]! & 0x81) | ((fu & 0x3f) << 1), p[1]!]),
      ];
    }
    fragments.push(p.subarray(codec === 'h264' ? 2 : 3));
    if (end) nalus.push(Buffer.concat(fragments));
  }
  return nalus;
}

function nal(codec: VideoCodec, size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  if (codec === 'h264') out[0] = 0x41;
  else {
    out[0] = 0x02;
    out[1] = 0x01;
  }
  return out;
}

function stamped(frame: PacketizedFrame, sequence: number): Parsed[] {
  const out = Buffer.from(frame.bytes);
  stampPackets(frame, out, { channel: 2, sequence, timestamp: 0xfffffff0 + 20, ssrc: 0xdeadbeef });
  return parsePackets(out);
}

describe('RTP packetizers', () => {
  it.each(['h264', 'h265'] as const)('%s: round-trips any access unit, packets within the MTU, marker on the last', (codec) => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 3, max: 9000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 65535 }), (sizes, sequence) => {
        const nalus = sizes.map((s, i) => nal(codec, s, i));
        const frame = packetizeAccessUnit(codec, nalus, false);
        const packets = stamped(frame, sequence);
        expect(packets).toHaveLength(packetCount(frame));
        expect(packets.every((p) => p.payload.length + 12 <= RTP_MTU)).toBe(true);
        expect(packets.map((p) => p.marker)).toEqual(packets.map((_, i) => i === packets.length - 1));
        expect(packets.map((p) => p.sequence)).toEqual(packets.map((_, i) => (sequence + i) & 0xffff));
        expect(new Set(packets.map((p) => `${p.channel}/${p.payloadType}/${p.timestamp}/${p.ssrc}`))).toEqual(new Set([`2/96/${(0xfffffff0 + 20) >>> 0}/${0xdeadbeef}`]));
        const back = depacketize(codec, packets.map((p) => p.payload));
        expect(back.length === nalus.length && back.every((b, i) => b.equals(nalus[i]!))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('uses a single NAL unit packet up to the MTU and FU-A one byte beyond it', () => {
    expect(packetCount(packetizeAccessUnit('h264', [nal('h264', RTP_MTU - 12, 1)], false))).toBe(1);
    const split = stamped(packetizeAccessUnit('h264', [nal('h264', RTP_MTU - 11, 1)], false), 0);
    expect(split).toHaveLength(2);
    expect(split.map((p) => [p.payload[0]! & 0x1f, p.payload[1]! & 0xc0])).toEqual([
      [28, 0x80],
      [28, 0x40],
    ]);
  });

  it.each(['h264', 'h265'] as const)('%s clip: parameter sets in band before each keyframe only', async (codec) => {
    const clip = await loadClip(DEFAULT_CLIPS[codec], codec);
    const frames = packetizeClip(clip);
    expect(frames).toHaveLength(100);
    const firstNal = (f: PacketizedFrame) => {
      const p = stamped(f, 0)[0]!.payload;
      return codec === 'h264' ? p[0]! & 0x1f : (p[0]! >> 1) & 0x3f;
    };
    const leading = codec === 'h264' ? 7 : 32;
    expect(frames.flatMap((f, i) => (firstNal(f) === leading ? [i] : []))).toEqual([0, 50]);
    const units = depacketize(codec, stamped(frames[0]!, 0).map((p) => p.payload));
    const sets = clip.parameterSets;
    expect(units.slice(0, codec === 'h264' ? 2 : 3)).toEqual([...(sets.vps ?? []), ...sets.sps, ...sets.pps]);
    expect(units.slice(codec === 'h264' ? 2 : 3)).toEqual(clip.frames[0]!.nalus);
  });
});
