import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRtpPacket } from '../../src/media/rtp/packet.ts';
import { InvalidError } from '../../src/shared/errors.ts';
import { rtpHeader } from './support/packetize.ts';

function expectMalformed(buf: Buffer): void {
  try {
    parseRtpPacket(buf);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).code).toBe('E_RTP_MALFORMED');
    return;
  }
  throw new Error('parsed a malformed packet');
}

describe('parseRtpPacket', () => {
  it('reads the fixed header and leaves the payload as a view', () => {
    const buf = Buffer.concat([rtpHeader(true, 96, 65535, 0xfffffff0, 0xdeadbeef), Buffer.from([1, 2, 3])]);
    const packet = parseRtpPacket(buf);
    expect(packet).toMatchObject({ version: 2, padding: false, extension: false, marker: true, payloadType: 96, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef });
    expect([...packet.payload]).toEqual([1, 2, 3]);
    expect(packet.payload.buffer).toBe(buf.buffer);
  });

  it('skips CSRCs, the header extension and padding', () => {
    const header = rtpHeader(false, 97, 7, 9000, 1);
    header[0] = 0x80 | 0x20 | 0x10 | 2;
    const csrcs = Buffer.alloc(8, 0xaa);
    const extension = Buffer.from([0xbe, 0xde, 0x00, 0x01, 9, 9, 9, 9]);
    const buf = Buffer.concat([header, csrcs, extension, Buffer.from([0x65, 0x88]), Buffer.from([0, 0, 3])]);
    const packet = parseRtpPacket(buf);
    expect(packet.padding && packet.extension).toBe(true);
    expect([...packet.payload]).toEqual([0x65, 0x88]);
  });

  it('refuses short packets, other versions and lengths beyond the packet', () => {
    expectMalformed(Buffer.alloc(11));
    const v1 = rtpHeader(false, 96, 1, 1, 1);
    v1[0] = 0x40;
    expectMalformed(v1);
    const csrc = rtpHeader(false, 96, 1, 1, 1);
    csrc[0] = 0x80 | 15;
    expectMalformed(Buffer.concat([csrc, Buffer.alloc(10)]));
    const ext = rtpHeader(false, 96, 1, 1, 1);
    ext[0] = 0x90;
    expectMalformed(Buffer.concat([ext, Buffer.from([0, 0])]));
    expectMalformed(Buffer.concat([ext, Buffer.from([0, 0, 0, 2, 1, 2, 3, 4])]));
    const pad = rtpHeader(false, 96, 1, 1, 1);
    pad[0] = 0xa0;
    expectMalformed(Buffer.concat([pad, Buffer.from([1, 0])]));
    expectMalformed(Buffer.concat([pad, Buffer.from([1, 9])]));
  });

  it('fuzz: any bytes give a packet inside the buffer or E_RTP_MALFORMED, nothing else', () => {
    const valid = fc.record({ header: fc.uint8Array({ minLength: 12, maxLength: 12 }), rest: fc.uint8Array({ maxLength: 80 }) }).map(({ header, rest }) => {
      const buf = Buffer.concat([Buffer.from(header), Buffer.from(rest)]);
      buf[0] = 0x80 | (buf[0]! & 0x3f);
      return buf;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)), valid), (buf) => {
        let packet;
        try {
          packet = parseRtpPacket(buf);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidError);
          expect((error as InvalidError).code).toBe('E_RTP_MALFORMED');
          return;
        }
        expect(packet.version).toBe(2);
        expect(packet.payload.byteOffset - buf.byteOffset).toBeGreaterThanOrEqual(12);
        expect(packet.payload.byteOffset - buf.byteOffset + packet.payload.length).toBeLessThanOrEqual(buf.length);
      }),
      { numRuns: 5000 },
    );
  });
});
