/**
 * The pieces without sockets: PTZCmd bytes (GB/T 28181-2022 Annex A.3), SSRC and SDP, Digest
 * (RFC 2617 worked example), MANSCDP decoding of GB2312 bodies, Beijing times.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gbTime, parseGbTime } from '../../src/gb28181/manscdp/gb-time.ts';
import { ptzBytes, ptzCmd } from '../../src/gb28181/manscdp/ptz.ts';
import { parseManscdp } from '../../src/gb28181/manscdp/xml.ts';
import { alarmKindOf } from '../../src/gb28181/platform/device-alarms.ts';
import { makeSsrc, parseAnswer } from '../../src/gb28181/platform/sdp.ts';
import { DigestAuthenticator, digestResponse, parseDigest } from '../../src/gb28181/sip/digest.ts';

describe('PTZCmd (Annex A.3)', () => {
  it('writes A5 0F 01, the command, data bytes and the sum of bytes 1–7 mod 256', () => {
    // Up at tilt speed FAH: A5 0F 01 08 00 FA 00, sum 0x1B7 → B7.
    expect(ptzCmd({ kind: 'move', pan: 0, tilt: 1, zoom: 0, speed: 0xfa })).toBe('A50F010800FA00B7');
    // Right at pan speed 80H: A5 0F 01 01 80 00 00 → 0x136 → 36.
    expect(ptzCmd({ kind: 'move', pan: 1, tilt: 0, zoom: 0, speed: 0x80 })).toBe('A50F010180000036');
    // Left-down and zoom out: bits 1, 2 and 5; zoom speed is the high nibble of byte 7.
    expect(ptzCmd({ kind: 'move', pan: -1, tilt: -1, zoom: -1, speed: 0x40 })).toBe('A50F01264040409B');
    expect(ptzCmd({ kind: 'stop' })).toBe('A50F0100000000B5');
    expect(ptzCmd({ kind: 'preset-set', preset: 1 })).toBe('A50F018100010037');
    expect(ptzCmd({ kind: 'preset-delete', preset: 255 })).toBe('A50F018300FF0037');
    const bytes = ptzBytes({ kind: 'move', pan: 1, tilt: 1, zoom: 1, speed: 0x33 }, 0x123);
    expect(bytes[2]).toBe(0x23);
    expect(bytes[6]).toBe(0x31); // zoom speed 3 (high nibble), address high bits 1
    expect(bytes[1]! & 0x0f).toBe((0xa + 0x5 + (bytes[1]! >> 4)) % 16);
    expect(() => ptzCmd({ kind: 'preset-goto', preset: 0 })).toThrow(expect.objectContaining({ code: 'E_GB_PTZ' }));
    expect(() => ptzCmd({ kind: 'move', pan: 1, tilt: 0, zoom: 0, speed: 300 })).toThrow(expect.objectContaining({ code: 'E_GB_PTZ' }));
  });
});

describe('SSRC and SDP (§9.2, Annex G)', () => {
  it('makes y= from live/history, digits 4–8 of the domain and a serial', () => {
    expect(makeSsrc('Play', '3402000000', 1)).toBe('0200000001');
    expect(makeSsrc('Playback', '4401061234', 9999)).toBe('1106129999');
    expect(makeSsrc('Download', '4401061234', 10_001)).toBe('1106120001');
  });

  it('reads the answer: SSRC, address, port and stream type', () => {
    expect(parseAnswer('v=0\r\nc=IN IP4 10.1.2.3\r\nm=video 6000 TCP/RTP/AVP 98\r\na=rtpmap:98 H264/90000\r\ny=0100000001\r\n')).toEqual({ ssrc: '0100000001', host: '10.1.2.3', port: 6000, payload: 'H264' });
    expect(parseAnswer('m=video 6000 RTP/AVP 96\na=rtpmap:96 PS/90000\n')).toEqual({ ssrc: null, host: null, port: 6000, payload: 'PS' });
  });
});

describe('Digest (RFC 2617)', () => {
  it('computes the RFC 2617 §3.5 worked example (qop=auth) and checks nonces', () => {
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const ha1 = md5('Mufasa:testrealm@host.com:Circle Of Life');
    const ha2 = md5('GET:/dir/index.html');
    expect(md5(`${ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:${ha2}`)).toBe('6629fae49393a05397450978507c4ef1');
    let now = 1_000_000;
    const digest = new DigestAuthenticator('3402000000', () => now, 60_000);
    const nonce = /nonce="([^"]+)"/.exec(digest.challenge())![1]!;
    const uri = 'sip:34020000002000000001@3402000000';
    const response = digestResponse({ username: 'dev', realm: '3402000000', password: 'pw', method: 'REGISTER', uri, nonce });
    const credentials = parseDigest(`Digest username="dev", realm="3402000000", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`)!;
    expect(digest.verify(credentials, 'REGISTER', 'pw')).toBe('ok');
    expect(digest.verify(credentials, 'REGISTER', 'other')).toBe('wrong');
    expect(digest.verify({ ...credentials, nonce: `${nonce.split('.')[0]}.forged` }, 'REGISTER', 'pw')).toBe('foreign-nonce');
    now += 61_000;
    expect(digest.verify(credentials, 'REGISTER', 'pw')).toBe('stale');
  });
});

describe('MANSCDP bodies and times', () => {
  it('decodes GB2312 bodies through GB18030 and UTF-8 ones as UTF-8', () => {
    const gb = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="GB2312"?><Response><CmdType>DeviceInfo</CmdType><SN>1</SN><DeviceID>34020000001320000001</DeviceID><DeviceName>'), Buffer.from('b4f3c3c5', 'hex'), Buffer.from('</DeviceName></Response>')]);
    expect(parseManscdp(gb).body.DeviceName).toBe('大门');
    const utf8 = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Response><CmdType>DeviceInfo</CmdType><SN>1</SN><DeviceID>34020000001320000001</DeviceID><DeviceName>大门</DeviceName></Response>');
    expect(parseManscdp(utf8)).toMatchObject({ root: 'Response', cmdType: 'DeviceInfo', sn: 1, deviceId: '34020000001320000001', body: { DeviceName: '大门' } });
    expect(() => parseManscdp(Buffer.from('<Query><CmdType>Catalog</CmdType><SN>x</SN><DeviceID>1</DeviceID></Query>'))).toThrow(expect.objectContaining({ code: 'E_GB_MANSCDP' }));
  });

  it('writes and reads Beijing local times', () => {
    expect(gbTime(Date.parse('2026-12-04T00:00:00Z'))).toBe('2026-12-04T08:00:00');
    expect(parseGbTime('2026-12-04T08:00:00.250')).toBe('2026-12-04T00:00:00.250Z');
    expect(parseGbTime('2026-12-04 08:00:00')).toBe('2026-12-04T00:00:00.000Z');
    expect(parseGbTime('yesterday')).toBeNull();
  });

  it('maps device alarms to Custos kinds', () => {
    expect(alarmKindOf({ method: 5, type: 11 })).toBe('DEVICE_TAMPER');
    expect(alarmKindOf({ method: 2, type: 2 })).toBe('DEVICE_TAMPER');
    expect(alarmKindOf({ method: 5, type: 2 })).toBe('DEVICE_MOTION');
    expect(alarmKindOf({ method: 2, type: 1 })).toBe('DEVICE_ALARM');
    expect(alarmKindOf({ method: 1, type: null })).toBe('DEVICE_ALARM');
  });
});
