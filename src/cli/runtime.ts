/** What a CLI command needs: configuration, an open and migrated database, and the services. */
import { loadConfig, databaseUrl } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from '../db/connect.ts';
import type { Services } from '../app/services.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { permissionsWarning, secureDataFiles } from '../security/data-permissions.ts';
import { VENDOR_DEFAULT_CREDENTIALS } from '../events/security/security-config.ts';
import type { SyslogOutput } from '../events/security/syslog/syslog-subscriber.ts';

export interface Runtime {
  config: Config;
  db: DbHandle;
  services: Services;
  clock: Clock;
  syslog?: SyslogOutput | undefined;
}

export async function openRuntime(clock: Clock = systemClock): Promise<Runtime> {
  const config = loadConfig();
  checkDataFiles(config);
  const db = connectDatabase(databaseUrl(config));
  await migrateToLatest(db);
  // Loaded here, not at the top, so that commands without a database start quickly.
  const { createServices } = await import('../app/services.ts');
  const { sourceAddressPolicy } = await import('../registry/source-address-policy.ts');
  const { createSegmentStores } = await import('../storage/segment-stores.ts');
  const services = createServices(db.db, clock, config.dataDir, undefined, {
    segmentStores: await createSegmentStores(config.storage, config.dataDir),
    tokens: { maxDays: config.auth.apiTokenMaxDays },
    anchorFile: config.ledger.anchorFile,
    art21: config.art21,
    sourceAddresses: sourceAddressPolicy(config, () => [config.server.port]),
    webhooks: config.events.webhooks,
    ownPorts: () => [config.server.port],
    security: config.security,
    onvifPort: config.security.onvifPort,
    onvif: config.onvif,
    defaultCredentials: config.security.defaultCredentialCheck ? (config.security.defaultCredentials ?? VENDOR_DEFAULT_CREDENTIALS) : undefined,
  });
  await services.totp.sealPlainSecrets();
  // Alarms a command raises (a failed verification) go to the syslog collector too.
  const { startSyslogOutput } = await import('../events/security/syslog/syslog-subscriber.ts');
  const syslog = startSyslogOutput(services.bus, config.events.syslog, (error) => process.stderr.write(`custos: syslog: ${error.message}\n`));
  return { config, db, services, clock, syslog };
}

/** The data folder and database files owner-only (secureDataFiles), with one warning line on stderr when they were not. */
export function checkDataFiles(config: Config): void {
  const warning = permissionsWarning(secureDataFiles(config.dataDir, databaseUrl(config)));
  if (warning) process.stderr.write(`custos: ${warning}\n`);
}

export async function withRuntime<T>(run: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime();
  try {
    return await run(rt);
  } finally {
    await rt.services.security.settled();
    await rt.syslog?.stop();
    rt.services.segmentStores.close();
    await rt.db.close();
  }
}
