/**
 * The recorder's copy-once path: packets read into one reused buffer, NAL units copied into the
 * depacketizer's arena behind their lengths, samples as views of the arena, fragments written as
 * pieces, and arena memory used again only once released. Each step against the plain one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAccessUnits, splitAnnexB } from '../../src/media/annexb.ts';
import { createFragment, createFragmentParts } from '../../src/media/fmp4/fragment.ts';
import { H264Depacketizer } from '../../src/media/h264/depacketizer.ts';
import { H265Depacketizer } from '../../src/media/h265/depacketizer.ts';
import { parseRtpPacket } from '../../src/media/rtp/packet.ts';
import { RtspMessageReader, type RtspEventSink } from '../../src/media/rtsp/message.ts';
import type { AccessUnit, RtpPacket, Sample } from '../../src/media/types.ts';
import { sampleDataOf } from '../../src/recorder/sample-data.ts';
import { makeClip, tempDir } from './support/clips.ts';
import { sameNalus } from './support/depacketize.ts';
import { packetize, type TestPacket } from './support/packetize.ts';
import { frameBytes, responseBytes } from './support/rtsp-bytes.ts';

let remove: () => Promise<void>;
const source: Record<'h264' | 'h265', Buffer[][]> = { h264: [], h265: [] };
const packets: Record<'h264' | 'h265', TestPacket[]> = { h264: [], h265: [] };

beforeAll(async () => {
  const temp = await tempDir();
  remove = temp.remove;
  for (const codec of ['h264', 'h265'] as const) {
    const clip = await makeClip(temp.dir, `clip-${codec}`, codec, { size: '640x360', seconds: 4 });
    source[codec] = groupAccessUnits(splitAnnexB(clip.data), codec);
    packets[codec] = packetize(codec, source[codec], { mtu: 1200 });
  }
});
afterAll(() => remove?.());

/** Each packet goes through one buffer that the next packet overwrites, as the shared read buffer does. */
function throughReusedBuffer(codec: 'h264' | 'h265', list: readonly TestPacket[], onUnit: (au: AccessUnit) => void = () => undefined): AccessUnit[] {
  const depacketizer = codec === 'h264' ? new H264Depacketizer() : new H265Depacketizer();
  const reused = Buffer.alloc(64 * 1024);
  const into = {} as RtpPacket;
  const out: AccessUnit[] = [];
  for (const p of list) {
    reused.fill(0xee);
    p.data.copy(reused);
    for (const au of depacketizer.push(parseRtpPacket(reused.subarray(0, p.data.length), into), p.au * 40)) {
      out.push(au);
      onUnit(au);
    }
  }
  reused.fill(0xee);
  out.push(...depacketizer.flush());
  return out;
}

describe('copy-once depacketizing', () => {
  it.each(['h264', 'h265'] as const)('%s: access units survive the reuse of every packet buffer', (codec) => {
    const out = throughReusedBuffer(codec, packets[codec]);
    expect(out).toHaveLength(source[codec].length);
    out.forEach((au, i) => expect(sameNalus(au.nalus, source[codec][i]!)).toBe(true));
  });

  it.each(['h264', 'h265'] as const)('%s: a sample is a view of the arena, equal to the copied one', (codec) => {
    const out = throughReusedBuffer(codec, packets[codec]);
    for (const au of out) {
      const view = sampleDataOf(au);
      const copied = sampleDataOf({ ...au, nalus: au.nalus.map((n) => Buffer.from(n)) });
      expect(view.equals(copied)).toBe(true);
      expect(view.buffer).toBe(au.nalus.at(-1)!.buffer);
    }
  });

  it('uses released memory again, and never memory still held', () => {
    const depacketizer = new H264Depacketizer();
    const held: { au: AccessUnit; copy: Buffer[] }[] = [];
    const buffers = new Set<ArrayBufferLike>();
    let released = 0;
    // The clip four times over (well past one chunk): release all but the last 10 units as it goes.
    for (let round = 0; round < 4; round++) {
      const list = packetize('h264', source.h264, { mtu: 1200, firstSeq: 1 + round * 10_000, firstTimestamp: round * 1_000_000 });
      for (const p of list) {
        for (const au of depacketizer.push(parseRtpPacket(p.data), p.au * 40)) {
          held.push({ au, copy: au.nalus.map((n) => Buffer.from(n)) });
          buffers.add(au.nalus[0]!.buffer);
          if (held.length - released > 10) depacketizer.releaseThrough(held[released++]!.au.nalus.at(-1)!);
        }
      }
    }
    expect(held.length).toBe(4 * source.h264.length);
    // Chunks came back: fewer distinct buffers than the bytes would need without reuse.
    const bytes = held.reduce((sum, h) => sum + h.copy.reduce((s, n) => s + n.length + 4, 0), 0);
    expect(buffers.size).toBeLessThan(bytes / (256 * 1024));
    // The units not released yet (and the one released last) are intact.
    for (const { au, copy } of held.slice(released - 1)) expect(sameNalus(au.nalus, copy)).toBe(true);
  });
});

describe('fragment as pieces', () => {
  it('writes the same bytes as the single buffer, neighbouring samples joined', () => {
    const arena = Buffer.from([9, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const samples: Sample[] = [
      { data: arena.subarray(1, 4), duration: 3600, keyframe: true, compositionOffset: 0 },
      { data: arena.subarray(4, 6), duration: 3600, keyframe: false, compositionOffset: 0 },
      { data: Buffer.from([7, 7]), duration: 3600, keyframe: false, compositionOffset: 0 },
      { data: arena.subarray(8, 10), duration: 3600, keyframe: false, compositionOffset: 0 },
    ];
    const parts = createFragmentParts(3, 2 ** 33, samples);
    expect(Buffer.concat(parts).equals(createFragment(3, 2 ** 33, samples))).toBe(true);
    expect(parts.slice(1).map((p) => [...p])).toEqual([[1, 2, 3, 4, 5], [7, 7], [8, 9]]);
  });
});

describe('RTSP reader with a kept buffer and a sink', () => {
  it('reads frames split anywhere out of one reused chunk, in order with messages', () => {
    const payloads = Array.from({ length: 40 }, (_, i) => Buffer.alloc(100 + ((i * 977) % 3000), i));
    const stream = Buffer.concat([responseBytes(200, 'OK', [['CSeq', '1']], 'hello'), ...payloads.map((p, i) => frameBytes(i % 2, p)), responseBytes(200, 'OK', [['CSeq', '2']])]);
    const reader = new RtspMessageReader({}, { keepBuffer: true });
    const seen: string[] = [];
    const sink: RtspEventSink = {
      interleaved: (channel, payload) => seen.push(`${channel}:${Buffer.from(payload).toString('hex')}`),
      message: (event) => seen.push(`msg:${event.type === 'response' ? event.headers.get('cseq') : ''}:${event.body.toString()}`),
    };
    const chunk = Buffer.alloc(1500);
    for (let at = 0, step = 1; at < stream.length; at += step, step = (step * 7 + 13) % 1500 || 1) {
      const piece = stream.subarray(at, at + step);
      chunk.fill(0xaa);
      piece.copy(chunk);
      expect(reader.feed(chunk.subarray(0, piece.length), sink)).toEqual([]);
    }
    expect(seen).toEqual(['msg:1:hello', ...payloads.map((p, i) => `${i % 2}:${p.toString('hex')}`), 'msg:2:']);
    expect(reader.pendingBytes).toBe(0);
  });
});
