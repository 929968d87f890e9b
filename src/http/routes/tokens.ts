/** The signed-in user's own API tokens: create (the token is shown once), list (never the token), revoke; and any user's, for administrators. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { tokenCreateInput, tokenView } from '../../access/accounts/tokens-service.ts';
import { ADMINISTRATION, SIGNED_IN } from '../../access/route-access.ts';
import { principalOf } from '../principal-of.ts';
import { actorOf } from '../request-context.ts';
import { idParams } from './crud.ts';

const tags = ['auth'];
const config = { access: SIGNED_IN };
const userTokenParams = z.strictObject({ id: z.string().min(1).max(64), tokenId: z.string().min(1).max(64) });

export function tokenRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/tokens',
    { config, schema: { tags, description: 'A new API token (cst_…), returned this once; use it as Authorization: Bearer', body: tokenCreateInput, response: { 201: tokenView.extend({ token: z.string() }) } } },
    async (request, reply) => reply.status(201).send(await services.apiTokens.create(principalOf(request), request.body, actorOf(request))),
  );
  r.get('/api/tokens', { config, schema: { tags, response: { 200: z.array(tokenView) } } }, async (request) =>
    services.apiTokens.list(principalOf(request).userId),
  );
  r.post('/api/tokens/:id/revoke', { config, schema: { tags, params: idParams, response: { 200: tokenView } } }, async (request) =>
    services.apiTokens.revoke(principalOf(request).userId, request.params.id, actorOf(request)),
  );
  const admin = { access: ADMINISTRATION };
  r.get('/api/users/:id/tokens', { config: admin, schema: { tags: ['users'], description: "A user's API tokens (never the token itself)", params: idParams, response: { 200: z.array(tokenView) } } }, async (request) =>
    services.apiTokens.listOfUser(request.params.id, actorOf(request)),
  );
  r.post('/api/users/:id/tokens/:tokenId/revoke', { config: admin, schema: { tags: ['users'], params: userTokenParams, response: { 200: tokenView } } }, async (request) =>
    services.apiTokens.revokeOfUser(request.params.id, request.params.tokenId, actorOf(request)),
  );
}
