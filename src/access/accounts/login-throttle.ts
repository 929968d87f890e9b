/**
 * Sign-in throttling, in memory, keyed on the name as typed (known and unknown names alike, so that the
 * answer never tells whether an account exists) and on the client address:
 * - (name, address): the lock-out with back-off of lockout.ts (answered 423, the others 429);
 * - address: at most `addressBurst` failed sign-ins per minute and `addressFailures` per `addressWindowMs`, whatever the names
 *   (counted when admitted, so that a concurrent burst counts before its passwords are checked);
 * - name: once `accountFailures` failures from anywhere fall within `accountWindowMs`, one attempt per
 *   `accountSpacingMs` for that name. It slows distributed guessing and never locks the owner out.
 */
import { lockMinutes } from './lockout.ts';

export interface ThrottlePolicy {
  addressBurst: number;
  addressFailures: number;
  addressWindowMs: number;
  accountFailures: number;
  accountWindowMs: number;
  accountSpacingMs: number;
  /** A (name, address) pair's failures are forgotten this long after its last failure. */
  forgetAfterMs: number;
  /** Above this many remembered keys, the oldest are dropped. */
  maxEntries: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  addressBurst: 10,
  addressFailures: 30,
  addressWindowMs: 10 * 60_000,
  accountFailures: 30,
  accountWindowMs: 15 * 60_000,
  accountSpacingMs: 10_000,
  forgetAfterMs: 24 * 3_600_000,
  maxEntries: 50_000,
};

interface PairState {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

interface WindowState {
  failures: number[];
  lastAttemptAt: number;
}

export interface FailureOutcome {
  /** Consecutive failures of this name from this address. */
  consecutive: number;
  /** Set when this failure started (or lengthened) the pair's lock. */
  lockedUntil: Date | null;
}

export interface Admission {
  /** Milliseconds until the attempt may run; 0 admits it. */
  waitMs: number;
  /** The (name, address) pair is locked (as opposed to throttled by address or name). */
  locked: boolean;
}

export const BURST_WINDOW_MS = 60_000;

/**
 * What sign-in asks of a throttle: this in-memory one for one process, PgLoginThrottle (the same
 * policy, kept in PostgreSQL) for API processes of a cluster.
 */
export interface SignInThrottle {
  admit(name: string, address: string, now: number): Admission | Promise<Admission>;
  failed(name: string, address: string, now: number): FailureOutcome | Promise<FailureOutcome>;
  succeeded(name: string, address: string): void | Promise<void>;
  forgetAccount(name: string): void | Promise<void>;
}

export class LoginThrottle implements SignInThrottle {
  private readonly pairs = new Map<string, PairState>();
  private readonly addresses = new Map<string, WindowState>();
  private readonly accounts = new Map<string, WindowState>();

  constructor(private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {}

  /** Whether this attempt may run now; admitting it takes the name's slot while the name is slowed. */
  admit(name: string, address: string, now: number): Admission {
    const account = accountKey(name);
    const pair = this.pairs.get(pairKey(account, address));
    const lockMs = pair && pair.lockedUntil > now ? pair.lockedUntil - now : 0;
    const waits = [lockMs];
    const byAddress = this.window(this.addresses, address, now, this.policy.addressWindowMs);
    if (byAddress && byAddress.failures.length >= this.policy.addressFailures) {
      waits.push((byAddress.failures[0] ?? now) + this.policy.addressWindowMs - now);
    }
    const lastMinute = byAddress?.failures.filter((at) => at > now - BURST_WINDOW_MS) ?? [];
    if (lastMinute.length >= this.policy.addressBurst) waits.push((lastMinute[0] ?? now) + BURST_WINDOW_MS - now);
    const byAccount = this.window(this.accounts, account, now, this.policy.accountWindowMs);
    if (byAccount && byAccount.failures.length >= this.policy.accountFailures) {
      waits.push(byAccount.lastAttemptAt + this.policy.accountSpacingMs - now);
    }
    const waitMs = Math.max(0, ...waits);
    if (waitMs === 0) {
      this.touch(this.accounts, account).lastAttemptAt = now;
      this.touch(this.addresses, address).failures.push(now);
    }
    return { waitMs, locked: lockMs > 0 };
  }

  failed(name: string, address: string, now: number): FailureOutcome {
    const account = accountKey(name);
    const key = pairKey(account, address);
    const previous = this.pairs.get(key);
    const failures = previous && now - previous.lastFailureAt < this.policy.forgetAfterMs ? previous.failures + 1 : 1;
    const minutes = lockMinutes(failures);
    const lockedUntil = minutes > 0 ? now + minutes * 60_000 : 0;
    this.pairs.delete(key);
    this.pairs.set(key, { failures, lockedUntil, lastFailureAt: now });
    this.touch(this.accounts, account).failures.push(now);
    this.prune(now);
    return { consecutive: failures, lockedUntil: lockedUntil ? new Date(lockedUntil) : null };
  }

  /** The attempt admitted last from this address was no failure after all. */
  succeeded(name: string, address: string): void {
    this.pairs.delete(pairKey(accountKey(name), address));
    this.addresses.get(address)?.failures.pop();
  }

  /** An administrator unlocked the account: every lock and count of the name ends. */
  forgetAccount(name: string): void {
    const account = accountKey(name);
    this.accounts.delete(account);
    for (const key of this.pairs.keys()) if (key.startsWith(`${account}\u0000`)) this.pairs.delete(key);
  }

  private window(map: Map<string, WindowState>, key: string, now: number, windowMs: number): WindowState | undefined {
    const state = map.get(key);
    if (!state) return undefined;
    while (state.failures.length > 0 && (state.failures[0] ?? 0) <= now - windowMs) state.failures.shift();
    return state;
  }

  private touch(map: Map<string, WindowState>, key: string): WindowState {
    let state = map.get(key);
    if (!state) {
      state = { failures: [], lastAttemptAt: 0 };
      map.set(key, state);
    }
    return state;
  }

  private prune(now: number): void {
    const { maxEntries, forgetAfterMs, addressWindowMs, accountWindowMs } = this.policy;
    // Down to 90 %, so that the sweep runs once per many failures, not on each one past the cap.
    const keep = Math.floor(maxEntries * 0.9);
    if (this.pairs.size > maxEntries) {
      for (const [key, pair] of this.pairs) if (pair.lockedUntil <= now && now - pair.lastFailureAt >= forgetAfterMs) this.pairs.delete(key);
      for (const key of [...this.pairs.keys()].slice(0, Math.max(0, this.pairs.size - keep))) this.pairs.delete(key);
    }
    for (const [map, windowMs] of [
      [this.addresses, addressWindowMs],
      [this.accounts, accountWindowMs],
    ] as const) {
      if (map.size <= maxEntries) continue;
      for (const [key, state] of map) if ((state.failures.at(-1) ?? 0) <= now - windowMs) map.delete(key);
      for (const key of [...map.keys()].slice(0, Math.max(0, map.size - keep))) map.delete(key);
    }
  }
}

export function accountKey(name: string): string {
  return name.trim().toLowerCase();
}

function pairKey(account: string, address: string): string {
  return `${account}\u0000${address}`;
}
