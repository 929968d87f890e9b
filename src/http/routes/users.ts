/** User administration (CONFIG): accounts are created, changed, deactivated, unlocked and reset, never deleted. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { passwordResetInput, userCreateInput, userUpdateInput, userView } from '../../access/accounts/user-model.ts';
import { ADMINISTRATION } from '../../access/route-access.ts';
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
  r.post('/api/users/:id/reset-password', { config, schema: { ...schema, body: passwordResetInput } }, async (request) =>
    services.users.resetPassword(request.params.id, request.body, actorOf(request)),
  );
  r.post('/api/users/:id/reset-totp', { config, schema }, async (request) => services.users.resetTotp(request.params.id, actorOf(request)));
}
