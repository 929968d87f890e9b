/**
 * When a segment may go (REG-17-2, AMB-4): every frame is kept for at least R full calendar days in
 * Asia/Shanghai, R = max(floor, retention in force). Pure functions, so any date can be tested.
 */
import { addDays, legalDateOf, startOfLegalDay } from '../shared/legal-time.ts';
import type { RetentionPeriod } from './model.ts';

/** `eligibleAt = startOfDay(date(newestFrame, UTC+8) + max(floor, retentionDays) + 1 day)`. */
export function eligibleAt(newestFrame: string | Date, retentionDays: number, floorDays: number | null): Date {
  const days = Math.max(floorDays ?? 0, retentionDays);
  return startOfLegalDay(addDays(legalDateOf(newestFrame), days + 1));
}

/**
 * The retention that governs a segment (REG-17-6): the largest value in force at any moment from its
 * newest frame until now. Lowering the retention therefore never shortens the life of footage
 * recorded before the change; raising it lengthens the life of footage not yet deleted.
 * `timeline` is in order of `from`; before its first entry the first value holds.
 */
export function retentionInForce(timeline: readonly RetentionPeriod[], newestFrame: string, now: Date): number {
  if (timeline.length === 0) throw new Error('a camera has at least one retention value');
  const nowIso = now.toISOString();
  let max = 0;
  for (let i = 0; i < timeline.length; i++) {
    const period = timeline[i]!;
    const until = timeline[i + 1]?.from;
    // In force from period.from (or forever before, for the first) until the next change.
    const startsBeforeNow = i === 0 || period.from <= nowIso;
    const endsAfterFrame = until === undefined || until > newestFrame;
    if (startsBeforeNow && endsAfterFrame) max = Math.max(max, period.days);
  }
  return max;
}

/**
 * Where a segment's retention counts from: its newest frame, or when it was indexed if that was later.
 * A camera whose clock lies (or footage salvaged late) can stamp a segment with a time long past; its
 * life still starts no earlier than its arrival, so it is never deleted minutes after it was recorded.
 */
export function retainedFrom(segment: { endAt: string; createdAt: string }): string {
  return Date.parse(segment.createdAt) > Date.parse(segment.endAt) ? segment.createdAt : segment.endAt;
}

/** The instant from which the sweeper may delete the segment on retention grounds alone. */
export function segmentEligibleAt(segment: { endAt: string; createdAt: string }, timeline: readonly RetentionPeriod[], floorDays: number | null, now: Date): Date {
  const from = retainedFrom(segment);
  return eligibleAt(from, retentionInForce(timeline, from, now), floorDays);
}
