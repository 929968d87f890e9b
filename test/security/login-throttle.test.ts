/** The pieces behind sign-in throttling: the bounded slot pool for argon2 and the throttle's own bookkeeping. */
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/access/accounts/login-throttle.ts';
import { Semaphore } from '../../src/shared/semaphore.ts';

describe('bounded password checks', () => {
  it('runs at most two checks at once, queues a bounded number, and refuses the rest at once instead of starving everyone', async () => {
    const slots = new Semaphore(2, 3);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      new Promise<void>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const full = () => new Error('full');
    const accepted = Array.from({ length: 5 }, () => slots.run(task, full));
    await expect(slots.run(task, full)).rejects.toThrow('full');
    for (let done = 0; done < 5; ) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const release = releases.shift();
      if (release) {
        release();
        done++;
      }
    }
    await Promise.all(accepted);
    expect(most).toBe(2);
  });
});

describe('login throttle', () => {
  const at = Date.parse('2025-06-01T02:00:00Z');

  it('keys names case-insensitively, so that changing the case of a name does not buy new attempts', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) throttle.failed(i % 2 ? 'Tester' : 'TESTER', '203.0.113.7', at);
    expect(throttle.admit('tester', '203.0.113.7', at)).toEqual({ waitMs: 60_000, locked: true });
  });

  it('forgets a pair a day after its last failure, and an administrator unlock forgets every address of the name at once', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) throttle.failed('tester', '203.0.113.7', at);
    for (let i = 0; i < 5; i++) throttle.failed('tester', '203.0.113.8', at);
    expect(throttle.failed('tester', '203.0.113.7', at + 24 * 3_600_000).consecutive).toBe(1);
    throttle.forgetAccount('TESTER');
    expect(throttle.admit('tester', '203.0.113.8', at)).toEqual({ waitMs: 0, locked: false });
  });
});
