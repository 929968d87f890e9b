/**
 * GB/T 28181-2022 §9.2 live and §9.8 playback as UAC: the INVITE's SDP offer (s=, u=, t=, m=, setup,
 * y=), the Subject, ACK to the device's Contact, BYE from us and from the device (the listener told).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ntpSeconds } from '../../src/gb28181/platform/sdp.ts';
import { parseCSeq, tagOf } from '../../src/gb28181/sip/header-values.ts';
import { responseTo, SipHeaders, type SipRequest } from '../../src/gb28181/sip/message.ts';
import { CAMERA_CH, eventually, NVR, PASSWORD, startTestPlatform, type TestPlatform } from './support/platform.ts';
import { manscdp, TestUa } from './support/test-ua.ts';

let env: TestPlatform | undefined;
const uas: TestUa[] = [];
afterEach(async () => {
  for (const ua of uas.splice(0)) await ua.close();
  await env?.close();
  env = undefined;
});

const ANSWER = (port: number, proto = 'RTP/AVP', ssrc = '0200000001') =>
  ['v=0', `o=${CAMERA_CH(1)} 0 0 IN IP4 127.0.0.1`, 's=Play', 'c=IN IP4 127.0.0.9', 't=0 0', `m=video ${port} ${proto} 96`, 'a=sendonly', 'a=rtpmap:96 PS/90000', `y=${ssrc}`, ''].join('\r\n');

async function device(transport: 'UDP' | 'TCP', answer: (invite: SipRequest) => string, status = 200): Promise<TestUa> {
  const ua = await TestUa.open({
    deviceId: NVR,
    transport,
    platformPort: env!.platform.port,
    onRequest: (request, self) => {
      if (request.method !== 'INVITE') return responseTo(request, 200);
      const headers: Array<[string, string]> = [['Contact', `<sip:${CAMERA_CH(1)}@127.0.0.1:${self.localPort}>`], ['Content-Type', 'APPLICATION/SDP']];
      self.send(responseTo(request, 100));
      return responseTo(request, status, { toTag: 'dev-tag', headers, body: status === 200 ? Buffer.from(answer(request)) : undefined });
    },
  });
  uas.push(ua);
  expect((await ua.register(PASSWORD)).status).toBe(200);
  return ua;
}

const requests = (ua: TestUa, method: string) => ua.received.filter((m): m is SipRequest => m.kind === 'request' && m.method === method);

describe('GB/T 28181 INVITE, ACK and BYE', () => {
  it.each(['UDP', 'TCP'] as const)('plays live over %s: offer, Subject, ACK, our BYE', async (transport) => {
    env = await startTestPlatform();
    const ua = await device(transport, () => ANSWER(30000));
    const session = await env.platform.invite({ deviceId: NVR, channelId: CAMERA_CH(1), mode: 'Play', receiver: { host: '127.0.0.1', port: 40000 }, transport: 'udp' });
    const [invite] = requests(ua, 'INVITE');
    const sdp = invite!.body.toString('utf8').split('\r\n');
    expect(invite!.uri).toBe(`sip:${CAMERA_CH(1)}@127.0.0.1:${ua.localPort}`);
    expect(invite!.headers.get('content-type')).toBe('APPLICATION/SDP');
    expect(sdp).toEqual([
      'v=0',
      'o=34020000002000000001 0 0 IN IP4 127.0.0.1',
      's=Play',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=video 40000 RTP/AVP 96 97 98',
      'a=recvonly',
      'a=rtpmap:96 PS/90000',
      'a=rtpmap:97 MPEG4/90000',
      'a=rtpmap:98 H264/90000',
      expect.stringMatching(/^y=0200000\d{3}$/),
      '',
    ]);
    const ssrc = sdp.find((l) => l.startsWith('y='))!.slice(2);
    expect(invite!.headers.get('subject')).toBe(`${CAMERA_CH(1)}:${ssrc},34020000002000000001:0`);
    expect(session).toEqual({ callId: invite!.headers.get('call-id'), ssrc: '0200000001', payload: 'PS' });
    const ack = await ua.next((m) => m.kind === 'request' && m.method === 'ACK');
    expect(ack.kind === 'request' && ack.uri).toBe(`sip:${CAMERA_CH(1)}@127.0.0.1:${ua.localPort}`);
    expect(tagOf(ack.headers.get('to')!)).toBe('dev-tag');
    expect(ack.headers.get('call-id')).toBe(session.callId);
    expect(parseCSeq(ack.headers.get('cseq')!)).toEqual({ seq: 1, method: 'ACK' });
    expect(env.platform.stats().openSessions).toBe(1);
    await env.platform.bye(session.callId);
    const [bye] = requests(ua, 'BYE');
    expect(bye!.headers.get('call-id')).toBe(session.callId);
    expect(parseCSeq(bye!.headers.get('cseq')!)).toEqual({ seq: 2, method: 'BYE' });
    expect(tagOf(bye!.headers.get('to')!)).toBe('dev-tag');
    expect(env.platform.stats().openSessions).toBe(0);
    await env.platform.bye(session.callId); // idempotent
    expect(requests(ua, 'BYE')).toHaveLength(1);
  });

  it('asks for playback with u=, t= in NTP seconds and TCP passive; tcp-active gets the device media address', async () => {
    env = await startTestPlatform();
    const ua = await device('UDP', (invite) => (invite.body.toString().includes('setup:active') ? ANSWER(31000, 'TCP/RTP/AVP', '1200000002') : ANSWER(30000, 'TCP/RTP/AVP')));
    const range = { startMs: Date.parse('2026-12-04T00:00:00Z'), endMs: Date.parse('2026-12-04T01:00:00Z') };
    await env.platform.invite({ deviceId: NVR, channelId: CAMERA_CH(1), mode: 'Playback', receiver: { host: '127.0.0.1', port: 40002 }, transport: 'tcp-passive', range });
    const sdp = requests(ua, 'INVITE')[0]!.body.toString('utf8');
    expect(sdp).toContain('s=Playback\r\n');
    expect(sdp).toContain(`u=${CAMERA_CH(1)}:0\r\n`);
    expect(sdp).toContain(`t=${ntpSeconds(range.startMs)} ${ntpSeconds(range.endMs)}\r\n`);
    expect(ntpSeconds(range.startMs)).toBe(Date.parse('2026-12-04T00:00:00Z') / 1000 + 2_208_988_800);
    expect(sdp).toContain('m=video 40002 TCP/RTP/AVP 96 97 98\r\n');
    expect(sdp).toContain('a=setup:passive\r\na=connection:new\r\n');
    expect(sdp).toMatch(/\r\ny=1\d{9}\r\n$/);
    const active = await env.platform.invite({ deviceId: NVR, channelId: CAMERA_CH(1), mode: 'Play', receiver: { host: '127.0.0.1', port: 9 }, transport: 'tcp-active' });
    expect(active).toMatchObject({ ssrc: '1200000002', deviceMedia: { host: '127.0.0.9', port: 31000 } });
    expect(requests(ua, 'INVITE')[1]!.body.toString()).toContain('a=setup:active');
  });

  it('ends the session when the device says BYE, and tells the listener', async () => {
    env = await startTestPlatform();
    const ua = await device('UDP', () => ANSWER(30000));
    const ended: string[] = [];
    env.platform.onSessionEnded((callId) => ended.push(callId));
    const session = await env.platform.invite({ deviceId: NVR, channelId: CAMERA_CH(1), mode: 'Play', receiver: { host: '127.0.0.1', port: 40000 }, transport: 'udp' });
    const ack = await ua.next((m) => m.kind === 'request' && m.method === 'ACK');
    const headers = new SipHeaders();
    headers.append('Via', `SIP/2.0/UDP 127.0.0.1:${ua.localPort};rport;branch=z9hG4bKbye1`);
    headers.append('From', ack.headers.get('to')!);
    headers.append('To', ack.headers.get('from')!);
    headers.append('Call-ID', session.callId);
    headers.append('CSeq', '10 BYE');
    const bye: SipRequest = { kind: 'request', method: 'BYE', uri: 'sip:34020000002000000001@127.0.0.1', headers, body: Buffer.alloc(0) };
    expect((await ua.transact(bye)).status).toBe(200);
    await eventually(() => ended.length === 1);
    expect(ended).toEqual([session.callId]);
    headers.set('Via', `SIP/2.0/UDP 127.0.0.1:${ua.localPort};rport;branch=z9hG4bKbye2`);
    expect((await ua.transact(bye)).status).toBe(481);
  });

  it('ACKs again when the device retransmits its 200 OK; ends a playback the device reports finished (MediaStatus 121)', async () => {
    env = await startTestPlatform();
    let ok: ReturnType<typeof responseTo> | undefined;
    const ua = await TestUa.open({
      deviceId: NVR,
      transport: 'UDP',
      platformPort: env.platform.port,
      onRequest: (request) => {
        if (request.method !== 'INVITE') return responseTo(request, 200);
        ok = responseTo(request, 200, { toTag: 'dev-tag', headers: [['Contact', `<sip:${CAMERA_CH(1)}@127.0.0.1:${ua.localPort}>`]], body: Buffer.from(ANSWER(30000)) });
        return ok;
      },
    });
    uas.push(ua);
    expect((await ua.register(PASSWORD)).status).toBe(200);
    const ended: string[] = [];
    env.platform.onSessionEnded((callId) => ended.push(callId));
    const range = { startMs: Date.parse('2026-12-04T00:00:00Z'), endMs: Date.parse('2026-12-04T00:10:00Z') };
    const session = await env.platform.invite({ deviceId: NVR, channelId: CAMERA_CH(1), mode: 'Playback', receiver: { host: '127.0.0.1', port: 40000 }, transport: 'udp', range });
    await ua.next((m) => m.kind === 'request' && m.method === 'ACK');
    ua.send(ok!);
    const again = await ua.next((m) => m.kind === 'request' && m.method === 'ACK');
    expect(again.headers.get('call-id')).toBe(session.callId);
    const notify = ua.request('MESSAGE', { callId: session.callId, body: manscdp('Notify', 'MediaStatus', 5, CAMERA_CH(1), '<NotifyType>121</NotifyType>') });
    expect((await ua.transact(notify)).status).toBe(200);
    const bye = await ua.next((m) => m.kind === 'request' && m.method === 'BYE');
    expect(bye.headers.get('call-id')).toBe(session.callId);
    await eventually(() => ended.length === 1);
    expect(ended).toEqual([session.callId]);
  });

  it('stopping the platform says BYE to open sessions without waiting for answers', async () => {
    env = await startTestPlatform('sqlite', { t1Ms: 500 });
    // A device that never answers BYE (gone): the old way waited 64 × T1 for it.
    const ua = await TestUa.open({
      deviceId: NVR,
      transport: 'UDP',
      platformPort: env.platform.port,
      onRequest: (request) => {
        if (request.method === 'BYE') return undefined;
        if (request.method !== 'INVITE') return responseTo(request, 200);
        return responseTo(request, 200, { toTag: 'dev-tag', headers: [['Contact', `<sip:${CAMERA_CH(1)}@127.0.0.1:9>`]], body: Buffer.from(ANSWER(30000)) });
      },
    });
    uas.push(ua);
    expect((await ua.register(PASSWORD)).status).toBe(200);
    const session = await env.platform.invite({ deviceId: NVR, channelId: CAMERA_CH(1), mode: 'Play', receiver: { host: '127.0.0.1', port: 40000 }, transport: 'udp' });
    const started = Date.now();
    await env.close();
    env = undefined;
    expect(Date.now() - started).toBeLessThan(1000);
    const bye = await ua.next((m) => m.kind === 'request' && m.method === 'BYE');
    expect(bye.headers.get('call-id')).toBe(session.callId);
  });

  it('rejects with E_GB_INVITE_FAILED when the device refuses, and ACKs the refusal', async () => {
    env = await startTestPlatform();
    const ua = await device('UDP', () => '', 486);
    await expect(env.platform.invite({ deviceId: NVR, channelId: CAMERA_CH(1), mode: 'Play', receiver: { host: '127.0.0.1', port: 40000 }, transport: 'udp' })).rejects.toMatchObject({ code: 'E_GB_INVITE_FAILED' });
    const ack = await ua.next((m) => m.kind === 'request' && m.method === 'ACK');
    expect(ack.headers.get('via')).toBe(requests(ua, 'INVITE')[0]!.headers.get('via'));
  });
});
