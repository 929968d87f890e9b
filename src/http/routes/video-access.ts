/**
 * Video reached only through the access register (art. 16): playback, live view, export under four
 * eyes, and the media itself behind short-lived tokens.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { MEDIA, needs, SIGNED_IN } from '../../access/route-access.ts';
import { registerEntryWritten } from '../../access/register/api-schema.ts';
import {
  decisionInput,
  exportAnswer,
  exportInput,
  exportRequestInput,
  exportRequestQuery,
  exportRequestRecord,
  liveAnswer,
  liveInput,
  playbackAnswer,
  playbackInput,
} from '../../access/video-access/api-schema.ts';
import { mediaRequestOf } from '../media-request.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['video access'];

export function videoAccessRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { videoAccess, exports } = services;

  r.post(
    '/api/access/playback',
    {
      config: { access: needs('PLAYBACK'), videoOperation: 'PLAYBACK' },
      schema: {
        tags,
        summary: 'open a playback: camera grant, depth limit, reason, register entry, then a media token and the segments',
        body: playbackInput,
        response: { 200: playbackAnswer },
      },
    },
    async (request) => videoAccess.playback(principalOf(request), request.body),
  );

  r.post(
    '/api/access/live',
    {
      config: { access: needs('LIVE'), videoOperation: 'LIVE_ADHOC' },
      schema: {
        tags,
        summary: 'open a live view: a duty session without prompt, or an ad-hoc view with a reason',
        description: 'Returns the register entry and a media token. The live HLS stream itself comes with the viewing feature; the token is what it will accept.',
        body: liveInput,
        response: { 200: liveAnswer },
      },
    },
    async (request) => videoAccess.live(principalOf(request), request.body),
  );

  r.post(
    '/api/access/:entryId/close',
    {
      config: { access: SIGNED_IN },
      schema: { tags, summary: 'end an access you opened (appends a CLOSE entry; its media token stops working)', params: z.strictObject({ entryId: z.string().min(1).max(64) }), response: { 200: registerEntryWritten } },
    },
    async (request) => videoAccess.close(principalOf(request), request.params.entryId),
  );

  r.post(
    '/api/export-requests',
    { config: { access: needs('EXPORT'), videoOperation: 'EXPORT' }, schema: { tags, summary: 'ask for an export (decided by someone else)', body: exportRequestInput, response: { 201: exportRequestRecord } } },
    async (request, reply) => reply.status(201).send(await exports.request(principalOf(request), request.body)),
  );

  r.get(
    '/api/export-requests',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'your export requests; every request if you may approve', querystring: exportRequestQuery, response: { 200: z.array(exportRequestRecord) } } },
    async (request) => exports.list(principalOf(request), request.query.status ? { status: request.query.status } : {}),
  );

  for (const decision of ['approve', 'reject'] as const) {
    r.post(
      `/api/export-requests/:id/${decision}`,
      { config: { access: needs('APPROVE') }, schema: { tags, summary: `${decision} an export request (never your own)`, params: idParams, body: decisionInput.optional(), response: { 200: exportRequestRecord } } },
      async (request) => exports[decision](principalOf(request), request.params.id, request.body?.note),
    );
  }

  r.post(
    '/api/exports',
    { config: { access: needs('EXPORT'), videoOperation: 'EXPORT' }, schema: { tags, summary: 'carry out an approved export (once): register entry with the segments’ SHA-256, media token', body: exportInput, response: { 200: exportAnswer } } },
    async (request) => exports.export(principalOf(request), request.body.exportRequestId),
  );

  r.get(
    '/api/media/segments/:segmentId',
    {
      config: { access: MEDIA },
      schema: {
        tags,
        summary: 'one recorded segment (fMP4) for a media token (x-media-token header or ?token=) that covers it; HTTP Range requests answer 206',
        params: z.strictObject({ segmentId: z.string().min(1).max(64) }),
        // No token is an access refusal (403 E_MEDIA_TOKEN), not a malformed request.
        querystring: z.strictObject({ token: z.string().max(4096).default('') }),
      },
    },
    async (request, reply) => {
      // Byte ranges (206) for HLS players that fetch a segment's init and media separately.
      const { status, headers, stream } = await services.viewing.segment(request.params.segmentId, mediaRequestOf(request, request.query.token), request.headers.range);
      return reply.status(status).headers(headers).send(stream ?? '');
    },
  );
}
