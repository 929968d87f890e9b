/** Random and mutated sign-in bodies: never a 5xx, never a session, every refusal with a code, no lock-out of the real user. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { mutatedBody } from '../support/fuzz.ts';

const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom<unknown>(null, '', ' ', 'x'.repeat(5000), "' or 1=1 --", '\u0000', 'tester', TEST_PASSWORD.toUpperCase()));

describe('POST /api/auth/login under random input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('never answers 5xx nor sets a cookie for anything but the right password', async () => {
    const valid = { username: 'fuzz.target', password: 'the fuzz target password', totp: '123456' };
    await fc.assert(
      fc.asyncProperty(mutatedBody(valid, anyValue), async (body) => {
        const response = await t.call('POST', '/api/auth/login', body, { authorization: '' });
        expect(response.statusCode, response.body).toBeLessThan(500);
        expect(response.statusCode).not.toBe(200);
        expect(response.headers['set-cookie']).toBeUndefined();
        expect(response.json().code).toMatch(/^E_[A-Z0-9_]+$/);
      }),
      { numRuns: 80 },
    );
    // Unknown usernames lock nothing: the real user still signs in from their own address (this one may be throttled by now).
    const real = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tester', password: TEST_PASSWORD }, remoteAddress: '10.1.2.3' });
    expect(real.statusCode).toBe(200);
  });
});
