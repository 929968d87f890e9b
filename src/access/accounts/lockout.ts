/**
 * Lock-out with back-off, per (account, client address): after 5 consecutive failures of one name from
 * one address, that pair waits 1 minute, doubling with each further failure, at most 1 hour. A lock
 * never binds the account everywhere, so nobody can keep a real user locked out from their own
 * address; the per-account cap in login-throttle.ts slows guessing spread over many addresses instead.
 */
export const FAILURES_BEFORE_LOCK = 5;
const MAX_LOCK_MINUTES = 60;

export function lockMinutes(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (consecutiveFailures - FAILURES_BEFORE_LOCK));
}

/** When the pair stays locked until after this failure, or null. */
export function lockedUntilAfter(consecutiveFailures: number, now: Date): string | null {
  const minutes = lockMinutes(consecutiveFailures);
  return minutes === 0 ? null : new Date(now.getTime() + minutes * 60_000).toISOString();
}
