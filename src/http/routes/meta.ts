import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { placeCategories, zoneTypes } from '../../policy/index.ts';
import { PUBLIC } from '../../access/route-access.ts';

export function metaRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/meta/place-categories', { config: { access: PUBLIC }, schema: { tags: ['meta'] } }, async () => placeCategories());
  r.get('/api/meta/zone-types', { config: { access: PUBLIC }, schema: { tags: ['meta'] } }, async () => zoneTypes());
}
