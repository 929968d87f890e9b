/** Viewing: the HLS playlist and snapshots behind media tokens, and the recorded coverage for timelines. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { MEDIA, needs } from '../../access/route-access.ts';
import { instant } from '../../registry/model.ts';
import { LEGAL_ZONE } from '../../viewing/recorded-days.ts';
import { mediaRequestOf } from '../media-request.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['viewing'];
// The token goes in the x-media-token header, or in ?token= where a player cannot send headers.
// No token is an access refusal (403 E_MEDIA_TOKEN), not a malformed request.
const tokenQuery = z.strictObject({ token: z.string().max(4096).default(''), cameraId: z.string().min(1).max(64).optional() });

export function viewingRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { viewing } = services;

  r.get(
    '/api/media/playlist.m3u8',
    {
      config: { access: MEDIA },
      schema: {
        tags,
        summary: 'HLS (fMP4) playlist of a media token’s range: EXT-X-MAP and media as byte ranges of each segment, PROGRAM-DATE-TIME, discontinuities at gaps',
        description:
          'VOD for a playback token (never past the instant it was issued); EVENT (reloaded by the player) for a live token. The token goes in the x-media-token header (segment URIs then carry none) or in ?token=.',
        querystring: tokenQuery,
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'application/vnd.apple.mpegurl')
        .header('cache-control', 'private, no-store')
        .send(await viewing.playlist(mediaRequestOf(request, request.query.token), request.query.cameraId)),
  );

  r.get(
    '/api/media/snapshot.jpg',
    { config: { access: MEDIA }, schema: { tags, summary: 'JPEG of the newest recorded keyframe within a media token’s range', querystring: tokenQuery } },
    async (request, reply) =>
      reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(await viewing.snapshot(mediaRequestOf(request, request.query.token), request.query.cameraId)),
  );

  r.get(
    '/api/cameras/:id/coverage',
    {
      config: { access: needs('PLAYBACK') },
      schema: {
        tags,
        summary: 'recorded coverage of a camera (merged ranges) and its recording gaps, for a timeline; no video, no register entry',
        params: idParams,
        querystring: z.strictObject({ from: instant, to: instant }),
        response: {
          200: z.object({
            ranges: z.array(z.object({ from: z.string(), to: z.string() })),
            gaps: z.array(z.object({ id: z.string(), fromAt: z.string(), toAt: z.string().nullable(), reason: z.string(), detail: z.string().nullable(), createdAt: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      await services.cameras.get(request.params.id);
      return viewing.coverage(principalOf(request), request.params.id, request.query.from, request.query.to);
    },
  );

  r.get(
    '/api/cameras/:id/recorded-days',
    {
      config: { access: needs('PLAYBACK') },
      schema: {
        tags,
        summary: 'the days of a month with recorded footage of a camera (days of the given time zone), for the playback calendar; no video, no register entry',
        params: idParams,
        querystring: z.strictObject({
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe('YYYY-MM'),
          timeZone: z.string().min(1).max(64).default(LEGAL_ZONE).describe('IANA time zone whose days are counted (default Asia/Shanghai)'),
        }),
        response: { 200: z.object({ month: z.string(), timeZone: z.string(), days: z.array(z.string()) }) },
      },
    },
    async (request) => {
      await services.cameras.get(request.params.id);
      return viewing.recordedDays(principalOf(request), request.params.id, request.query.month, request.query.timeZone);
    },
  );
}
