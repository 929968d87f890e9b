/**
 * The PS-over-RTP receiver on real sockets: UDP packets swapped in flight are put back in order (no
 * picture lost), a lost packet costs its picture until the next keyframe, packets of another SSRC are
 * dropped and counted, packets before the SSRC is known are kept; RFC 4571 framing over TCP split anywhere.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Rfc4571Reader } from '../../../src/media/ps/rfc4571-reader.ts';
import { muxPsPicture } from '../../../src/media/ps/muxer.ts';
import { packetizePs } from '../../../src/media/ps/rtp-ps-packetizer.ts';
import { RtpPsReceiver } from '../../../src/media/ps/rtp-ps-receiver.ts';
import { DEFAULT_CLIPS, frameTimestamp, loadClip } from '../../../src/media/simulator/clip.ts';
import type { AccessUnit } from '../../../src/media/types.ts';

async function packetsOf(frames: number, ssrc: number, framed: boolean): Promise<Buffer[][]> {
  const clip = await loadClip(DEFAULT_CLIPS.h264, 'h264');
  let sequence = 65_500;
  return Array.from({ length: frames }, (_, k) => {
    const frame = clip.frames[k]!;
    const pack = muxPsPicture({ codec: 'h264', nalus: frame.nalus, keyframe: frame.keyframe, parameterSets: clip.parameterSets, pts90k: frameTimestamp(clip, k) });
    const packets = packetizePs(pack, { sequence, timestamp: frameTimestamp(clip, k), ssrc }, { framed, mtu: 600 });
    sequence = (sequence + packets.length) & 0xffff;
    return packets;
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('RTP PS receiver', () => {
  it('UDP: reordered packets are put back, another SSRC is dropped, early packets are kept, a loss costs pictures until a keyframe', async () => {
    const units: AccessUnit[] = [];
    const receiver = new RtpPsReceiver({ transport: 'udp', bindHost: '127.0.0.1', onAccessUnits: (out) => units.push(...out) });
    const { port } = await receiver.open();
    const sender = createSocket('udp4');
    const send = (packet: Buffer) => new Promise<void>((resolve) => sender.send(packet, port, '127.0.0.1', () => resolve()));
    const frames = await packetsOf(60, 1234, false);
    // Before the SSRC is known: kept.
    for (const packet of frames[0]!) await send(packet);
    await settle();
    receiver.expectSsrc(1234);
    for (let k = 1; k < 30; k++) {
      const packets = [...frames[k]!];
      if (packets.length > 2) [packets[0], packets[1]] = [packets[1]!, packets[0]!];
      for (const packet of packets) await send(packet);
      const stranger = Buffer.from(packets[0]!);
      stranger.writeUInt32BE(999, 8);
      await send(stranger);
    }
    await settle();
    expect(units).toHaveLength(30);
    expect(receiver.reorder!.reordered).toBeGreaterThan(0);
    expect(receiver.stats.wrongSsrc).toBe(29);
    expect(receiver.demuxer.framesLost).toBe(0);
    // A packet lost for good: its picture and the ones after it up to the next keyframe are not handed out.
    for (let k = 30; k < 60; k++) for (const [i, packet] of frames[k]!.entries()) if (!(k === 31 && i === 1)) await send(packet);
    await settle();
    receiver.close();
    sender.close();
    expect(receiver.demuxer.framesLost).toBe(1);
    expect(receiver.sequence.stats.lost).toBe(1);
    expect(units.length).toBeLessThan(60);
    expect(units.length).toBeGreaterThanOrEqual(31);
  });

  it('TCP passive: RFC 4571 packets split across writes anywhere', async () => {
    const units: AccessUnit[] = [];
    const receiver = new RtpPsReceiver({ transport: 'tcp-passive', bindHost: '127.0.0.1', onAccessUnits: (out) => units.push(...out) });
    const { port } = await receiver.open();
    receiver.expectSsrc(77);
    const stream = Buffer.concat((await packetsOf(20, 77, true)).flat());
    const socket = await new Promise<ReturnType<typeof connect>>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    });
    for (let at = 0; at < stream.length; at += 777) {
      socket.write(stream.subarray(at, at + 777));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await settle();
    socket.destroy();
    receiver.close();
    expect(units).toHaveLength(20);
    expect(receiver.stats).toMatchObject({ malformed: 0, wrongSsrc: 0, discarded: 0 });
  });

  it('the RFC 4571 reader skips empty frames and keeps a partial one', () => {
    const seen: string[] = [];
    const reader = new Rfc4571Reader((packet) => seen.push(packet.toString()));
    reader.push(Buffer.from([0, 0, 0, 3, 0x61]));
    reader.push(Buffer.from([0x62, 0x63, 0, 1]));
    reader.push(Buffer.from([0x64]));
    expect(seen).toEqual(['abc', 'd']);
  });
});
