/**
 * The GB/T 28181 parsers under random and mutated input (fast-check, seeded): the SIP datagram parser
 * and the TCP stream reader throw nothing but SipParseError, the stream reader frames the same messages
 * however the bytes are cut, the MANSCDP reader throws nothing but E_GB_MANSCDP, Digest and header
 * values never throw anything else; and a running platform keeps serving a good device while garbage
 * arrives on its UDP socket and TCP port.
 */
import { createConnection } from 'node:net';
import { createSocket } from 'node:dgram';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManscdp } from '../../src/gb28181/manscdp/xml.ts';
import { readAlarm, readCatalog, readDeviceInfo, readDeviceStatus, readRecordInfo } from '../../src/gb28181/manscdp/read.ts';
import { parseDigest } from '../../src/gb28181/sip/digest.ts';
import { parseCSeq, parseNameAddr, parseVia } from '../../src/gb28181/sip/header-values.ts';
import { parseSipDatagram, serializeSip, SipParseError, SipStreamReader } from '../../src/gb28181/sip/message.ts';
import { parseAnswer } from '../../src/gb28181/platform/sdp.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { DEVICE, PASSWORD, startTestPlatform, type TestPlatform } from '../gb28181/support/platform.ts';
import { manscdp, TestUa } from '../gb28181/support/test-ua.ts';

const VALID = Buffer.from(
  [
    'MESSAGE sip:34020000002000000001@3402000000 SIP/2.0',
    'Via: SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK1234',
    'From: <sip:34020000001320000001@3402000000>;tag=abc',
    'To: <sip:34020000002000000001@3402000000>',
    'Call-ID: 1@10.0.0.5',
    'CSeq: 20 MESSAGE',
    'Content-Type: Application/MANSCDP+xml',
    'Content-Length: 120',
    '',
    manscdp('Notify', 'Keepalive', 7, '34020000001320000001', '<Status>OK</Status>').padEnd(120, ' ').slice(0, 120),
  ].join('\r\n'),
);

const sipish = fc.string({ unit: fc.constantFrom('\r\n', ':', ';', ' ', '<', '>', '@', '=', 'SIP/2.0', 'Via', 'CSeq', 'Content-Length', 'l', 'i', '1', '9', 'MESSAGE', 'sip:', 'tag', '\u0000', '\t', '"'), maxLength: 300 });

/** The valid message with bytes flipped, cut, or with a run of random bytes spliced in. */
const mutated = fc.oneof(
  fc.array(fc.tuple(fc.nat(VALID.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }).map((flips) => {
    const copy = Buffer.from(VALID);
    for (const [at, byte] of flips) copy[at] = byte;
    return copy;
  }),
  fc.nat(VALID.length).map((n) => VALID.subarray(0, n)),
  fc.tuple(fc.nat(VALID.length), fc.uint8Array({ maxLength: 64 })).map(([at, bytes]) => Buffer.concat([VALID.subarray(0, at), Buffer.from(bytes), VALID.subarray(at)])),
  sipish.map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
);

function onlySipErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
  }
}

