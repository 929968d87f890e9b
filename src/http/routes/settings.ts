import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ADMINISTRATION, SIGNED_IN } from '../../access/route-access.ts';
import { baselineStatus, refuseBaselineChange, settingsPatch } from '../../settings/baseline.ts';
import type { Config } from '../../config/schema.ts';
import { securitySettingsView } from '../../events/security/security-settings.ts';

/** `config`: the security thresholds and the syslog target are shown read-only (they are set in the config file). */
export function settingsRoutes(app: FastifyInstance, config?: Config): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/settings', { config: { access: SIGNED_IN }, schema: { tags: ['settings'] } }, async () => ({ baseline: baselineStatus(), ...(config ? securitySettingsView(config) : {}) }));
  r.patch('/api/settings', { config: { access: ADMINISTRATION }, schema: { tags: ['settings'], body: settingsPatch } }, async (request) =>
    refuseBaselineChange(request.body),
  );
}
