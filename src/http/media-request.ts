/**
 * The media token of a request: from the x-media-token header (hls.js, fetch: the token stays out of
 * URLs and so out of proxies' and browsers' histories), or else from `?token=` (native HLS in a plain
 * video element, which cannot send headers). The query string never reaches the logs (see app.ts).
 */
import type { FastifyRequest } from 'fastify';
import type { MediaRequest } from '../viewing/viewing-service.ts';

export const MEDIA_TOKEN_HEADER = 'x-media-token';

/** `queryToken`: the route's validated `?token=` ('' when absent). */
export function mediaRequestOf(request: FastifyRequest, queryToken: string): MediaRequest {
  const header = request.headers[MEDIA_TOKEN_HEADER];
  if (typeof header === 'string' && header !== '') return { token: header, tokenInUrl: false, clientAddress: request.ip };
  return { token: queryToken, tokenInUrl: true, clientAddress: request.ip };
}
