import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { RtspClient, type RtspClientOptions } from '../../src/media/rtsp/client.ts';
import { RtspError } from '../../src/media/rtsp/errors.ts';
import type { DescribedTrack } from '../../src/media/rtsp/sdp.ts';
import { H264_SDP, cameraScript, startFakeRtspServer, type FakeRtspServer, type Script } from './support/fake-rtsp-server.ts';
import { frameBytes, responseBytes, splitAt } from './support/rtsp-bytes.ts';

const servers: FakeRtspServer[] = [];
const clients: RtspClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(script: Script): Promise<FakeRtspServer> {
  const server = await startFakeRtspServer(script);
  servers.push(server);
  return server;
}

function client(options: RtspClientOptions): RtspClient {
  const c = new RtspClient({ timeoutMs: 1000, ...options });
  clients.push(c);
  return c;
}

/** Collects RTP payloads until `count` have arrived. */
function collectRtp(c: RtspClient, count: number): Promise<Buffer[]> {
  const payloads: Buffer[] = [];
  return new Promise((resolve) => {
    c.on('rtp', (payload) => {
      payloads.push(Buffer.from(payload));
      if (payloads.length === count) resolve([...payloads]);
    });
  });
}

const rtpPacket = (i: number) => Buffer.from([0x80, 96, 0, i & 0xff, 0, 0, 0, i, 0, 0, 0, 1, 0x65, i]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Not events.once: that rejects when 'error' is emitted, and the client emits it to listeners. */
function closedReason(c: RtspClient): Promise<string> {
  return new Promise((resolve) => c.once('closed', ({ reason }) => resolve(reason)));
}

async function rejection(promise: Promise<unknown>): Promise<RtspError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RtspError);
    return error as RtspError;
  }
  throw new Error('expected a rejection');
}

