import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { baselineStatus, refuseBaselineChange, settingsPatch } from '../../settings/baseline.ts';

export function settingsRoutes(app: FastifyInstance, options: { apiTokenSet: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/settings', { schema: { tags: ['settings'] } }, async () => ({ baseline: baselineStatus(options) }));
  r.patch('/api/settings', { schema: { tags: ['settings'], body: settingsPatch } }, async (request) => refuseBaselineChange(request.body));
}
