/**
 * The live stream over a WebSocket, for the live wall: the same chunks as /api/media/live.mp4 (init,
 * then prft + moof/mdat per fragment), one binary message each. A browser keeps at most six HTTP/1.1
 * connections per server; nine or sixteen endless HTTP responses would leave none for the page.
 *
 * GET /api/media/live.ws?cameraId=… with `Upgrade: websocket` (@fastify/websocket, over `ws`). The media
 * token travels as the second offered subprotocol (`Sec-WebSocket-Protocol: custos.media, <token>`),
 * never in the URL; only a LIVE token opens it, checked before the upgrade, so a refusal is an ordinary
 * HTTP answer with its code. The stream ends when the token expires, its register entry is closed, or
 * its holder may no longer watch the camera (re-checked every few seconds).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { MEDIA } from '../../access/route-access.ts';
import type { LiveHub } from '../../viewing/live-hub.ts';
import { prftBox } from '../../viewing/prft.ts';
import type { MediaRequest } from '../../viewing/viewing-service.ts';
import { liveUnavailable } from './live.ts';

export const MEDIA_SUBPROTOCOL = 'custos.media';
const RECHECK_MS = 5000;
/** Bytes queued in the socket above which the hub is told the viewer is busy (it then waits for the queue to empty). */
const BUSY_BYTES = 256 * 1024;

/** The token offered after `custos.media` in the subprotocol list. */
function tokenOf(request: FastifyRequest): string {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered[0] === MEDIA_SUBPROTOCOL ? (offered[1] ?? '') : '';
}

export function liveSocketRoutes(app: FastifyInstance, services: Services, hub: LiveHub): void {
  const opened = new WeakMap<FastifyRequest, { media: MediaRequest; cameraId: string }>();
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/media/live.ws',
    {
      websocket: true,
      config: { access: MEDIA },
      schema: {
        tags: ['viewing'],
        summary: 'live stream of a live media token’s camera over a WebSocket (token as the second subprotocol after custos.media), one fMP4 chunk per message',
        querystring: z.strictObject({ cameraId: z.string().min(1).max(64).optional() }),
      },
      preValidation: async (request) => {
        const media: MediaRequest = { token: tokenOf(request), tokenInUrl: false, clientAddress: request.ip };
        const query = request.query;
        const live = await services.viewing.liveView(media, query.cameraId);
        if (!hub.available) throw liveUnavailable();
        opened.set(request, { media, cameraId: live.cameraId });
      },
    },
    (socket: WebSocket, request) => {
      const live = opened.get(request);
      if (!live) return socket.close(1011);
      const drainListeners: (() => void)[] = [];
      const sent = () => {
        if (socket.bufferedAmount > 0) return;
        for (const listener of drainListeners.splice(0)) listener();
      };
      const { unsubscribe } = hub.subscribe(live.cameraId, {
        write: (chunk) => {
          if (socket.readyState !== socket.OPEN) return false;
          const data = chunk.kind === 'fragment' ? Buffer.concat([prftBox(chunk.wallMs), chunk.data]) : chunk.data;
          socket.send(data, { binary: true }, sent);
          return socket.bufferedAmount < BUSY_BYTES;
        },
        onDrain: (listener) => drainListeners.push(listener),
      });
      let stopped = false;
      const stop = (code = 1000) => {
        if (stopped) return;
        stopped = true;
        clearInterval(recheck);
        unsubscribe();
        if (socket.readyState === socket.OPEN) socket.close(code);
      };
      const recheck = setInterval(() => {
        services.viewing.liveView(live.media, live.cameraId).catch(() => stop(1008));
      }, RECHECK_MS);
      socket.on('close', () => stop());
      socket.on('error', () => stop());
    },
  );
}
