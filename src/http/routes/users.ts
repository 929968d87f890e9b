/**
 * User administration (CONFIG): accounts are created, changed, deactivated, unlocked and reset, never deleted.
 * Resets of users with APPROVE or administration power wait for a second administrator (/api/credential-resets).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { passwordResetInput, userCreateInput, userUpdateInput, userView } from '../../access/accounts/user-model.ts';
import { credentialResetView } from '../../access/accounts/credential-resets.ts';
import type { ResetOutcome } from '../../access/accounts/users-service.ts';
import { ADMINISTRATION } from '../../access/route-access.ts';
import { principalOf } from '../principal-of.ts';
import { actorOf } from '../request-context.ts';
import { idParams, registerCrud } from './crud.ts';

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export function userRoutes(app: FastifyInstance, services: Services): void {
  registerCrud(app, {
    path: '/api/users',
    tag: 'users',
    entityType: 'user',
    service: services.users,
    history: services.history,
    createInput: userCreateInput,
    updateInput: userUpdateInput,
    response: userView,
    listFilters: { unitId: z.string(), active: boolQuery },
    readAccess: ADMINISTRATION,
    writeAccess: ADMINISTRATION,
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: ADMINISTRATION };
  const schema = { tags: ['users'], params: idParams, response: { 200: userView } };
  r.post('/api/users/:id/unlock', { config, schema }, async (request) => services.users.unlock(request.params.id, actorOf(request)));
  // 200 with the user when the reset took effect; 202 with the pending request when a second administrator must approve it.
  const resetSchema = { ...schema, response: { 200: userView, 202: credentialResetView } };
  const answer = (reply: FastifyReply, outcome: ResetOutcome) => ('pending' in outcome ? reply.status(202).send(outcome.pending) : reply.send(outcome.applied));
  r.post('/api/users/:id/reset-password', { config, schema: { ...resetSchema, body: passwordResetInput } }, async (request, reply) =>
    answer(reply, await services.users.resetPassword(request.params.id, request.body, actorOf(request))),
  );
  r.post('/api/users/:id/reset-totp', { config, schema: resetSchema }, async (request, reply) => answer(reply, await services.users.resetTotp(request.params.id, actorOf(request))));

  const resets = { tags: ['users'] };
  r.get(
    '/api/credential-resets',
    { config, schema: { ...resets, querystring: z.strictObject({ status: z.enum(['PENDING', 'APPLIED', 'REJECTED']).optional() }), response: { 200: z.array(credentialResetView) } } },
    async (request) => services.users.listResets(request.query.status ? { status: request.query.status } : {}, principalOf(request)),
  );
  r.post('/api/credential-resets/:id/approve', { config, schema: { ...resets, summary: "a second administrator applies a privileged user's credential reset", params: idParams, response: { 200: userView } } }, async (request) =>
    services.users.approveReset(request.params.id, principalOf(request)),
  );
  r.post('/api/credential-resets/:id/reject', { config, schema: { ...resets, params: idParams, response: { 200: credentialResetView } } }, async (request) =>
    services.users.rejectReset(request.params.id, principalOf(request)),
  );
}
