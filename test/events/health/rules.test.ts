/**
 * The health rules as pure functions of the recorder's status and the time (fake status inputs): each
 * kind holds only past its threshold and ends when the camera recovers.
 */
import { describe, expect, it } from 'vitest';
import { CameraRules } from '../../../src/events/health/camera-rules.ts';
import type { HealthCondition } from '../../../src/events/health/condition.ts';
import { ledgerRule, storageRule } from '../../../src/events/health/system-rules.ts';
import { DEFAULT_THRESHOLDS } from '../../../src/events/health/thresholds.ts';
import { initialStatus, type CameraRecordingStatus } from '../../../src/recorder/camera-status.ts';
import type { CapacityForecast } from '../../../src/retention/capacity.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString();

function status(patch: Partial<CameraRecordingStatus>): CameraRecordingStatus {
  return { ...initialStatus('cam_1', at(0)), state: 'online', since: iso(0), fps: 25, bitrateBps: 2_000_000, ...patch };
}

const find = (conditions: HealthCondition[], kind: HealthCondition['kind']) => conditions.find((c) => c.kind === kind)!;

describe('camera health rules', () => {
  it('CAMERA_OFFLINE holds after 30 s without media, across starting/offline flips, and ends online', () => {
    const rules = new CameraRules('cam_1', DEFAULT_THRESHOLDS);
    expect(find(rules.evaluate(status({}), at(0)), 'CAMERA_OFFLINE').active).toBe(false);
    expect(find(rules.evaluate(status({ state: 'offline', since: iso(10), reason: 'connection lost' }), at(12)), 'CAMERA_OFFLINE').active).toBe(false);
    // Each reconnection attempt resets the recorder's `since`; the rule counts from the first look down.
    expect(find(rules.evaluate(status({ state: 'starting', since: iso(38) }), at(39)), 'CAMERA_OFFLINE').active).toBe(false);
    const down = find(rules.evaluate(status({ state: 'offline', since: iso(40) }), at(40)), 'CAMERA_OFFLINE');
    expect(down).toMatchObject({ active: true, since: iso(10), details: { downSeconds: 30, thresholdSeconds: 30 } });
    expect(rules.offline).toBe(true);
    expect(find(rules.evaluate(status({ since: iso(45) }), at(45)), 'CAMERA_OFFLINE').active).toBe(false);
    expect(rules.offline).toBe(false);
  });

  it('a stopped camera is not offline', () => {
    const rules = new CameraRules('cam_1', DEFAULT_THRESHOLDS);
    expect(find(rules.evaluate(status({ state: 'stopped', since: iso(0) }), at(600)), 'CAMERA_OFFLINE').active).toBe(false);
  });

  it('CAMERA_RECONNECTING holds while 3 reconnects fall within 5 minutes, and ends when they age out', () => {
    const rules = new CameraRules('cam_1', DEFAULT_THRESHOLDS);
    expect(find(rules.evaluate(status({ reconnects: 0 }), at(0)), 'CAMERA_RECONNECTING').active).toBe(false);
    expect(find(rules.evaluate(status({ reconnects: 2 }), at(60)), 'CAMERA_RECONNECTING').active).toBe(false);
    expect(find(rules.evaluate(status({ reconnects: 3 }), at(120)), 'CAMERA_RECONNECTING')).toMatchObject({ active: true, details: { reconnects: 3, threshold: 3 } });
    expect(find(rules.evaluate(status({ reconnects: 3 }), at(300)), 'CAMERA_RECONNECTING').active).toBe(true);
    expect(find(rules.evaluate(status({ reconnects: 3 }), at(500)), 'CAMERA_RECONNECTING').active).toBe(false);
    // A replaced recorder counts from zero: no false flapping from the drop in the counter.
    expect(find(rules.evaluate(status({ reconnects: 0 }), at(510)), 'CAMERA_RECONNECTING').active).toBe(false);
  });

  function learnt(): CameraRules {
    const rules = new CameraRules('cam_1', DEFAULT_THRESHOLDS);
    for (let s = 20; s <= 320; s += 5) {
      const conditions = rules.evaluate(status({}), at(s));
      expect(find(conditions, 'BITRATE_COLLAPSE').active).toBe(false);
    }
    return rules;
  }

  it('no rate alarm while the baseline is being learnt, however low the rates', () => {
    const rules = new CameraRules('cam_1', DEFAULT_THRESHOLDS);
    for (let s = 20; s <= 200; s += 5) {
      const conditions = rules.evaluate(status({ fps: 1, bitrateBps: 10_000 }), at(s));
      expect(find(conditions, 'FRAME_RATE_DROP')).toMatchObject({ active: false, details: { learning: true } });
      expect(find(conditions, 'BITRATE_COLLAPSE').active).toBe(false);
    }
  });

  it('BITRATE_COLLAPSE: under 25 % of the camera median for 30 s, then ends when it recovers', () => {
    const rules = learnt();
    expect(find(rules.evaluate(status({ bitrateBps: 400_000 }), at(325)), 'BITRATE_COLLAPSE').active).toBe(false);
    expect(find(rules.evaluate(status({ bitrateBps: 400_000 }), at(350)), 'BITRATE_COLLAPSE').active).toBe(false);
    const collapsed = find(rules.evaluate(status({ bitrateBps: 400_000 }), at(355)), 'BITRATE_COLLAPSE');
    expect(collapsed).toMatchObject({ active: true, since: iso(325), details: { bitrateBps: 400_000, baselineBitrateBps: 2_000_000, ratio: 0.25 } });
    // 30 % of normal is not a collapse; the long low spell never became the baseline.
    for (let s = 360; s <= 1000; s += 5) rules.evaluate(status({ bitrateBps: 400_000 }), at(s));
    expect(find(rules.evaluate(status({ bitrateBps: 400_000 }), at(1005)), 'BITRATE_COLLAPSE')).toMatchObject({ active: true, details: { baselineBitrateBps: 2_000_000 } });
    expect(find(rules.evaluate(status({ bitrateBps: 600_000 }), at(1010)), 'BITRATE_COLLAPSE').active).toBe(false);
  });

  it('FRAME_RATE_DROP: under half the camera median fps for 30 s', () => {
    const rules = learnt();
    for (let s = 325; s < 355; s += 5) expect(find(rules.evaluate(status({ fps: 10 }), at(s)), 'FRAME_RATE_DROP').active).toBe(false);
    expect(find(rules.evaluate(status({ fps: 10 }), at(355)), 'FRAME_RATE_DROP')).toMatchObject({ active: true, details: { fps: 10, baselineFps: 25, ratio: 0.5 } });
    expect(find(rules.evaluate(status({ fps: 13 }), at(360)), 'FRAME_RATE_DROP').active).toBe(false);
  });

  it('CLOCK_DRIFT holds while the camera clock is more than 1 s off either way', () => {
    const rules = new CameraRules('cam_1', DEFAULT_THRESHOLDS);
    expect(find(rules.evaluate(status({ clockDriftMs: null }), at(0)), 'CLOCK_DRIFT').active).toBe(false);
    expect(find(rules.evaluate(status({ clockDriftMs: 900 }), at(5)), 'CLOCK_DRIFT').active).toBe(false);
    expect(find(rules.evaluate(status({ clockDriftMs: -2000 }), at(10)), 'CLOCK_DRIFT')).toMatchObject({ active: true, details: { driftMs: -2000, thresholdMs: 1000 } });
    expect(find(rules.evaluate(status({ clockDriftMs: 2001 }), at(15)), 'CLOCK_DRIFT').active).toBe(true);
  });
});

