/**
 * Sign-in throttling shared by the API processes of a cluster: the policy and the answers of
 * login-throttle.ts (keyed on the name as typed and on the address, known and unknown names alike), with
 * the counts in PostgreSQL (migration 0033), so that a lock-out earned on one process holds on all.
 * Each step runs in one transaction holding advisory locks on the address and then the name, so that
 * a concurrent burst spread over several processes is counted before its passwords are checked.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { newId } from '../../shared/ids.ts';
import { lockMinutes } from './lockout.ts';
import { BURST_WINDOW_MS, DEFAULT_THROTTLE_POLICY, accountKey, type Admission, type FailureOutcome, type SignInThrottle, type ThrottlePolicy } from './login-throttle.ts';

/** The namespace of the throttle's advisory transaction locks (the second half is the key's hash). */
const LOCK_SPACE = 0x63746872; // 'cthr'

type Scope = 'address' | 'account';

export class PgLoginThrottle implements SignInThrottle {
  constructor(
    private readonly db: Db,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {}

  async admit(name: string, address: string, now: number): Promise<Admission> {
    const account = accountKey(name);
    return this.db.transaction().execute(async (tx) => {
      await lock(tx, `a:${address}`);
      await lock(tx, `n:${account}`);
      const pair = await sql<{ lockedUntil: string }>`select locked_until as "lockedUntil" from sign_in_pairs where account = ${account} and address = ${address}`.execute(tx);
      const lockedUntil = Number(pair.rows[0]?.lockedUntil ?? 0);
      const lockMs = lockedUntil > now ? lockedUntil - now : 0;
      const waits = [lockMs];
      const byAddress = await marks(tx, 'address', address, now - this.policy.addressWindowMs);
      if (byAddress.length >= this.policy.addressFailures) waits.push((byAddress[0] ?? now) + this.policy.addressWindowMs - now);
      const lastMinute = byAddress.filter((at) => at > now - BURST_WINDOW_MS);
      if (lastMinute.length >= this.policy.addressBurst) waits.push((lastMinute[0] ?? now) + BURST_WINDOW_MS - now);
      const byAccount = await marks(tx, 'account', account, now - this.policy.accountWindowMs);
      if (byAccount.length >= this.policy.accountFailures) {
        const last = await sql<{ lastAttemptAt: string }>`select last_attempt_at as "lastAttemptAt" from sign_in_accounts where account = ${account}`.execute(tx);
        waits.push(Number(last.rows[0]?.lastAttemptAt ?? 0) + this.policy.accountSpacingMs - now);
      }
      const waitMs = Math.max(0, ...waits);
      if (waitMs === 0) {
        await sql`insert into sign_in_accounts (account, last_attempt_at) values (${account}, ${now})
          on conflict (account) do update set last_attempt_at = excluded.last_attempt_at`.execute(tx);
        await mark(tx, 'address', address, now);
      }
      return { waitMs, locked: lockMs > 0 };
    });
  }

  async failed(name: string, address: string, now: number): Promise<FailureOutcome> {
    const account = accountKey(name);
    return this.db.transaction().execute(async (tx) => {
      await lock(tx, `a:${address}`);
      await lock(tx, `n:${account}`);
      const previous = await sql<{ failures: number; lastFailureAt: string }>`select failures, last_failure_at as "lastFailureAt" from sign_in_pairs where account = ${account} and address = ${address}`.execute(tx);
      const row = previous.rows[0];
      const failures = row && now - Number(row.lastFailureAt) < this.policy.forgetAfterMs ? row.failures + 1 : 1;
      const minutes = lockMinutes(failures);
      const lockedUntil = minutes > 0 ? now + minutes * 60_000 : 0;
      await sql`insert into sign_in_pairs (account, address, failures, locked_until, last_failure_at) values (${account}, ${address}, ${failures}, ${lockedUntil}, ${now})
        on conflict (account, address) do update set failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`.execute(tx);
      await mark(tx, 'account', account, now);
      await this.prune(tx, now);
      return { consecutive: failures, lockedUntil: lockedUntil ? new Date(lockedUntil) : null };
    });
  }

  /** The attempt admitted last from this address was no failure after all. */
  async succeeded(name: string, address: string): Promise<void> {
    const account = accountKey(name);
    await this.db.transaction().execute(async (tx) => {
      await lock(tx, `a:${address}`);
      await sql`delete from sign_in_pairs where account = ${account} and address = ${address}`.execute(tx);
      await sql`delete from sign_in_marks where id = (select id from sign_in_marks where scope = 'address' and key = ${address} order by at desc, id desc limit 1)`.execute(tx);
    });
  }

  /** An administrator unlocked the account: every lock and count of the name ends. */
  async forgetAccount(name: string): Promise<void> {
    const account = accountKey(name);
    await this.db.transaction().execute(async (tx) => {
      await lock(tx, `n:${account}`);
      await sql`delete from sign_in_pairs where account = ${account}`.execute(tx);
      await sql`delete from sign_in_marks where scope = 'account' and key = ${account}`.execute(tx);
      await sql`delete from sign_in_accounts where account = ${account}`.execute(tx);
    });
  }

  /** What no window or lock needs any more; the tables stay as small as the traffic of the last day. */
  private async prune(tx: Db, now: number): Promise<void> {
    const { forgetAfterMs, addressWindowMs, accountWindowMs } = this.policy;
    await sql`delete from sign_in_marks where at <= ${now - Math.max(addressWindowMs, accountWindowMs, BURST_WINDOW_MS)}`.execute(tx);
    await sql`delete from sign_in_pairs where locked_until <= ${now} and last_failure_at <= ${now - forgetAfterMs}`.execute(tx);
  }
}

function lock(tx: Db, key: string): Promise<unknown> {
  return sql`select pg_advisory_xact_lock(${LOCK_SPACE}, hashtext(${key}))`.execute(tx);
}

async function marks(tx: Db, scope: Scope, key: string, after: number): Promise<number[]> {
  const result = await sql<{ at: string }>`select at from sign_in_marks where scope = ${scope} and key = ${key} and at > ${after} order by at`.execute(tx);
  return result.rows.map((r) => Number(r.at));
}

function mark(tx: Db, scope: Scope, key: string, at: number): Promise<unknown> {
  return sql`insert into sign_in_marks (id, scope, key, at) values (${newId('sim')}, ${scope}, ${key}, ${at})`.execute(tx);
}
