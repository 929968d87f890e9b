import { describe, expect, it } from 'vitest';
import { RtpWallClock, parseRtcpSenderReport } from '../../src/media/rtsp/rtcp.ts';

const NTP_OFFSET = 2_208_988_800;

function senderReport(ssrc: number, unixMs: number, rtp: number): Buffer {
  const sr = Buffer.alloc(28);
  sr[0] = 0x80;
  sr[1] = 200;
  sr.writeUInt16BE(6, 2);
  sr.writeUInt32BE(ssrc, 4);
  const seconds = Math.floor(unixMs / 1000);
  sr.writeUInt32BE(seconds + NTP_OFFSET, 8);
  sr.writeUInt32BE(Math.round(((unixMs - seconds * 1000) / 1000) * 2 ** 32), 12);
  sr.writeUInt32BE(rtp >>> 0, 16);
  sr.writeUInt32BE(100, 20);
  sr.writeUInt32BE(123_456, 24);
  return sr;
}

/** An SDES packet with one CNAME item, to make compound packets. */
function sdes(ssrc: number): Buffer {
  const packet = Buffer.alloc(16);
  packet[0] = 0x81;
  packet[1] = 202;
  packet.writeUInt16BE(3, 2);
  packet.writeUInt32BE(ssrc, 4);
  packet[8] = 1;
  packet[9] = 3;
  packet.write('cam', 10);
  return packet;
}

describe('RTCP sender reports', () => {
  const wall = Date.UTC(2025, 0, 2, 3, 4, 5, 250);

  it('parses an SR, alone or after another packet in a compound', () => {
    expect(parseRtcpSenderReport(senderReport(0xdeadbeef, wall, 90_000))).toMatchObject({ ssrc: 0xdeadbeef, rtpTimestamp: 90_000, packetCount: 100, octetCount: 123_456 });
    const report = parseRtcpSenderReport(Buffer.concat([sdes(1), senderReport(7, wall, 5)]));
    expect(report?.ssrc).toBe(7);
    expect(report?.ntpMs).toBeCloseTo(wall, 3);
  });

  it('ignores what is not a well-formed SR', () => {
    expect(parseRtcpSenderReport(sdes(1))).toBeUndefined();
    expect(parseRtcpSenderReport(senderReport(1, wall, 0).subarray(0, 20))).toBeUndefined();
    expect(parseRtcpSenderReport(Buffer.from([0x40, 200, 0, 6]))).toBeUndefined();
    expect(parseRtcpSenderReport(Buffer.alloc(0))).toBeUndefined();
  });

  it('maps RTP time to wall-clock ms, across the 32-bit wrap in both directions', () => {
    const clock = new RtpWallClock(90_000);
    expect(clock.toWallMs(0)).toBeUndefined();
    clock.onRtcp(senderReport(1, wall, 0xffff_ff00));
    expect(clock.toWallMs(0xffff_ff00 + 90_000 - 2 ** 32)).toBeCloseTo(wall + 1000, 3);
    expect(clock.toWallMs(0xffff_ff00 - 45_000)).toBeCloseTo(wall - 500, 3);
    clock.onRtcp(senderReport(1, wall + 10_000, 100));
    expect(clock.toWallMs(2 ** 32 - 89_900)).toBeCloseTo(wall + 9000, 3);
  });

  it('uses only reports from its own source once it knows it', () => {
    const clock = new RtpWallClock(90_000, 5);
    expect(clock.onRtcp(senderReport(6, wall, 0))).toBe(false);
    expect(clock.synchronised).toBe(false);
    expect(clock.onRtcp(senderReport(5, wall, 0))).toBe(true);
    expect(clock.toWallMs(9000)).toBeCloseTo(wall + 100, 3);
  });
});
