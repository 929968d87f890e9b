/**
 * What the request log line says about a request. A query string can carry a media token
 * (`?token=`, for players that cannot send a header), so the log keeps the path and masks the
 * whole query: a token in the logs is video for whoever reads them.
 */
import type { FastifyRequest } from 'fastify';

export const QUERY_MASK = '[redacted]';

export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?${QUERY_MASK}`;
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: loggedUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
  },
};
