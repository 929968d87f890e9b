/**
 * Security headers on every response: a Content-Security-Policy that the built UI passes (its own
 * scripts and styles only; hls.js plays through blob: media and may run its worker from blob:), no
 * framing, no MIME sniffing, no Referer. Swagger UI at /api/docs sets inline styles, so its pages
 * allow them. Strict-Transport-Security where the request came over https.
 */
import type { FastifyInstance } from 'fastify';

const COMMON = ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"];

export const UI_CSP = [
  ...COMMON,
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
].join('; ');

export const DOCS_CSP = [...COMMON, "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'"].join('; ');

const DOCS = /^\/api\/docs(\/|$)/;

export function securityHeaders(app: FastifyInstance): void {
  // Set on the raw response before any route runs, so that streams written straight to it (server-sent
  // events, live video) and every error carry them too.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const raw = reply.raw;
    raw.setHeader('content-security-policy', DOCS.test(path) ? DOCS_CSP : UI_CSP);
    raw.setHeader('x-content-type-options', 'nosniff');
    raw.setHeader('x-frame-options', 'DENY');
    raw.setHeader('referrer-policy', 'no-referrer');
    if (request.protocol === 'https') raw.setHeader('strict-transport-security', 'max-age=31536000');
  });
}
