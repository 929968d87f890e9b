/**
 * Limits on request bodies, enforced before any parsing work: routes open without sign-in (public,
 * media, the UI) take at most 16 KB, and no JSON body may nest deeper than 32 levels, checked by a
 * linear scan before JSON.parse.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { BadRequestError, PayloadTooLargeError } from '../shared/errors.ts';

export const PUBLIC_BODY_LIMIT = 16 * 1024;
export const MAX_JSON_DEPTH = 32;

export const bodyTooLarge = (): PayloadTooLargeError =>
  new PayloadTooLargeError('E_BODY_TOO_LARGE', {
    message: { zh: '请求体过大', en: 'The request body is too large' },
  });

export const bodyTooDeep = (): BadRequestError =>
  new BadRequestError('E_BODY_TOO_DEEP', {
    message: { zh: `请求体嵌套超过 ${MAX_JSON_DEPTH} 层`, en: `The request body nests deeper than ${MAX_JSON_DEPTH} levels` },
    details: { maxDepth: MAX_JSON_DEPTH },
  });

/** Whether the JSON text opens more than `max` arrays or objects at once (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Register before the routes: the limit is set on each route as it is added. */
export function bodyLimits(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const kind = route.config?.access?.kind;
    if (route.bodyLimit === undefined && (kind === undefined || kind === 'public' || kind === 'media')) route.bodyLimit = PUBLIC_BODY_LIMIT;
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(bodyTooDeep(), undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
}
