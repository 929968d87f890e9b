import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ADMINISTRATION, SIGNED_IN } from '../../access/route-access.ts';
import { baselineStatus, refuseBaselineChange, settingsPatch } from '../../settings/baseline.ts';

export function settingsRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/settings', { config: { access: SIGNED_IN }, schema: { tags: ['settings'] } }, async () => ({ baseline: baselineStatus() }));
  r.patch('/api/settings', { config: { access: ADMINISTRATION }, schema: { tags: ['settings'], body: settingsPatch } }, async (request) =>
    refuseBaselineChange(request.body),
  );
}
