/** First run: whether setup is still open, and creating the first administrator with the printed one-time token. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { setupInput } from '../../access/accounts/setup-service.ts';
import { userView } from '../../access/accounts/user-model.ts';
import { PUBLIC } from '../../access/route-access.ts';

const tags = ['auth'];
const config = { access: PUBLIC };

export function setupRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const setupState = z.object({ needed: z.boolean(), bootstrapWindow: z.object({ open: z.boolean(), until: z.string() }).nullable() });
  r.get('/api/setup', { config, schema: { tags, response: { 200: setupState } } }, async () => ({
    needed: await services.setup.needed(),
    bootstrapWindow: await services.setup.bootstrapWindow(),
  }));
  r.post('/api/setup', { config, schema: { tags, body: setupInput, response: { 201: userView } } }, async (request, reply) =>
    reply.status(201).send(await services.setup.complete(request.body, request.ip)),
  );
}
