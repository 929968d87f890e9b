import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, type Config } from './schema.ts';
import { CLUSTER_ENV_KEYS } from '../cluster/config.ts';
import { STORAGE_ENV_KEYS } from '../storage/config.ts';

export class ConfigError extends Error {
  readonly code = 'E_CONFIG';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Environment variables that map onto config keys. Any other CUSTOS_* variable is an error. */
const ENV_KEYS: Record<string, string[]> = {
  ...CLUSTER_ENV_KEYS,
  ...STORAGE_ENV_KEYS,
  CUSTOS_SERVER_HOST: ['server', 'host'],
  CUSTOS_SERVER_PORT: ['server', 'port'],
  CUSTOS_SERVER_TRUST_PROXY: ['server', 'trustProxy'],
  CUSTOS_SERVER_PUBLIC_URL: ['server', 'publicUrl'],
  CUSTOS_DATA_DIR: ['dataDir'],
  CUSTOS_DB_URL: ['db', 'url'],
  DB_URL: ['db', 'url'],
  CUSTOS_LOG_LEVEL: ['log', 'level'],
  CUSTOS_SESSION_IDLE_MINUTES: ['auth', 'sessionIdleMinutes'],
  CUSTOS_SESSION_LIFETIME_HOURS: ['auth', 'sessionLifetimeHours'],
  CUSTOS_API_TOKEN_MAX_DAYS: ['auth', 'apiTokenMaxDays'],
  CUSTOS_POLICY_PACK: ['policy', 'pack'],
  CUSTOS_DEMO_ENABLED: ['demo', 'enabled'],
  CUSTOS_DEMO_SIMULATOR_PORT: ['demo', 'simulatorPort'],
  CUSTOS_DEMO_GB28181: ['demo', 'gb28181'],
  CUSTOS_RECORDING_ENABLED: ['recording', 'enabled'],
  CUSTOS_RECORDING_SEGMENT_SECONDS: ['recording', 'segmentSeconds'],
  CUSTOS_RECORDING_TRANSPORT: ['recording', 'transport'],
  CUSTOS_RECORDING_CAMERA_CLOCK_TOLERANCE_SECONDS: ['recording', 'cameraClockToleranceSeconds'],
  CUSTOS_RECORDING_WORKERS: ['recording', 'workers'],
  CUSTOS_RECORDING_FFMPEG_PATH: ['recording', 'ffmpegPath'],
  CUSTOS_LEDGER_ANCHOR_FILE: ['ledger', 'anchorFile'],
  CUSTOS_LEDGER_CHECKPOINT_SECONDS: ['ledger', 'checkpointSeconds'],
  CUSTOS_RECORDING_ALLOWED_SOURCE_NETWORKS: ['recording', 'allowedSourceNetworks'],
  CUSTOS_HEALTH_INTERVAL_SECONDS: ['health', 'intervalSeconds'],
  CUSTOS_HEALTH_OFFLINE_SECONDS: ['health', 'offlineSeconds'],
  CUSTOS_HEALTH_RECONNECTS: ['health', 'reconnects'],
  CUSTOS_HEALTH_RECONNECT_WINDOW_MINUTES: ['health', 'reconnectWindowMinutes'],
  CUSTOS_HEALTH_BITRATE_RATIO: ['health', 'bitrateRatio'],
  CUSTOS_HEALTH_FPS_RATIO: ['health', 'fpsRatio'],
  CUSTOS_HEALTH_DROP_SECONDS: ['health', 'dropSeconds'],
  CUSTOS_HEALTH_BASELINE_MINUTES: ['health', 'baselineMinutes'],
  CUSTOS_HEALTH_CLOCK_DRIFT_MS: ['health', 'clockDriftMs'],
  CUSTOS_HEALTH_GAP_SECONDS: ['health', 'gapSeconds'],
  CUSTOS_HEALTH_MISSING_SECONDS_PER_HOUR: ['health', 'missingSecondsPerHour'],
  CUSTOS_HEALTH_CHECKPOINT_OVERDUE_FACTOR: ['health', 'checkpointOverdueFactor'],
  CUSTOS_ART21_MAX_WINDOW_HOURS: ['art21', 'maxWindowHours'],
  CUSTOS_ART21_ANSWER_DAYS: ['art21', 'answerDays'],
  CUSTOS_ART21_DUE_SOON_DAYS: ['art21', 'dueSoonDays'],
  CUSTOS_ART21_SESSION_MINUTES: ['art21', 'sessionMinutes'],
  CUSTOS_MQTT_URL: ['events', 'mqtt', 'url'],
  CUSTOS_MQTT_USERNAME: ['events', 'mqtt', 'username'],
  CUSTOS_MQTT_PASSWORD: ['events', 'mqtt', 'password'],
  CUSTOS_MQTT_CLIENT_ID: ['events', 'mqtt', 'clientId'],
  CUSTOS_MQTT_TOPIC_PREFIX: ['events', 'mqtt', 'topicPrefix'],
  CUSTOS_MQTT_RETAIN: ['events', 'mqtt', 'retain'],
  CUSTOS_MQTT_HA_DISCOVERY: ['events', 'mqtt', 'haDiscovery'],
  CUSTOS_MQTT_DISCOVERY_PREFIX: ['events', 'mqtt', 'discoveryPrefix'],
  CUSTOS_WEBHOOK_RETRY_SECONDS: ['events', 'webhookRetrySeconds'],
  CUSTOS_WEBHOOK_TIMEOUT_SECONDS: ['events', 'webhookTimeoutSeconds'],
  CUSTOS_SECURITY_VERIFY_EVERY_MINUTES: ['security', 'verifyEveryMinutes'],
  CUSTOS_SECURITY_IDENTITY_CHECK_MINUTES: ['security', 'identityCheckMinutes'],
  CUSTOS_SECURITY_ONVIF_PORT: ['security', 'onvifPort'],
  CUSTOS_DEMO_ONVIF: ['demo', 'onvif'],
  CUSTOS_ONVIF_DISCOVERY_MULTICAST: ['onvif', 'discovery', 'multicast'],
  CUSTOS_ONVIF_DISCOVERY_TARGETS: ['onvif', 'discovery', 'targets'],
  CUSTOS_SECURITY_DEFAULT_CREDENTIAL_CHECK: ['security', 'defaultCredentialCheck'],
  CUSTOS_SECURITY_EXPORTS_PER_DAY: ['security', 'exportsPerDay'],
  CUSTOS_SECURITY_EXPORT_MEGABYTES_PER_DAY: ['security', 'exportMegabytesPerDay'],
  CUSTOS_SECURITY_MEDIA_REFUSALS: ['security', 'mediaRefusals'],
  CUSTOS_SYSLOG_HOST: ['events', 'syslog', 'host'],
  CUSTOS_SYSLOG_PORT: ['events', 'syslog', 'port'],
  CUSTOS_SYSLOG_PROTOCOL: ['events', 'syslog', 'protocol'],
  CUSTOS_SYSLOG_FORMAT: ['events', 'syslog', 'format'],
  CUSTOS_SYSLOG_CATEGORIES: ['events', 'syslog', 'categories'],
  CUSTOS_GB28181_ENABLED: ['gb28181', 'enabled'],
  CUSTOS_GB28181_SIP_ID: ['gb28181', 'sipId'],
  CUSTOS_GB28181_DOMAIN: ['gb28181', 'domain'],
  CUSTOS_GB28181_HOST: ['gb28181', 'host'],
  CUSTOS_GB28181_SIP_PORT: ['gb28181', 'sipPort'],
  CUSTOS_GB28181_MEDIA_HOST: ['gb28181', 'mediaHost'],
  CUSTOS_GB28181_PASSWORD: ['gb28181', 'password'],
  CUSTOS_GB28181_KEEPALIVE_TIMEOUT_SEC: ['gb28181', 'keepaliveTimeoutSec'],
  CUSTOS_GB28181_REGISTER_EXPIRES_MAX_SEC: ['gb28181', 'registerExpiresMaxSec'],
};
/**
 * Variables read before the configuration: which file, and (bin/custos.mjs) whether to run from the
 * sources; and those of commands that talk to a running server (`custos gb28181`): its URL, an API
 * token, a device password to set.
 */
const ENV_META = new Set(['CUSTOS_CONFIG', 'CUSTOS_FROM_SOURCE', 'CUSTOS_URL', 'CUSTOS_TOKEN', 'CUSTOS_GB_PASSWORD']);

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Explicit YAML file; otherwise CUSTOS_CONFIG, otherwise ./custos.yaml when present. */
  file?: string;
  cwd?: string;
}

export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];

  const file = options.file ?? env.CUSTOS_CONFIG ?? (existsSync(path.join(cwd, 'custos.yaml')) ? 'custos.yaml' : undefined);
  let raw: Record<string, unknown> = {};
  if (file) {
    const full = path.resolve(cwd, file);
    try {
      const parsed: unknown = parseYaml(readFileSync(full, 'utf8'));
      if (parsed !== null && parsed !== undefined) {
        if (typeof parsed !== 'object' || Array.isArray(parsed)) problems.push(`${file}: expected a mapping at the top level`);
        else raw = parsed as Record<string, unknown>;
      }
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const target = ENV_KEYS[name];
    if (target) setPath(raw, target, value);
    else if (name.startsWith('CUSTOS_') && !ENV_META.has(name)) problems.push(`${name}: unknown environment variable`);
  }

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.join('.') || '(root)';
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (issue.path.length ? `${key}.${k}` : k)) : [key];
      for (const k of keys) problems.push(`${k}: ${issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1] as string] = value;
}

/** The database URL, defaulting to SQLite inside the data folder. */
export function databaseUrl(config: Config): string {
  return config.db.url ?? `sqlite:${path.join(config.dataDir, 'custos.db')}`;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
