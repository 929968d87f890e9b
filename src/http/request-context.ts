import type { FastifyRequest } from 'fastify';
import type { Actor } from '../registry/services/context.ts';
import { principalOf } from './principal-of.ts';

/** Who is acting: the signed-in user (or the user an API token acts for), by username, as the history keeps it. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request);
  return { name: principal.username, principal };
}
