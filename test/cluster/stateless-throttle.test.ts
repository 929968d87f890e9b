/**
 * The throttle in PostgreSQL answers as the one in memory: the same sequence of sign-in attempts,
 * failures, successes and unlocks, over names and addresses and time, gets the same waits and locks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle, type SignInThrottle, type ThrottlePolicy } from '../../src/access/accounts/login-throttle.ts';
import { PgLoginThrottle } from '../../src/access/accounts/pg-login-throttle.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { openTestDb } from '../support/db.ts';
import { pgUrl } from './stateless-support.ts';

const POLICY: ThrottlePolicy = {
  addressBurst: 4,
  addressFailures: 7,
  addressWindowMs: 5 * 60_000,
  accountFailures: 6,
  accountWindowMs: 4 * 60_000,
  accountSpacingMs: 10_000,
  forgetAfterMs: 30 * 60_000,
  maxEntries: 50_000,
};

/** A fixed pseudo-random walk (no Math.random: a failure must be reproducible). */
function* steps(count: number) {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let at = Date.parse('2025-06-01T02:00:00Z');
  for (let i = 0; i < count; i++) {
    at += Math.floor(next() * 20_000);
    const name = ['alice', 'ALICE', 'bob', 'ghost'][Math.floor(next() * 4)]!;
    const address = ['10.0.0.1', '10.0.0.2', '10.0.0.3'][Math.floor(next() * 3)]!;
    const roll = next();
    yield { at, name, address, outcome: roll < 0.75 ? 'fail' : roll < 0.95 ? 'succeed' : 'unlock' } as const;
  }
}

async function run(throttle: SignInThrottle): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const step of steps(250)) {
    if (step.outcome === 'unlock') {
      await throttle.forgetAccount(step.name);
      answers.push('unlocked');
      continue;
    }
    const admission = await throttle.admit(step.name, step.address, step.at);
    answers.push(admission);
    if (admission.waitMs > 0) continue;
    if (step.outcome === 'fail') {
      const failure = await throttle.failed(step.name, step.address, step.at);
      answers.push({ consecutive: failure.consecutive, lockedUntil: failure.lockedUntil?.toISOString() ?? null });
    } else {
      await throttle.succeeded(step.name, step.address);
    }
  }
  return answers;
}

describe.skipIf(!pgUrl())('sign-in throttling shared in PostgreSQL', () => {
  let db: DbHandle;
  beforeAll(async () => {
    db = await openTestDb('postgres');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('answers a long mixed walk of attempts exactly as the in-memory throttle does, locks and throttles included', async () => {
    const expected = await run(new LoginThrottle(POLICY));
    const shared = await run(new PgLoginThrottle(db.db, POLICY));
    expect(shared).toEqual(expected);
    // The walk is only a proof if it reached every kind of answer.
    const admissions = expected.filter((a): a is { waitMs: number; locked: boolean } => typeof a === 'object' && a !== null && 'waitMs' in a);
    expect(admissions.some((a) => a.locked)).toBe(true);
    expect(admissions.some((a) => a.waitMs > 0 && !a.locked)).toBe(true);
  });
});