describe('system health rules', () => {
  const forecast = (patch: Partial<CapacityForecast>): CapacityForecast => ({
    freeBytes: 1e12,
    totalBytes: 2e12,
    storedBytes: 0,
    usableBytes: 1e12,
    dailyIngestBytes: 80e9,
    neededBytes: 0,
    achievableDays: 40,
    retentionDays: 30,
    daysUntilAtRisk: null,
    exhausted: false,
    reserveBytes: 256 * 1024 * 1024,
    ...patch,
  });

  it('STORAGE_AT_RISK (REG-15-9): achievable days under retention + 7, exhaustion or a suspended camera', () => {
    expect(storageRule({ forecast: forecast({ achievableDays: 37.5 }), suspended: [] }).active).toBe(false);
    expect(storageRule({ forecast: forecast({ achievableDays: 36.25 }), suspended: [] })).toMatchObject({ active: true, subject: 'system', details: { achievableDays: 36.25, retentionDays: 30 } });
    expect(storageRule({ forecast: forecast({ achievableDays: 25 }), suspended: [] }).active).toBe(true);
    expect(storageRule({ forecast: forecast({ achievableDays: null }), suspended: [] }).active).toBe(false);
    expect(storageRule({ forecast: forecast({ exhausted: true }), suspended: [] }).active).toBe(true);
    expect(storageRule({ forecast: forecast({}), suspended: ['cam_9'] }).active).toBe(true);
  });

  it('LEDGER_CHECKPOINT_OVERDUE: the newest checkpoint too old while leaves are unsigned', () => {
    const t = { ...DEFAULT_THRESHOLDS, checkpointOverdueSeconds: 60 };
    const latest = { treeSize: 10, at: iso(0) };
    const since = at(-3600);
    expect(ledgerRule({ treeSize: 12, latest }, at(59), t, since).active).toBe(false);
    expect(ledgerRule({ treeSize: 12, latest }, at(61), t, since)).toMatchObject({ active: true, details: { unsignedLeaves: 2, ageSeconds: 61, limitSeconds: 60 } });
    expect(ledgerRule({ treeSize: 10, latest }, at(3600), t, since).active).toBe(false);
    expect(ledgerRule({ treeSize: 0, latest: undefined }, at(0), t, since).active).toBe(false);
  });

  it('LEDGER_CHECKPOINT_OVERDUE before any checkpoint: not at start-up, only once the first is overdue', () => {
    const t = { ...DEFAULT_THRESHOLDS, checkpointOverdueSeconds: 60 };
    expect(ledgerRule({ treeSize: 3, latest: undefined }, at(5), t, at(0)).active).toBe(false);
    expect(ledgerRule({ treeSize: 3, latest: undefined }, at(61), t, at(0))).toMatchObject({ active: true, details: { latestCheckpointAt: null, ageSeconds: 61 } });
  });
});
