/** Verification of the administration history's hash chain (AUDIT); the history itself is GET /api/history. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs } from '../../access/route-access.ts';
import { principalOf } from '../principal-of.ts';

const verification = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headHash: z.string(),
  ledger: z.object({ leaves: z.number(), head: z.number() }),
  firstBad: z.object({ seq: z.number(), problem: z.string() }).optional(),
});

export function auditRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get(
    '/api/history/verify',
    { config: { access: needs('AUDIT') }, schema: { tags, summary: 'recompute the hash chain of the administration history', response: { 200: verification } } },
    async (request) => services.history.verify(principalOf(request)),
  );
}
