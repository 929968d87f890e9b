/** REG-11-1 and AMB-5: putting a system into use, the start of its filing clock; art. 7 places need an acceptance record first. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app/services.ts';
import { putIntoUseInput } from '../../archive/inputs.ts';
import { siteRecord } from '../../registry/model.ts';
import { actorOf } from '../request-context.ts';
import { idParams } from './crud.ts';
import { ADMINISTRATION } from '../../access/route-access.ts';

export function putIntoUseRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/sites/:id/put-into-use',
    { config: { access: ADMINISTRATION }, schema: { tags: ['registry'], params: idParams, body: putIntoUseInput, response: { 200: siteRecord } } },
    async (request) => services.putIntoUse.putIntoUse(request.params.id, request.body, actorOf(request)),
  );
}
