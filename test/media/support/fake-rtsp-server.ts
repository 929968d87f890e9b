/**
 * A scripted RTSP server for tests: a camera we do not have. It parses the client's requests and
 * hands each to a script, which answers with whatever bytes it likes (split, garbage, frames...).
 */
import net from 'node:net';
import { frameBytes, responseBytes } from './rtsp-bytes.ts';

export interface FakeRequest {
  method: string;
  uri: string;
  /** Lower-cased names. */
  headers: Map<string, string>;
  raw: string;
}

export interface FakeConnection {
  readonly socket: net.Socket;
  readonly closed: boolean;
  send(data: Buffer | string): void;
  /** A response carrying the request's CSeq (unless headers already hold one). */
  respond(request: FakeRequest, status: number, reason: string, headers?: Array<[string, string]>, body?: string | Buffer): Buffer;
  frame(channel: number, payload: Buffer): void;
  /** Sends interleaved frames on `channel` every `everyMs` until the connection closes. */
  streamFrames(channel: number, everyMs: number, make: (index: number) => Buffer): void;
  close(): void;
}

export type Script = (request: FakeRequest, connection: FakeConnection) => void | Promise<void>;

export interface FakeRtspServer {
  port: number;
  url(path?: string, userinfo?: string): string;
  requests: FakeRequest[];
  connections: number;
  close(): Promise<void>;
}

function parseRequest(raw: string): FakeRequest {
  const [line = '', ...rest] = raw.split('\r\n');
  const [method = '', uri = ''] = line.split(' ');
  const headers = new Map<string, string>();
  for (const header of rest) {
    const colon = header.indexOf(':');
    if (colon > 0) headers.set(header.slice(0, colon).trim().toLowerCase(), header.slice(colon + 1).trim());
  }
  return { method, uri, headers, raw };
}

export async function startFakeRtspServer(script: Script): Promise<FakeRtspServer> {
  const requests: FakeRequest[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    const timers: NodeJS.Timeout[] = [];
    let closed = false;
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      timers.forEach(clearInterval);
    });
    socket.on('error', () => undefined);
    const connection: FakeConnection = {
      socket,
      get closed() {
        return closed;
      },
      send: (data) => {
        if (!closed) socket.write(data);
      },
      respond: (request, status, reason, headers = [], body = '') => {
        const withCseq: Array<[string, string]> = headers.some(([name]) => name.toLowerCase() === 'cseq') ? headers : [['CSeq', request.headers.get('cseq') ?? '0'], ...headers];
        const bytes = responseBytes(status, reason, withCseq, body);
        connection.send(bytes);
        return bytes;
      },
      frame: (channel, payload) => connection.send(frameBytes(channel, payload)),
      streamFrames: (channel, everyMs, make) => {
        let index = 0;
        timers.push(setInterval(() => connection.frame(channel, make(index++)), everyMs));
      },
      close: () => socket.destroy(),
    };
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const request = parseRequest(pending.slice(0, end));
        pending = pending.slice(end + 4);
        requests.push(request);
        void Promise.resolve(script(request, connection)).catch(() => socket.destroy());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (path = '/stream', userinfo = '') => `rtsp://${userinfo ? `${userinfo}@` : ''}127.0.0.1:${port}${path}`,
    requests,
    get connections() {
      return connections;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const H264_SDP = [
  'v=0',
  'o=- 0 0 IN IP4 127.0.0.1',
  's=Fake camera',
  't=0 0',
  'a=control:*',
  'm=audio 0 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=control:trackID=0',
  'm=video 0 RTP/AVP 96',
  'a=rtpmap:96 H264/90000',
  'a=fmtp:96 packetization-mode=1;profile-level-id=42e01f;sprop-parameter-sets=Z0LgH9oBQBbpUgAAAwACAAADAGQeMGVA,aM4yyA==',
  'a=control:trackID=1',
  '',
].join('\r\n');

export interface CameraOptions {
  sdp?: string;
  session?: string;
  /** Extra headers on the DESCRIBE answer (e.g. Content-Base). */
  describeHeaders?: Array<[string, string]>;
  /** Called after PLAY is answered. */
  onPlay?(connection: FakeConnection): void;
  /** Returns true when the request was handled (e.g. refused with a 401). */
  intercept?(request: FakeRequest, connection: FakeConnection): boolean;
}

/** A well-behaved camera: OPTIONS, DESCRIBE, SETUP (echoing the interleaved channels), PLAY, TEARDOWN. */
export function cameraScript(options: CameraOptions = {}): Script {
  const session = options.session ?? '12345678;timeout=60';
  return (request, connection) => {
    if (options.intercept?.(request, connection)) return;
    switch (request.method) {
      case 'OPTIONS':
        connection.respond(request, 200, 'OK', [['Public', 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER']]);
        return;
      case 'DESCRIBE':
        connection.respond(request, 200, 'OK', [['Content-Type', 'application/sdp'], ...(options.describeHeaders ?? [])], options.sdp ?? H264_SDP);
        return;
      case 'SETUP': {
        const transport = request.headers.get('transport') ?? '';
        connection.respond(request, 200, 'OK', [
          ['Session', session],
          ['Transport', transport.includes('client_port') ? `${transport};server_port=40000-40001` : transport],
        ]);
        return;
      }
      case 'PLAY':
        connection.respond(request, 200, 'OK', [['Session', session.split(';')[0] ?? ''], ['Range', 'npt=0.000-']]);
        options.onPlay?.(connection);
        return;
      default:
        connection.respond(request, 200, 'OK', [['Session', session.split(';')[0] ?? '']]);
    }
  };
}