describe('SIP parsing under random input', () => {
  it('parses the valid datagram', () => {
    const message = parseSipDatagram(VALID);
    expect(message.kind === 'request' && message.method).toBe('MESSAGE');
  });

  it('the datagram parser throws nothing but SipParseError', () => {
    fc.assert(fc.property(mutated, (bytes) => onlySipErrors(() => parseSipDatagram(bytes))), { numRuns: 2000 });
  });

  it('the stream reader frames the same messages however the stream is cut, and throws only SipParseError on garbage', () => {
    const stream = Buffer.concat([VALID, VALID, VALID]);
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 10 }), (cuts) => {
        const points = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
        const reader = new SipStreamReader();
        const out = points.slice(1).flatMap((end, i) => reader.feed(stream.subarray(points[i], end)));
        expect(out.map((m) => serializeSip(m).toString('latin1'))).toEqual(Array(3).fill(serializeSip(parseSipDatagram(VALID)).toString('latin1')));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(mutated, { maxLength: 4 }), (chunks) => {
        const reader = new SipStreamReader();
        onlySipErrors(() => chunks.forEach((chunk) => reader.feed(chunk)));
      }),
      { numRuns: 1000 },
    );
  });

  it('header values, Digest and SDP answers never throw anything but SipParseError', () => {
    fc.assert(
      fc.property(sipish, (text) => {
        onlySipErrors(() => parseVia(text));
        onlySipErrors(() => parseNameAddr(text));
        onlySipErrors(() => parseCSeq(text));
        expect(() => parseDigest(`Digest ${text}`)).not.toThrow();
        expect(() => parseAnswer(text)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

const VALID_XML = manscdp(
  'Response',
  'Catalog',
  3,
  '34020000001180000001',
  '<SumNum>1</SumNum><DeviceList Num="1"><Item><DeviceID>34020000001310000001</DeviceID><Name>Gate &amp; hall</Name><Status>ON</Status><Longitude>117.2</Longitude><Info><PTZType>1</PTZType></Info></Item></DeviceList>',
);
const xmlish = fc.string({ unit: fc.constantFrom('<', '>', '/', '=', '"', '&', ';', '#', '!', '?', '[', ']', 'Item', 'SN', 'CmdType', 'Response', 'DeviceID', 'DOCTYPE', 'ENTITY', 'CDATA', 'amp', '1', 'x', ' ', '\u0000'), maxLength: 400 });
const xmlMutated = fc.oneof(
  xmlish,
  fc.tuple(fc.nat(VALID_XML.length), xmlish).map(([at, text]) => VALID_XML.slice(0, at) + text + VALID_XML.slice(at)),
  fc.nat(VALID_XML.length).map((n) => VALID_XML.slice(0, n)),
  fc.integer({ min: 1, max: 40 }).map((depth) => VALID_XML.replace('<Status>ON</Status>', '<a>'.repeat(depth) + '</a>'.repeat(depth))),
);

describe('MANSCDP parsing under random input', () => {
  it('reads the valid catalog, entities included', () => {
    const message = parseManscdp(Buffer.from(VALID_XML));
    expect(readCatalog(message).items[0]).toMatchObject({ name: 'Gate & hall', ptzType: 1, longitude: 117.2 });
  });

  it('throws nothing but E_GB_MANSCDP, and every reader copes with what parses', () => {
    fc.assert(
      fc.property(xmlMutated, fc.constantFrom('GB2312', 'UTF-8'), (xml, encoding) => {
        try {
          const message = parseManscdp(Buffer.from(xml.replace('GB2312', encoding)));
          readCatalog(message);
          readDeviceInfo(message);
          readDeviceStatus(message);
          readRecordInfo(message);
          readAlarm(message, DEVICE, '2026-12-04T00:00:00.000Z');
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('E_GB_MANSCDP');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses DOCTYPE, entity declarations and nesting past the limit', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>&lol;</DeviceID></Notify>`;
    expect(() => parseManscdp(Buffer.from(laughs))).toThrow(expect.objectContaining({ code: 'E_GB_MANSCDP' }));
    const deep = VALID_XML.replace('<Status>ON</Status>', '<a>'.repeat(30) + '</a>'.repeat(30));
    expect(() => parseManscdp(Buffer.from(deep))).toThrow(expect.objectContaining({ code: 'E_GB_MANSCDP' }));
  });
});

describe('a running platform under garbage', () => {
  let env: TestPlatform;
  let good: TestUa;
  beforeAll(async () => {
    env = await startTestPlatform();
    good = await TestUa.open({ deviceId: DEVICE, transport: 'UDP', platformPort: env.platform.port });
    expect((await good.register(PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await good.close();
    await env.close();
  });

  it('keeps answering a good device while garbage arrives over UDP and TCP', async () => {
    const udp = createSocket('udp4');
    const samples = fc.sample(mutated, { numRuns: 300, seed: 7 });
    const garbage = samples.filter((b) => b.length > 0);
    const badBodies = fc.sample(xmlMutated, { numRuns: 50, seed: 8 });
    for (const [i, bytes] of garbage.entries()) {
      udp.send(bytes, env.platform.port, '127.0.0.1');
      if (i % 10 === 0) {
        const tcp = createConnection({ host: '127.0.0.1', port: env.platform.port });
        tcp.on('error', () => undefined);
        tcp.write(Buffer.concat([bytes, Buffer.from('\r\n\r\n')]));
        tcp.end();
      }
      if (i % 6 === 0) {
        const bad = badBodies[(i / 6) % badBodies.length]!;
        const answer = await good.transact(good.request('MESSAGE', { body: bad }));
        expect([200, 400]).toContain(answer.status);
      }
      if (i % 25 === 0) expect((await good.keepalive(i)).status).toBe(200);
    }
    udp.close();
    expect((await good.keepalive(999)).status).toBe(200);
    const stats = env.platform.stats();
    expect(stats.malformed).toBeGreaterThan(50);
    expect(stats.manscdpErrors).toBeGreaterThan(5);
    expect((await env.platform.getDevice(DEVICE)).online).toBe(true);
  }, 60_000);
});
