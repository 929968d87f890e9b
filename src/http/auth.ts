import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { UnauthenticatedError } from '../shared/errors.ts';

/** Routes anyone may call: probes, version and the API's own documentation. */
const OPEN = [/^\/api\/health\//, /^\/api\/version$/, /^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/, /^\/api\/meta\//];

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Until accounts exist, one bearer token guards the API. Without a token the server refuses to
 * listen anywhere but on loopback (see serve).
 */
export function requireApiToken(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  const expected = digest(token);
  app.addHook('onRequest', async (request) => {
    const url = request.url.split('?')[0] ?? '';
    if (!(url.startsWith('/api/') || url === '/metrics') || OPEN.some((re) => re.test(url))) return;
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      throw new UnauthenticatedError('E_UNAUTHENTICATED', {
        message: { zh: '需要有效的访问令牌', en: 'A valid bearer token is required' },
      });
    }
  });
}
