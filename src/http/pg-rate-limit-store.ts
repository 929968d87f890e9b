/**
 * A @fastify/rate-limit store in PostgreSQL (migration 0033), for the API processes of a cluster: the
 * public routes' fixed windows count a client's requests on every process together. One upsert per
 * request opens a new window when the last one has passed, or counts into it.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Windows that ended this long ago are deleted (at most once a minute per process). */
const PRUNE_EVERY_MS = 60_000;

export function pgRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let prunedAt = 0;
  const prune = (now: number) => {
    if (now - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now;
    void sql`delete from rate_limit_windows where window_start + window_ms <= ${now}`.execute(db).catch(() => undefined);
  };

  class PgRateLimitStore implements FastifyRateLimitStore {
    constructor(private readonly prefix = '') {}

    incr(key: string, callback: Callback, timeWindow: number, _max: number): void {
      // Called back outside the promise: an exception of the plugin's callback must not call it twice.
      void this.count(key, timeWindow).then(
        (counted) => setImmediate(() => callback(null, counted)),
        (error: unknown) => setImmediate(() => callback(error instanceof Error ? error : new Error(String(error)))),
      );
    }

    private async count(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
      const now = Date.now();
      const id = `${this.prefix}${key}`;
      const result = await sql<{ hits: number; windowStart: string }>`
        insert into rate_limit_windows (key, hits, window_start, window_ms) values (${id}, 1, ${now}, ${timeWindow})
        on conflict (key) do update set
          hits = case when rate_limit_windows.window_start + rate_limit_windows.window_ms <= ${now} then 1 else rate_limit_windows.hits + 1 end,
          window_start = case when rate_limit_windows.window_start + rate_limit_windows.window_ms <= ${now} then ${now} else rate_limit_windows.window_start end,
          window_ms = ${timeWindow}
        returning hits, window_start as "windowStart"`.execute(db);
      const row = result.rows[0];
      if (!row) throw new Error('rate limit window not counted');
      prune(now);
      return { current: Number(row.hits), ttl: Number(row.windowStart) + timeWindow - now };
    }

    // The plugin passes the route's merged options, the route itself under `routeInfo` (as its RedisStore reads it).
    child(routeOptions: object): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new PgRateLimitStore(`${this.prefix}${String(route.method ?? '')}${route.url ?? ''}-`);
    }
  }
  return PgRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
