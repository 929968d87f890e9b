/**
 * The cluster's one clock: PostgreSQL's. Leases and heartbeats are written and compared in SQL, so that the
 * recorders' machine clocks never decide who holds a camera. ISO text with milliseconds, like every *_at
 * column, so that text comparison is time order.
 */
import { sql, type RawBuilder } from 'kysely';

export function dbNow(offsetSeconds = 0): RawBuilder<string> {
  return sql<string>`to_char((now() + make_interval(secs => ${offsetSeconds}::double precision)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
