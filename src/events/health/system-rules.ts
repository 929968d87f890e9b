/**
 * The health rules about the whole system, pure over their facts: storage at risk from the capacity
 * forecast (REG-15-9, art. 17) and a ledger checkpoint overdue while entries wait to be signed (art. 15).
 */
import type { CapacityForecast } from '../../retention/capacity.ts';
import { WARN_DAYS } from '../../retention/capacity.ts';
import type { HealthCondition } from './condition.ts';
import type { HealthThresholds } from './thresholds.ts';

export interface StorageFacts {
  forecast: CapacityForecast;
  /** Cameras whose recording is suspended for capacity now. */
  suspended: readonly string[];
}

export function storageRule(facts: StorageFacts): HealthCondition {
  const { forecast, suspended } = facts;
  const short = forecast.achievableDays !== null && forecast.achievableDays < forecast.retentionDays + WARN_DAYS;
  return {
    kind: 'STORAGE_AT_RISK',
    cameraId: null,
    subject: 'system',
    active: short || forecast.exhausted || suspended.length > 0,
    details: {
      achievableDays: forecast.achievableDays === null ? null : Math.round(forecast.achievableDays * 100) / 100,
      retentionDays: forecast.retentionDays,
      warnDays: WARN_DAYS,
      freeBytes: forecast.freeBytes,
      dailyIngestBytes: forecast.dailyIngestBytes,
      exhausted: forecast.exhausted,
      suspendedCameras: [...suspended],
    },
  };
}

export interface LedgerFacts {
  /** Leaves in the tree. */
  treeSize: number;
  /** The newest signed checkpoint, if any. */
  latest: { treeSize: number; at: string } | undefined;
}

/** `watchingSince`: when the monitor began; before any checkpoint, the first one is overdue that long after it. */
export function ledgerRule(facts: LedgerFacts, now: Date, t: HealthThresholds, watchingSince: Date): HealthCondition {
  const signed = facts.latest?.treeSize ?? 0;
  const unsigned = Math.max(0, facts.treeSize - signed);
  const ageMs = now.getTime() - (facts.latest ? Date.parse(facts.latest.at) : watchingSince.getTime());
  return {
    kind: 'LEDGER_CHECKPOINT_OVERDUE',
    cameraId: null,
    subject: 'system',
    active: unsigned > 0 && ageMs > t.checkpointOverdueSeconds * 1000,
    details: {
      unsignedLeaves: unsigned,
      latestCheckpointAt: facts.latest?.at ?? null,
      ageSeconds: Math.round(ageMs / 1000),
      limitSeconds: t.checkpointOverdueSeconds,
    },
  };
}
