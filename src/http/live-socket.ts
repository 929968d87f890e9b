/**
 * The live stream over a WebSocket, for the live wall: the same chunks as /api/media/live.mp4 (init,
 * then prft + moof/mdat per fragment), one binary message each. A browser keeps at most six HTTP/1.1
 * connections per server; nine or sixteen endless HTTP responses would leave none for the page.
 *
 * GET /api/media/live.ws?cameraId=… with `Upgrade: websocket`. The media token travels as the second
 * offered subprotocol (`Sec-WebSocket-Protocol: custos.media, <token>`), never in the URL; only a LIVE
 * token opens it, as for live.mp4 (access: MEDIA). The stream ends when the token expires, its register
 * entry is closed, or its holder may no longer watch the camera (re-checked every few seconds).
 * The upgrade is answered outside Fastify's router (Fastify serves no WebSocket), here.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../app/services.ts';
import type { LiveHub } from '../viewing/live-hub.ts';
import { prftBox } from '../viewing/prft.ts';
import { toHttpError } from './error-mapper.ts';
import { acceptKey, FrameReader, frameHeader, OPCODE } from '../viewing/websocket.ts';

export const LIVE_SOCKET_PATH = '/api/media/live.ws';
export const MEDIA_SUBPROTOCOL = 'custos.media';
const RECHECK_MS = 5000;

function refuse(socket: Duplex, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
}

export function liveSocket(app: FastifyInstance, services: Services, hub: LiveHub): void {
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== LIVE_SOCKET_PATH) return void socket.destroy();
    void open(request, socket, url).catch((error: unknown) => {
      const { status, body } = toHttpError(error);
      refuse(socket, status, body);
    });
  });

  async function open(request: IncomingMessage, socket: Duplex, url: URL): Promise<void> {
    const key = request.headers['sec-websocket-key'];
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const token = offered[0] === MEDIA_SUBPROTOCOL ? (offered[1] ?? '') : '';
    if (typeof key !== 'string' || request.headers.upgrade?.toLowerCase() !== 'websocket') return refuse(socket, 400, { code: 'E_WEBSOCKET_EXPECTED' });
    const media = { token, tokenInUrl: false, clientAddress: request.socket.remoteAddress ?? '' };
    const cameraId = url.searchParams.get('cameraId') ?? undefined;
    const live = await services.viewing.liveView(media, cameraId);
    if (!hub.available) return refuse(socket, 409, { code: 'E_LIVE_UNAVAILABLE' });
    if (socket.destroyed) return;
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${acceptKey(key)}\r\nsec-websocket-protocol: ${MEDIA_SUBPROTOCOL}\r\n\r\n`);
    const { unsubscribe } = hub.subscribe(live.cameraId, {
      write: (chunk) => {
        if (socket.destroyed) return false;
        const prft = chunk.kind === 'fragment' ? prftBox(chunk.wallMs) : undefined;
        const length = (prft?.length ?? 0) + chunk.data.length;
        socket.write(frameHeader(OPCODE.binary, length));
        if (prft) socket.write(prft);
        return socket.write(chunk.data);
      },
      onDrain: (listener) => socket.on('drain', listener),
    });
    let stopped = false;
    const stop = (code = 1000) => {
      if (stopped) return;
      stopped = true;
      clearInterval(recheck);
      unsubscribe();
      if (!socket.destroyed) {
        const body = Buffer.alloc(2);
        body.writeUInt16BE(code);
        socket.end(Buffer.concat([frameHeader(OPCODE.close, 2), body]));
      }
    };
    const recheck = setInterval(() => {
      services.viewing.liveView(media, live.cameraId).catch(() => stop(1008));
    }, RECHECK_MS);
    const reader = new FrameReader();
    socket.on('data', (bytes: Buffer) => {
      try {
        for (const frame of reader.push(bytes)) {
          if (frame.opcode === OPCODE.close) stop();
          else if (frame.opcode === OPCODE.ping && !socket.destroyed) socket.write(Buffer.concat([frameHeader(OPCODE.pong, frame.payload.length), frame.payload]));
        }
      } catch {
        stop(1009);
      }
    });
    socket.on('close', () => stop());
    socket.on('error', () => stop());
  }
}
