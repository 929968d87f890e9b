/**
 * The security settings as people may read them (GET /api/settings): thresholds, schedules and where
 * syslog goes. Set in the YAML config and the environment only; the custom credential list is shown
 * by count, never by value.
 */
import type { Config } from '../../config/schema.ts';
import { VENDOR_DEFAULT_CREDENTIALS } from './security-config.ts';

export function securitySettingsView(config: Pick<Config, 'security' | 'events'>) {
  const { defaultCredentials, ...security } = config.security;
  const { host, port, protocol, format, categories, appName } = config.events.syslog;
  return {
    security: {
      ...security,
      defaultCredentialCount: (defaultCredentials ?? VENDOR_DEFAULT_CREDENTIALS).length,
      defaultCredentialList: defaultCredentials ? ('CONFIGURED' as const) : ('BUILT_IN' as const),
    },
    syslog: host ? { enabled: true, host, port, protocol, format, categories, appName } : { enabled: false, categories },
  };
}
