/**
 * What a GB/T 28181 device or lower platform reads from the network: MANSCDP bodies, the INVITE's SDP,
 * Digest challenges, and whole SIP datagrams. Each parser reads or refuses with its own error code;
 * a simulated device fed mutated datagrams keeps answering its platform.
 */
import { createSocket } from 'node:dgram';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGbSimDevice, type GbSimDevice } from '../../src/gb28181/simulator/device.ts';
import { parseGbSdp, SdpError } from '../../src/gb28181/ua/sdp.ts';
import { digestAuthorization, parseDigestChallenge } from '../../src/gb28181/ua/digest.ts';
import { ManscdpParseError, parseManscdp, textOf } from '../../src/gb28181/ua/manscdp.ts';
import { PLATFORM_ID, StandInPlatform } from '../gb28181/support/stand-in-platform.ts';

const VALID_QUERY = '<?xml version="1.0" encoding="GB2312"?>\r\n<Query>\r\n<CmdType>Catalog</CmdType>\r\n<SN>17</SN>\r\n<DeviceID>34020000001180000001</DeviceID>\r\n</Query>\r\n';
const VALID_SDP = 'v=0\r\no=34020000002000000001 0 0 IN IP4 10.0.0.1\r\ns=Play\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=video 30000 TCP/RTP/AVP 96 98\r\na=recvonly\r\na=rtpmap:96 PS/90000\r\na=setup:passive\r\ny=0100000001\r\n';
const NASTY = ['<', '>', '&', '&amp;', '<!DOCTYPE x [<!ENTITY e "ha">]>', '&e;', ']]>', '\u0000', '\r\n', '=', ':', ' ', '99999999', '-1', 'm=video', 'y=', 'a=setup:', 'IN IP4', '<Item>', '</Query>', '__proto__'];

/** The valid text with a slice replaced by a nasty piece or random characters. */
function mutated(valid: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: valid.length }), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 30 })))
    .map(([at, cut, piece]) => valid.slice(0, at) + piece + valid.slice(Math.min(valid.length, at + cut)));
}

describe('GB/T 28181 device-side parsers', () => {
  it('MANSCDP: a document or E_MANSCDP_PARSE, nothing else', () => {
    const readsOrRefuses = (text: string) => {
      try {
        const doc = parseManscdp(Buffer.from(text, 'utf8'));
        expect(typeof doc.cmdType).toBe('string');
        expect(doc.cmdType.length).toBeGreaterThan(0);
      } catch (error) {
        expect(error).toBeInstanceOf(ManscdpParseError);
      }
    };
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), mutated(VALID_QUERY)), readsOrRefuses), { numRuns: 3000 });
    expect(textOf(parseManscdp(Buffer.from(VALID_QUERY)).body, 'SN')).toBe('17');
  });

  it('SDP: an offer with a port in range, or E_SDP', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), mutated(VALID_SDP)), (text) => {
        try {
          const offer = parseGbSdp(text);
          expect(offer.port).toBeGreaterThanOrEqual(0);
          expect(offer.port).toBeLessThanOrEqual(65535);
          expect(offer.ssrc === null || /^\d{1,10}$/.test(offer.ssrc)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(SdpError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('Digest challenges: read or undefined, and an answer is always computed for MD5', () => {
    const valid = 'Digest realm="3402000000", nonce="abc123", algorithm=MD5, qop="auth"';
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), mutated(valid)), (text) => {
        const challenge = parseDigestChallenge(text);
        if (!challenge) return;
        if (challenge.algorithm && challenge.algorithm.toUpperCase() !== 'MD5') return;
        expect(digestAuthorization(challenge, { username: 'u', password: 'p', method: 'REGISTER', uri: 'sip:x@y' })).toMatch(/^Digest /);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a simulated device under hostile SIP input', () => {
  let platform: StandInPlatform;
  let device: GbSimDevice;
  beforeAll(async () => {
    platform = await StandInPlatform.start('UDP', 'fuzz-secret');
    device = await startGbSimDevice({ platform: { id: PLATFORM_ID, host: '127.0.0.1', port: platform.port }, password: 'fuzz-secret', localHost: '127.0.0.1', keepaliveSec: 30 });
  });
  afterAll(async () => {
    await device.close();
    await platform.close();
  });

  it('drops or answers mutated MESSAGE and INVITE datagrams, then still answers DeviceInfo', async () => {
    const target = device.sipAddress;
    const head = (method: string, body: string) =>
      `${method} sip:34020000001310001001@3402000000 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKfuzz${method}\r\nFrom: <sip:${PLATFORM_ID}@3402000000>;tag=1\r\nTo: <sip:34020000001310001001@3402000000>\r\nCall-ID: fuzz-${method}\r\nCSeq: 1 ${method}\r\nContent-Type: Application/MANSCDP+xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const samples = fc.sample(fc.oneof(mutated(head('MESSAGE', VALID_QUERY)), mutated(head('INVITE', VALID_SDP)), fc.string({ unit: 'binary', maxLength: 300 })), 400);
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    for (const sample of samples) socket.send(Buffer.from(sample, 'utf8'), target.port, target.host);
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.close();
    expect(device.malformedReceived).toBeGreaterThan(0);
    const [info] = await platform.query(device.deviceId, 'DeviceInfo');
    expect(textOf(info!.body, 'Result')).toBe('OK');
    expect(device.status.registered).toBe(true);
  });
});
