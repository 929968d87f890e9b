/**
 * Live view at low latency: the recorder's own fMP4 fragments as one endless HTTP response (init, then
 * a prft wall-clock box and each fragment), for Media Source Extensions in the browser. No transcoding.
 * The HLS playlist of the same token is the fallback. The stream ends when the token expires or its
 * register entry is closed, or as soon as its holder may no longer watch the camera (re-checked every few seconds).
 * Only a live token opens it (x-media-token header, or ?token= for players that cannot send one).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { MEDIA } from '../../access/route-access.ts';
import { ConflictError } from '../../shared/errors.ts';
import type { LiveHub } from '../../viewing/live-hub.ts';
import { prftBox } from '../../viewing/prft.ts';
import { mediaRequestOf } from '../media-request.ts';
import { untilClose } from '../open-streams.ts';

const RECHECK_MS = 5000;

export const liveUnavailable = () =>
  new ConflictError('E_LIVE_UNAVAILABLE', { message: { zh: '本服务器未启用录像,无法提供低延迟实时视频', en: 'Recording is off on this server: no low-latency live stream' } });

export function liveRoutes(app: FastifyInstance, services: Services, hub: LiveHub): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/media/live.mp4',
    {
      config: { access: MEDIA },
      schema: {
        tags: ['viewing'],
        summary: 'live fMP4 stream of a live media token’s camera (init, then prft + moof/mdat per fragment), for MSE',
        querystring: z.strictObject({ token: z.string().max(4096).default(''), cameraId: z.string().min(1).max(64).optional() }),
      },
    },
    async (request, reply) => {
      const media = mediaRequestOf(request, request.query.token);
      const live = await services.viewing.liveView(media, request.query.cameraId);
      if (!hub.available) throw liveUnavailable();
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, { 'content-type': 'video/mp4', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
      out.flushHeaders();
      // write() answering false means the socket's buffer is full, not that the chunk is lost: the
      // hub queues what follows until 'drain', and skips to a keyframe only when the viewer truly lags.
      const { unsubscribe } = hub.subscribe(live.cameraId, {
        write: (chunk) => {
          if (out.destroyed) return false;
          if (chunk.kind === 'fragment') out.write(prftBox(chunk.wallMs));
          return out.write(chunk.data);
        },
        onDrain: (listener) => out.on('drain', listener),
      });
      const stop = () => {
        clearInterval(recheck);
        unsubscribe();
        forget();
        if (!out.writableEnded) out.end();
      };
      const forget = untilClose(app, stop);
      const recheck = setInterval(() => {
        services.viewing.liveView(media, live.cameraId).catch(stop);
      }, RECHECK_MS);
      request.raw.on('close', stop);
      out.on('close', stop);
    },
  );
}