describe('RTSP client against a scripted camera', () => {
  it('runs OPTIONS, DESCRIBE, SETUP, PLAY over TCP, delivers RTP and RTCP, and tears down on stop', async () => {
    const server = await serve(
      cameraScript({
        onPlay: (conn) => {
          conn.frame(1, Buffer.from([0x80, 200, 0, 6]));
          conn.streamFrames(0, 5, rtpPacket);
        },
      }),
    );
    const c = client({ url: server.url('/stream'), userAgent: 'TestAgent/1' });
    const described = once(c, 'described') as Promise<[DescribedTrack]>;
    const rtcp = once(c, 'rtcp');
    const rtp = collectRtp(c, 5);
    await c.start();
    const [track] = await described;
    expect(track).toMatchObject({ codec: 'h264', payloadType: 96, clockRate: 90000, control: `${server.url('/stream')}/trackID=1` });
    expect(track.fmtp).toContain('sprop-parameter-sets=');
    expect(track.sdp).toBe(H264_SDP);
    const payloads = await rtp;
    expect(payloads.map((p) => p[13])).toEqual([0, 1, 2, 3, 4]);
    expect((await rtcp)[1]).toBe(1);

    const closed = once(c, 'closed');
    await c.stop();
    expect(await closed).toEqual([{ reason: 'stopped' }]);
    await sleep(20);
    expect(server.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN']);
    const [options, describe_, setup, play, teardown] = server.requests;
    expect(describe_?.headers.get('accept')).toBe('application/sdp');
    expect(setup?.headers.get('transport')).toBe('RTP/AVP/TCP;unicast;interleaved=0-1');
    expect(setup?.uri).toBe(`${server.url('/stream')}/trackID=1`);
    expect(play?.headers.get('session')).toBe('12345678');
    expect(play?.uri).toBe(server.url('/stream'));
    expect(teardown?.headers.get('session')).toBe('12345678');
    expect(options?.headers.get('user-agent')).toBe('TestAgent/1');
    expect(server.requests.map((r) => Number(r.headers.get('cseq')))).toEqual([1, 2, 3, 4, 5]);
  });

  it('copes with answers cut into pieces, frames between them, garbage and Content-Base', async () => {
    const server = await serve((request, conn) => {
      const cseq: [string, string] = ['CSeq', request.headers.get('cseq') ?? ''];
      const answers: Record<string, Buffer> = {
        OPTIONS: responseBytes(200, 'OK', [cseq, ['Public', 'DESCRIBE, SETUP, PLAY']]),
        DESCRIBE: responseBytes(200, 'OK', [cseq, ['content-base', 'rtsp://127.0.0.1/base/'], ['Content-Type', 'application/sdp']], H264_SDP),
        SETUP: responseBytes(200, 'OK', [cseq, ['Session', 'abc'], ['Transport', 'RTP/AVP/TCP;unicast;interleaved=2-3']]),
        PLAY: responseBytes(200, 'OK', [cseq, ['Session', 'abc']]),
      };
      const answer = answers[request.method] ?? responseBytes(200, 'OK', [cseq]);
      const pieces = splitAt(answer, [1, 9, 17, answer.length - 3]);
      void (async () => {
        conn.send(Buffer.concat([Buffer.from('\x00\x01 stray bytes '), frameBytes(7, Buffer.from('noise'))]));
        for (const [index, piece] of pieces.entries()) {
          // The last piece carries a frame after the response: nothing may come between its pieces.
          conn.send(index === pieces.length - 1 ? Buffer.concat([piece, frameBytes(7, Buffer.from('between'))]) : piece);
          if (index < pieces.length - 1) await sleep(2);
        }
        if (request.method === 'PLAY') conn.streamFrames(2, 5, rtpPacket);
      })();
    });
    const c = client({ url: server.url('/cam') });
    const rtp = collectRtp(c, 3);
    await c.start();
    expect(c.track?.control).toBe('rtsp://127.0.0.1/base/trackID=1');
    expect(await rtp).toHaveLength(3);
    expect(c.skippedBytes).toBeGreaterThan(0);
    expect(c.stats.ignoredFrames).toBeGreaterThan(0);
    expect(server.requests[2]?.uri).toBe('rtsp://127.0.0.1/base/trackID=1');
  });

  it('answers a Digest challenge once, with a response computed as RFC 7616 says', async () => {
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const nonce = 'dcd98b7102dd2f0e8b11d0f600bfb0c093';
    const authorised: string[] = [];
    const server = await serve(
      cameraScript({
        intercept: (request, conn) => {
          const header = request.headers.get('authorization');
          const fields = Object.fromEntries([...(header ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1], m[2] ?? m[3]]));
          const ha1 = md5('admin:IP Camera(C1234):pa ss');
          const ha2 = md5(`${request.method}:${fields.uri}`);
          const expected = md5(`${ha1}:${nonce}:${fields.nc}:${fields.cnonce}:auth:${ha2}`);
          if (header && fields.response === expected && fields.uri === request.uri) {
            authorised.push(`${request.method} nc=${fields.nc}`);
            return false;
          }
          conn.respond(request, 401, 'Unauthorized', [
            ['WWW-Authenticate', 'Basic realm="IP Camera(C1234)"'],
            ['WWW-Authenticate', `Digest realm="IP Camera(C1234)", nonce="${nonce}", qop="auth", stale="FALSE"`],
          ]);
          return true;
        },
      }),
    );
    const c = client({ url: server.url('/s', 'admin:pa%20ss') });
    const reasons: string[] = [];
    c.on('closed', ({ reason }) => reasons.push(reason));
    await c.start();
    expect(server.requests.map((r) => r.method)).toEqual(['OPTIONS', 'OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY']);
    expect(authorised).toEqual(['OPTIONS nc=00000001', 'DESCRIBE nc=00000002', 'SETUP nc=00000003', 'PLAY nc=00000004']);
    expect(server.requests.some((r) => r.raw.includes('pa ss') || r.raw.includes('pa%20ss'))).toBe(false);
    expect(c.url).toBe(server.url('/s'));
  });

  it('fails with E_RTSP_AUTH after one retry when the credentials are refused, and says so without the password', async () => {
    const server = await serve((request, conn) => {
      conn.respond(request, 401, 'Unauthorized', [['WWW-Authenticate', 'Basic realm="cam"']]);
    });
    const c = client({ url: server.url('/s', 'admin:hunter2') });
    const closed = closedReason(c);
    const error = await rejection(c.start());
    expect(error.code).toBe('E_RTSP_AUTH');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers.get('authorization')).toBe(`Basic ${Buffer.from('admin:hunter2').toString('base64')}`);
    const reason = await closed;
    expect(reason).toContain('E_RTSP_AUTH');
    expect(`${reason} ${error.message} ${error.stack ?? ''}`).not.toContain('hunter2');
  });

  it('times out a camera that never answers, and reports one that is not there', async () => {
    const server = await serve(() => undefined);
    const c = client({ url: server.url(), timeoutMs: 150 });
    const started = Date.now();
    const error = await rejection(c.start());
    expect(error.code).toBe('E_RTSP_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(c.state).toBe('closed');

    const gone = await serve(() => undefined);
    await gone.close();
    servers.splice(servers.indexOf(gone), 1);
    expect((await rejection(client({ url: gone.url() }).start())).code).toBe('E_RTSP_NETWORK');
  });

  it('fails with E_RTSP_PROTOCOL when the camera floods a header', async () => {
    const server = await serve((_request, conn) => {
      conn.send(`RTSP/1.0 200 OK\r\nX: ${'a'.repeat(40_000)}\r\n`);
    });
    const error = await rejection(client({ url: server.url() }).start());
    expect(error.code).toBe('E_RTSP_PROTOCOL');
  });

  it('follows one redirect to another camera, and refuses a second', async () => {
    const target = await serve(cameraScript({ onPlay: (conn) => conn.streamFrames(0, 5, rtpPacket) }));
    const redirector = await serve((request, conn) => {
      conn.respond(request, 302, 'Moved', [['Location', target.url('/moved')]]);
    });
    const c = client({ url: redirector.url('/old', 'u:p') });
    const rtp = collectRtp(c, 2);
    await c.start();
    await rtp;
    expect(c.url).toBe(target.url('/moved'));
    expect(target.requests[0]?.uri).toBe(target.url('/moved'));

    const loop = await serve((request, conn) => {
      conn.respond(request, 301, 'Moved', [['Location', '/again']]);
    });
    const error = await rejection(client({ url: loop.url() }).start());
    expect(error.code).toBe('E_RTSP_REDIRECT');
  });

  it('reports the camera dropping the connection while playing', async () => {
    const server = await serve(cameraScript({ onPlay: (conn) => setTimeout(() => conn.close(), 30) }));
    const c = client({ url: server.url() });
    const errors: Error[] = [];
    c.on('error', (e) => errors.push(e));
    const closed = closedReason(c);
    await c.start();
    const reason = await closed;
    expect(reason).toContain('E_RTSP_NETWORK');
    expect(errors).toHaveLength(1);
  });

  it('detects a stalled stream', async () => {
    const server = await serve(cameraScript());
    const c = client({ url: server.url(), dataTimeoutMs: 100 });
    const closed = closedReason(c);
    await c.start();
    const reason = await closed;
    expect(reason).toContain('E_RTSP_STALLED');
  });

  it('keeps the session alive with GET_PARAMETER when offered, and answers the server’s own requests', async () => {
    const server = await serve(cameraScript({ onPlay: (conn) => setTimeout(() => conn.send('GET_PARAMETER rtsp://x/ RTSP/1.0\r\nCSeq: 99\r\n\r\n'), 10) }));
    const c = client({ url: server.url(), keepAliveMs: 40, dataTimeoutMs: 10_000 });
    await c.start();
    await sleep(150);
    // The fake server reads the client's reply as if it were a request: method `RTSP/1.0`.
    const reply = server.requests.find((r) => r.method === 'RTSP/1.0');
    expect(reply?.uri).toBe('200');
    expect(reply?.headers.get('cseq')).toBe('99');
    const keepAlives = server.requests.filter((r) => r.method === 'GET_PARAMETER');
    expect(keepAlives.length).toBeGreaterThanOrEqual(2);
    expect(keepAlives[0]?.headers.get('session')).toBe('12345678');
    expect(c.state).toBe('playing');
  });

  it('derives the keep-alive period from the Session timeout and falls back to OPTIONS', async () => {
    const server = await serve(
      cameraScript({
        session: 'xyz;timeout=1',
        intercept: (request, conn) => {
          if (request.method !== 'OPTIONS') return false;
          conn.respond(request, 200, 'OK', [['Public', 'DESCRIBE, SETUP, PLAY']]);
          return true;
        },
      }),
    );
    const c = client({ url: server.url() });
    await c.start();
    await sleep(300);
    expect(server.requests.filter((r) => r.method === 'OPTIONS')).toHaveLength(1);
    await sleep(400);
    const keepAlives = server.requests.slice(4);
    expect(keepAlives.map((r) => r.method)).toEqual(['OPTIONS']);
    expect(keepAlives[0]?.headers.get('session')).toBe('xyz');
  });

  it('receives RTP over UDP from the camera’s address on an even/odd port pair', async () => {
    let clientPorts: number[] = [];
    const sender = dgram.createSocket('udp4');
    const server = await serve(
      cameraScript({
        intercept: (request) => {
          if (request.method === 'SETUP') clientPorts = (/client_port=(\d+)-(\d+)/.exec(request.headers.get('transport') ?? '') ?? []).slice(1).map(Number);
          return false;
        },
        onPlay: () => {
          for (let i = 0; i < 3; i++) sender.send(rtpPacket(i), clientPorts[0] ?? 0, '127.0.0.1');
          sender.send(Buffer.from([0x80, 200, 0, 0]), clientPorts[1] ?? 0, '127.0.0.1');
        },
      }),
    );
    try {
      const c = client({ url: server.url(), transport: 'udp' });
      const rtp = collectRtp(c, 3);
      const rtcp = once(c, 'rtcp');
      await c.start();
      expect(clientPorts[0]! % 2).toBe(0);
      expect(clientPorts[1]).toBe(clientPorts[0]! + 1);
      expect((await rtp).map((p) => p[13])).toEqual([0, 1, 2]);
      await rtcp;
    } finally {
      sender.close();
    }
  });

  it('fails with E_RTSP_NO_TRACK when the camera offers no H.264/H.265 video, and reads H.265', async () => {
    const audioOnly = H264_SDP.replace('H264/90000', 'MP4V-ES/90000');
    const error = await rejection(client({ url: (await serve(cameraScript({ sdp: audioOnly }))).url() }).start());
    expect(error.code).toBe('E_RTSP_NO_TRACK');

    const h265 = H264_SDP.replace('H264/90000', 'H265/90000');
    const c = client({ url: (await serve(cameraScript({ sdp: h265 }))).url() });
    await c.start();
    expect(c.track?.codec).toBe('h265');
  });

  it('refuses SETUP errors and stops cleanly while starting', async () => {
    const refusing = await serve(
      cameraScript({
        intercept: (r, conn) => {
          if (r.method !== 'SETUP') return false;
          conn.respond(r, 461, 'Unsupported Transport');
          return true;
        },
      }),
    );
    expect((await rejection(client({ url: refusing.url() }).start())).code).toBe('E_RTSP_TRANSPORT');

    const silent = await serve((r, conn) => {
      if (r.method === 'OPTIONS') conn.respond(r, 200, 'OK');
    });
    const c = client({ url: silent.url(), timeoutMs: 5000 });
    const starting = c.start();
    await sleep(50);
    const stopped = c.stop();
    const error = await rejection(starting);
    await stopped;
    expect(error.code).toBe('E_RTSP_NETWORK');
    expect(c.state).toBe('closed');
  });
});
