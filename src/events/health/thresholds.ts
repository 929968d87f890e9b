/** The health monitor's thresholds (config `health:` section, src/config/schema.ts). */
import type { Config } from '../../config/schema.ts';

export interface HealthThresholds {
  offlineSeconds: number;
  reconnects: number;
  reconnectWindowMinutes: number;
  bitrateRatio: number;
  fpsRatio: number;
  dropSeconds: number;
  baselineMinutes: number;
  clockDriftMs: number;
  gapSeconds: number;
  /** A camera's gaps within the last hour adding up to this (s): RECORDING_LOSS. */
  missingSecondsPerHour: number;
  /** The newest signed checkpoint may be this old (s) while leaves wait to be signed. */
  checkpointOverdueSeconds: number;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = {
  offlineSeconds: 30,
  reconnects: 3,
  reconnectWindowMinutes: 5,
  bitrateRatio: 0.25,
  fpsRatio: 0.5,
  dropSeconds: 30,
  baselineMinutes: 5,
  clockDriftMs: 1000,
  gapSeconds: 60,
  missingSecondsPerHour: 60,
  checkpointOverdueSeconds: 60,
};

export function thresholdsOf(config: Config): HealthThresholds {
  const { intervalSeconds: _interval, checkpointOverdueFactor, ...rest } = config.health;
  return { ...rest, checkpointOverdueSeconds: Math.max(60, checkpointOverdueFactor * config.ledger.checkpointSeconds) };
}
