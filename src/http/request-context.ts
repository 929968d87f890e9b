import type { FastifyRequest } from 'fastify';
import type { Actor } from '../registry/services/context.ts';

const ACTOR_HEADER = 'x-custos-actor';

/**
 * Who is acting. Until accounts exist this is the name the caller states (kept in the history);
 * with accounts it becomes the signed-in user.
 */
export function actorOf(request: FastifyRequest): Actor {
  const stated = request.headers[ACTOR_HEADER];
  const name = typeof stated === 'string' ? stated.trim().slice(0, 100) : '';
  return { name: name || 'api' };
}
