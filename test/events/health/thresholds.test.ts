/** The health thresholds come from the `health:` configuration (YAML or CUSTOS_HEALTH_* variables). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';
import { DEFAULT_THRESHOLDS, thresholdsOf } from '../../../src/events/health/thresholds.ts';

const cwd = () => mkdtempSync(path.join(tmpdir(), 'custos-health-config-'));

describe('health thresholds', () => {
  it('default to REG-15-8: 30 s offline, 1 s drift, 60 s gaps; the checkpoint limit is at least 60 s', () => {
    const config = loadConfig({ env: {}, cwd: cwd() });
    expect(config.health.intervalSeconds).toBe(5);
    expect(thresholdsOf(config)).toEqual(DEFAULT_THRESHOLDS);
  });

  it('take environment variables, and the checkpoint limit follows ledger.checkpointSeconds', () => {
    const config = loadConfig({
      env: { CUSTOS_HEALTH_OFFLINE_SECONDS: '45', CUSTOS_HEALTH_CLOCK_DRIFT_MS: '500', CUSTOS_HEALTH_FPS_RATIO: '0.4', CUSTOS_LEDGER_CHECKPOINT_SECONDS: '30' },
      cwd: cwd(),
    });
    expect(thresholdsOf(config)).toMatchObject({ offlineSeconds: 45, clockDriftMs: 500, fpsRatio: 0.4, checkpointOverdueSeconds: 300 });
  });

  it('refuse a ratio that is not a share', () => {
    expect(() => loadConfig({ env: { CUSTOS_HEALTH_BITRATE_RATIO: '2' }, cwd: cwd() })).toThrow(/health/);
  });
});
