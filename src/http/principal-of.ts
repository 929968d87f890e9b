import type { FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { UnauthenticatedError } from '../shared/errors.ts';

/** The signed-in user of a request that passed the access guard. */
export function principalOf(request: FastifyRequest): Principal {
  const principal: Principal | null = request.principal;
  if (!principal) throw new UnauthenticatedError('E_UNAUTHENTICATED', { message: { zh: '请先登录', en: 'Sign in first' } });
  return principal;
}
