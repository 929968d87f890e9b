/** Lock-out with back-off: after 5 consecutive failures 1 minute, doubling with each further failure, at most 1 hour. */
export const FAILURES_BEFORE_LOCK = 5;
const MAX_LOCK_MINUTES = 60;

export function lockMinutes(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (consecutiveFailures - FAILURES_BEFORE_LOCK));
}

/** When the account stays locked until after this failure, or null. */
export function lockedUntilAfter(consecutiveFailures: number, now: Date): string | null {
  const minutes = lockMinutes(consecutiveFailures);
  return minutes === 0 ? null : new Date(now.getTime() + minutes * 60_000).toISOString();
}
