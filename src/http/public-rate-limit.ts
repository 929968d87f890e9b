/**
 * Rate limits for the routes anyone may call without signing in (the sign's public page and its forms,
 * arts. 13, 21, 24): per client address (behind a proxy, the address server.trustProxy believes). The
 * plugin counts nothing on routes that do not ask for a limit; a route asks with
 * `config: { rateLimit: PUBLIC_READ_LIMIT }` or `PUBLIC_FORM_LIMIT`.
 */
import fastifyRateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { TooManyRequestsError } from '../shared/errors.ts';

export interface RouteRateLimit {
  max: number;
  timeWindow: number;
}

/** Reading the public page: generous enough for a crowd behind one carrier NAT, not for a scraper. */
export const PUBLIC_READ_LIMIT: RouteRateLimit = { max: 120, timeWindow: 60_000 };
/** Submitting a request or report from the public page: a person needs one or two, a flood is refused. */
export const PUBLIC_FORM_LIMIT: RouteRateLimit = { max: 5, timeWindow: 15 * 60_000 };

/** `store`: where the counts live (cluster mode: pg-rate-limit-store.ts); none: this process's memory. */
export async function publicRateLimits(app: FastifyInstance, store?: FastifyRateLimitStoreCtor): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    ...(store ? { store } : {}),
    errorResponseBuilder: (_request, context) =>
      new TooManyRequestsError('E_RATE_LIMITED', {
        message: {
          zh: `提交过于频繁,请在 ${Math.ceil(context.ttl / 1000)} 秒后重试`,
          en: `Too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s`,
        },
        details: { retryAfterSeconds: Math.ceil(context.ttl / 1000), limit: context.max },
      }),
  });
}
