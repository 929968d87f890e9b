/**
 * Jobs that must run once in the whole cluster (ledger follower and checkpoint signing, retention sweep,
 * health monitor, minute checks, security schedule, tier mover, webhook deliveries) ask this before each
 * run. A single process is always the leader; in cluster mode the holder of a PostgreSQL advisory lock is.
 */
export interface Leadership {
  /** Whether this process runs the cluster's once-only jobs now. */
  readonly isLeader: boolean;
  /** Called with true when this process becomes the leader, false when it loses it. */
  onChange(listener: (leader: boolean) => void): () => void;
}

/** One process, no cluster: always the leader. */
export const soleProcess: Leadership = { isLeader: true, onChange: () => () => undefined };

/** A job's tick that runs only while this process leads (leadership moves without restarting the job). */
export function whenLeader<T>(leadership: Leadership, job: () => Promise<T>): () => Promise<T | undefined> {
  return async () => (leadership.isLeader ? job() : undefined);
}
