/**
 * Leadership of a cluster's API processes: the process whose own connection holds a PostgreSQL
 * session advisory lock runs the once-only jobs. The others try again every few seconds; the lock goes
 * with the connection, so a leader that dies or loses its connection frees it for the next try of
 * another process, and hears itself demoted at once; it then stands back for a few tries, so that a
 * healthy process takes over rather than the one whose connection just failed. A clean stop unlocks
 * before it disconnects.
 */
import type pg from 'pg';
import type { Leadership } from './leadership.ts';
import { openDedicated, type PgTarget } from './pg-dedicated.ts';

/** The lock's first key ('cust'); the second is the hash of the schema, one cluster per schema. */
const LEADER_LOCK = 0x63757374;
/** Tries a process that lost the lock with its connection sits out before trying again. */
const STAND_BACK_TRIES = 3;

export interface AdvisoryLeadershipOptions extends PgTarget {
  /** How often a follower tries the lock and a leader checks its connection (default 2 s). */
  retryMs?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export class AdvisoryLeadership implements Leadership {
  private leader = false;
  private readonly listeners = new Set<(leader: boolean) => void>();
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** After losing the lock with its connection, no try before this time. */
  private standBackUntil = 0;

  constructor(private readonly options: AdvisoryLeadershipOptions) {}

  private get retryMs(): number {
    return this.options.retryMs ?? 2_000;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  onChange(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tries once (so that the first process of a cluster starts as the leader), then every few seconds. */
  async start(): Promise<void> {
    await this.round();
    this.timer = setInterval(() => void this.round(), this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    const client = this.client;
    this.client = undefined;
    if (client) {
      if (this.leader) await client.query('select pg_advisory_unlock($1, hashtext(current_schema()))', [LEADER_LOCK]).catch(() => undefined);
      await client.end().catch(() => undefined);
    }
    this.set(false);
  }

  private round(): Promise<void> {
    if (this.stopped || this.running) return this.running ?? Promise.resolve();
    this.running = (this.leader ? this.check() : this.attempt()).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async attempt(): Promise<void> {
    if (Date.now() < this.standBackUntil) return;
    try {
      const client = this.client ?? (await this.connect());
      const result = await client.query<{ got: boolean }>('select pg_try_advisory_lock($1, hashtext(current_schema())) as got', [LEADER_LOCK]);
      if (result.rows[0]?.got && !this.stopped && this.client === client) {
        this.set(true);
        this.options.log?.info({}, 'cluster: this process is the leader (once-only jobs run here)');
      }
    } catch (error) {
      this.drop(error);
    }
  }

  /** A leader whose connection no longer answers is none: the lock may already be another's. */
  private async check(): Promise<void> {
    try {
      await this.client?.query('select 1');
    } catch (error) {
      this.drop(error);
    }
  }

  private async connect(): Promise<pg.Client> {
    const { client } = await openDedicated(this.options, (lost, error) => {
      if (this.client === lost) this.drop(error);
    });
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('leadership stopped');
    }
    this.client = client;
    return client;
  }

  private drop(error: unknown): void {
    const client = this.client;
    this.client = undefined;
    if (client) void endQuietly(client);
    if (this.leader) {
      this.options.log?.warn({ err: error }, 'cluster: leadership lost with the database connection');
      this.standBackUntil = Date.now() + this.retryMs * STAND_BACK_TRIES;
    }
    this.set(false);
  }

  private set(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    for (const listener of this.listeners) listener(leader);
  }
}

async function endQuietly(client: pg.Client): Promise<void> {
  try {
    await client.end();
  } catch {
    // Already gone: nothing to release.
  }
}
