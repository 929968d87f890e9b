/**
 * RECORDING_LOSS (art. 15, REG-15-8): a camera's gaps within the last hour, clipped to the hour and an open
 * gap counted up to now, add up to missingSecondsPerHour or more; ended once the sum falls below.
 * Pure: the gaps and the time are data.
 */
import type { RecordingGap } from '../../recording/model.ts';
import type { HealthCondition } from './condition.ts';

export const LOSS_WINDOW_MS = 3_600_000;

export function lossConditions(cameraIds: readonly string[], gaps: readonly RecordingGap[], now: Date, thresholdSeconds: number): HealthCondition[] {
  const end = now.getTime();
  const start = end - LOSS_WINDOW_MS;
  const missing = new Map<string, { ms: number; gaps: number; reached: number; byReason: Record<string, number> }>();
  const byStart = [...gaps].sort((a, b) => Date.parse(a.fromAt) - Date.parse(b.fromAt));
  for (const gap of byStart) {
    const m = missing.get(gap.cameraId) ?? { ms: 0, gaps: 0, reached: start, byReason: {} };
    // Overlapping gaps of one camera (an outage that two writers saw) count once.
    const from = Math.max(m.reached, Date.parse(gap.fromAt));
    const to = Math.min(end, gap.toAt === null ? end : Date.parse(gap.toAt));
    if (to <= from) continue;
    m.reached = to;
    m.ms += to - from;
    m.gaps += 1;
    m.byReason[gap.reason] = Math.round(((m.byReason[gap.reason] ?? 0) * 1000 + (to - from)) / 100) / 10;
    missing.set(gap.cameraId, m);
  }
  return cameraIds.map((cameraId) => {
    const m = missing.get(cameraId) ?? { ms: 0, gaps: 0, byReason: {} };
    const seconds = Math.round(m.ms / 100) / 10;
    return {
      kind: 'RECORDING_LOSS',
      cameraId,
      subject: cameraId,
      active: seconds >= thresholdSeconds,
      details: { missingSeconds: seconds, windowMinutes: LOSS_WINDOW_MS / 60_000, thresholdSeconds, gaps: m.gaps, secondsByReason: m.byReason },
    };
  });
}
