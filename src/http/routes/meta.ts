import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PLACE_CATEGORIES } from '../../registry/enums.ts';
import { placeCategories, zoneTypes } from '../../policy/index.ts';
import { PUBLIC } from '../../access/route-access.ts';

const text = z.object({ zh: z.string(), en: z.string() });
/** REG-07-1: each category with its article, the statute's own list, its label, the subtype pick-list and local notes. */
const placeCategoryMeta = z.object({
  id: z.enum(PLACE_CATEGORIES),
  article: z.string(),
  class: z.enum(['A7', 'A9', 'A33']),
  statuteText: z.string(),
  label: text,
  subtypes: z.array(z.string()),
  localNotes: z.array(text),
});

export function metaRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/meta/place-categories', { config: { access: PUBLIC }, schema: { tags: ['meta'], response: { 200: z.array(placeCategoryMeta) } } }, async () => placeCategories());
  r.get('/api/meta/zone-types', { config: { access: PUBLIC }, schema: { tags: ['meta'] } }, async () => zoneTypes());
}
