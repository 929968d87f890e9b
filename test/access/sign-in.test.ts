/** Sign-in: sessions behind an HttpOnly cookie, throttling with back-off, no user enumeration, CSRF, timeouts, sign-out. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { unitBody } from '../support/fixtures.ts';

const anonymous = { authorization: '' };

describe.each(DIALECTS)('sign-in (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => t.close());

  it('signs in with the password: an HttpOnly, SameSite=Strict cookie (not Secure over http), the user and a CSRF token', async () => {
    const { response, csrfToken, headers } = await t.signIn('tester', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ user: Record<string, unknown>; csrfToken: string; expiresAt: string }>();
    expect(body.user).toMatchObject({ username: 'tester', displayName: '测试员', unitId: null, active: true });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.expiresAt).toBe('2025-06-01T14:00:00.000Z');
    expect(csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^custos_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    // The database holds only the cookie's SHA-256.
    const cookie = response.cookies[0]!.value;
    const rows = await t.db.db.selectFrom('sessions').select('id').execute();
    expect(rows.map((r) => r.id)).not.toContain(cookie);
    const session = await t.call('GET', '/api/auth/session', undefined, headers);
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { username: 'tester', unitName: '未指定单位' }, via: 'session', csrfToken, totpEnrollmentRequired: false });
    expect(session.json().actions).toEqual(['LIVE', 'PLAYBACK', 'EXPORT', 'REDACT', 'PTZ', 'CONFIG', 'APPROVE', 'AUDIT', 'ADMINISTER']);
  });

  it('answers a wrong password and an unknown user alike (401 E_BAD_CREDENTIALS)', async () => {
    const wrong = await t.call('POST', '/api/auth/login', { username: 'tester', password: 'not the password at all' }, anonymous);
    const unknown = await t.call('POST', '/api/auth/login', { username: 'nobody', password: 'not the password at all' }, anonymous);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('E_BAD_CREDENTIALS');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('REG-15-1: locks the name at that address after 5 failures for 1 minute (423 E_ACCOUNT_LOCKED), doubling with each further failure; an administrator unlocks it', async () => {
    const attempt = (password: string) => t.call('POST', '/api/auth/login', { username: 'tester', password }, anonymous);
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong password ${i}`)).json().code).toBe('E_BAD_CREDENTIALS');
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.json()).toMatchObject({ code: 'E_ACCOUNT_LOCKED', details: { retryAfterSeconds: 60 } });
    t.clock.set('2025-06-01T02:01:01Z');
    expect((await attempt('sixth wrong one')).json().code).toBe('E_BAD_CREDENTIALS');
    expect((await attempt(TEST_PASSWORD)).json()).toMatchObject({ code: 'E_ACCOUNT_LOCKED', details: { retryAfterSeconds: 120 } });
    t.clock.set('2025-06-01T02:03:02Z');
    await attempt('seventh wrong one');
    expect((await attempt(TEST_PASSWORD)).json().details.retryAfterSeconds).toBe(240);
    // Back-off is capped at one hour.
    let at = Date.parse('2025-06-01T02:03:02Z');
    for (let i = 0; i < 6; i++) {
      at += 61 * 60_000;
      t.clock.set(new Date(at));
      await attempt(`wrong ${i}`);
    }
    expect((await attempt(TEST_PASSWORD)).json().details.retryAfterSeconds).toBe(3600);

    const unlocked = await t.call('POST', `/api/users/${t.admin.userId}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    const history = (await t.call('GET', `/api/users/${t.admin.userId}/history`)).json<{ action: string; actor: string }[]>();
    expect(history.map((h) => h.action)).toEqual(['create', ...Array<string>(9).fill('lock'), 'unlock']);
    expect(history[1]).toMatchObject({ actor: 'system', after: { failedLogins: 5, lockedUntil: '2025-06-01T02:01:00.000Z' } });
  });

  it('needs the CSRF token on state-changing requests made with the cookie (403 E_CSRF), not on reads', async () => {
    const { headers, cookie } = await t.signIn('tester', TEST_PASSWORD);
    const noCsrf = { cookie: `custos_session=${cookie}` };
    expect((await t.call('GET', '/api/units', undefined, noCsrf)).statusCode).toBe(200);
    const refused = await t.call('POST', '/api/units', unitBody(), noCsrf);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('E_CSRF');
    expect((await t.call('POST', '/api/units', unitBody(), { ...noCsrf, 'x-csrf-token': 'forged' })).json().code).toBe('E_CSRF');
    expect((await t.call('GET', '/api/units', undefined, anonymous)).json().code).toBe('E_UNAUTHENTICATED');
    expect((await t.call('POST', '/api/units', unitBody(), headers)).statusCode).toBe(201);
    // The history names the signed-in user.
    const history = (await t.call('GET', '/api/history?entityType=unit')).json<{ actor: string }[]>();
    expect(history.map((h) => h.actor)).toEqual(['tester']);
  });

  it('refuses a forged cookie and a cookie replayed after sign-out (401)', async () => {
    const forged = await t.call('GET', '/api/units', undefined, { cookie: 'custos_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('E_UNAUTHENTICATED');
    const { headers } = await t.signIn('tester', TEST_PASSWORD);
    const out = await t.call('POST', '/api/auth/logout', undefined, headers);
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/custos_session=;/);
    const replayed = await t.call('GET', '/api/units', undefined, headers);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('E_UNAUTHENTICATED');
  });

  it('ends a session after 30 idle minutes and 12 hours in all (401 E_SESSION_EXPIRED)', async () => {
    const { headers } = await t.signIn('tester', TEST_PASSWORD);
    t.clock.set('2025-06-01T02:29:00Z');
    expect((await t.call('GET', '/api/units', undefined, headers)).statusCode).toBe(200);
    t.clock.set('2025-06-01T02:58:00Z');
    expect((await t.call('GET', '/api/units', undefined, headers)).statusCode).toBe(200);
    t.clock.set('2025-06-01T03:28:30Z');
    const idle = await t.call('GET', '/api/units', undefined, headers);
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('E_SESSION_EXPIRED');

    const second = await t.signIn('tester', TEST_PASSWORD);
    let at = Date.parse('2025-06-01T03:28:30Z');
    for (let i = 0; i < 24; i++) {
      at += 29 * 60_000;
      t.clock.set(new Date(at));
      const response = await t.call('GET', '/api/units', undefined, second.headers);
      if (at - Date.parse('2025-06-01T03:28:30Z') < 12 * 3_600_000) expect(response.statusCode).toBe(200);
      else expect(response.json().code).toBe('E_SESSION_EXPIRED');
    }
  });

  it('refuses a deactivated account at sign-in like a wrong password, and ends its sessions', async () => {
    const { unitId } = { unitId: (await t.call('POST', '/api/units', unitBody())).json<{ id: string }>().id };
    const user = (await t.call('POST', '/api/users', { username: 'wang.wu', displayName: '王五', password: 'a long enough passphrase', unitId })).json<{ id: string }>();
    const session = await t.signIn('wang.wu', 'a long enough passphrase');
    expect(session.response.statusCode).toBe(200);
    expect((await t.call('POST', `/api/users/${user.id}/deactivate`)).json().active).toBe(false);
    expect((await t.call('GET', '/api/auth/session', undefined, session.headers)).statusCode).toBe(401);
    const again = await t.call('POST', '/api/auth/login', { username: 'wang.wu', password: 'a long enough passphrase' }, anonymous);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('E_BAD_CREDENTIALS');
  });
});
