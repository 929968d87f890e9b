/** How long a signed-in session lives (configuration auth.sessionIdleMinutes and auth.sessionLifetimeHours). */
export interface SessionPolicy {
  idleMinutes: number;
  lifetimeHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, lifetimeHours: 12 };

/** last_seen_at is written at most this often, so that reading does not mean writing on every request. */
export const TOUCH_EVERY_MS = 60_000;
