/**
 * Issue 10, attack 7 (smaller holes), over real HTTP: sign-in floods and lock-outs, oversized and
 * deeply nested bodies, missing security headers, cookies not Secure behind a TLS proxy, and STAFF
 * accounts in a contractor's unit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEB_SOURCE } from '../../src/http/web-ui.ts';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { unitBody } from '../support/fixtures.ts';

const ATTACKER = '203.0.113.7';
const USER_ADDRESS = '198.51.100.20';

function login(t: TestApp, username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });
}

function nested(depth: number): string {
  return `{"username":"tester","password":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

describe.each(DIALECTS)('hardening: sign-in throttling (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => t.close());

  it('REG-15-2: the 11th failing sign-in from one address within 60 s gets 429 E_TOO_MANY_ATTEMPTS with Retry-After, whatever the names', async () => {
    for (let i = 0; i < 10; i++) expect((await login(t, `name${i}`, 'wrong password', ATTACKER)).statusCode).toBe(401);
    const eleventh = await login(t, 'tester', TEST_PASSWORD, ATTACKER);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json()).toMatchObject({ code: 'E_TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 60 } });
    expect(eleventh.headers['retry-after']).toBe('60');
    t.clock.set('2025-06-01T02:01:00Z');
    expect((await login(t, 'tester', TEST_PASSWORD, ATTACKER)).statusCode).toBe(200);
  });

  it('REG-15-2: refuses a concurrent burst of sign-ins from one address (429) while a sign-in from another address succeeds', async () => {
    const burst = Array.from({ length: 40 }, (_, i) => login(t, `guess${i}`, `wrong password ${i}`, ATTACKER));
    const [answers, other] = await Promise.all([Promise.all(burst), login(t, 'tester', TEST_PASSWORD, USER_ADDRESS)]);
    expect(other.statusCode).toBe(200);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const answer of refused) {
      expect(answer.json()).toMatchObject({ code: 'E_TOO_MANY_ATTEMPTS' });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(answers.every((a) => a.statusCode === 401 || a.statusCode === 429)).toBe(true);
    // Even the right password from the flooding address waits.
    expect((await login(t, 'tester', TEST_PASSWORD, ATTACKER)).statusCode).toBe(429);
    t.clock.set('2025-06-01T02:10:01Z');
    expect((await login(t, 'tester', TEST_PASSWORD, ATTACKER)).statusCode).toBe(200);
  });

  it('REG-15-1: after 5 bad passwords the 6th attempt, even with the right password, gets 423 E_ACCOUNT_LOCKED, identical for a known and an unknown name (no user enumeration)', async () => {
    for (const name of ['tester', 'nobody.here']) {
      for (let i = 0; i < 5; i++) expect((await login(t, name, `wrong password ${i}`, ATTACKER)).json().code).toBe('E_BAD_CREDENTIALS');
    }
    const known = await login(t, 'tester', TEST_PASSWORD, ATTACKER);
    const unknown = await login(t, 'nobody.here', TEST_PASSWORD, ATTACKER);
    expect(known.statusCode).toBe(423);
    expect(unknown.statusCode).toBe(423);
    expect(known.json()).toEqual(unknown.json());
    expect(known.headers['retry-after']).toBe(unknown.headers['retry-after']);
    expect(known.json()).toEqual(expect.objectContaining({ code: 'E_ACCOUNT_LOCKED', details: { retryAfterSeconds: 60 } }));
  });

  it('an attacker at one address cannot lock the real user out from another address; failures spread over many addresses slow the name, never lock it', async () => {
    for (let i = 0; i < 12; i++) await login(t, 'tester', `wrong password ${i}`, ATTACKER);
    expect((await login(t, 'tester', TEST_PASSWORD, ATTACKER)).statusCode).toBe(423);
    expect((await login(t, 'tester', TEST_PASSWORD, USER_ADDRESS)).statusCode).toBe(200);

    // 40 addresses, 5 failures each: the name is slowed to one attempt per 10 s, from anywhere.
    for (let a = 0; a < 40; a++) for (let i = 0; i < 5; i++) await login(t, 'tester', `wrong ${a}.${i}`, `192.0.2.${a + 1}`);
    const slowed = await login(t, 'tester', TEST_PASSWORD, USER_ADDRESS);
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(10);
    t.clock.set('2025-06-01T02:00:11Z');
    expect((await login(t, 'tester', TEST_PASSWORD, USER_ADDRESS)).statusCode).toBe(200);
  });

  it('a forged X-Forwarded-For does not escape the per-address throttle while trustProxy is off', async () => {
    for (let i = 0; i < 35; i++) await login(t, `guess${i}`, 'wrong password', ATTACKER, { 'x-forwarded-for': `10.9.${i}.1` });
    const answer = await login(t, 'tester', TEST_PASSWORD, ATTACKER, { 'x-forwarded-for': '10.200.0.1' });
    expect(answer.statusCode).toBe(429);
  });
});

describe('hardening: request bodies, headers, proxies', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('refuses an 800 KB deeply nested JSON body to a public route (413 E_BODY_TOO_LARGE) and any public body over 16 KB', async () => {
    t = await openTestApp('sqlite');
    const deep = await t.call('POST', '/api/auth/login', nested(400_000), { authorization: '', 'content-type': 'application/json' });
    expect(deep.statusCode).toBe(413);
    expect(deep.json()).toMatchObject({ code: 'E_BODY_TOO_LARGE', messages: { zh: expect.any(String), en: expect.any(String) } });
    const wide = await t.call('POST', '/api/auth/login', { username: 'tester', password: 'x'.repeat(17 * 1024) }, { authorization: '' });
    expect(wide.statusCode).toBe(413);
    expect(wide.json().code).toBe('E_BODY_TOO_LARGE');
    // The same size from a signed-in caller to a guarded route is not a public body: it is read (and judged by the route).
    const signedIn = await t.call('POST', '/api/units', unitBody({ address: 'x'.repeat(17 * 1024) }));
    expect(signedIn.statusCode).not.toBe(413);
  });

  it('refuses JSON nested deeper than 32 levels before parsing it (400 E_BODY_TOO_DEEP), on public and guarded routes; brackets inside strings do not count', async () => {
    t = await openTestApp('sqlite');
    const json = { 'content-type': 'application/json' };
    const deep = await t.call('POST', '/api/auth/login', nested(40), { authorization: '', ...json });
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({ code: 'E_BODY_TOO_DEEP', details: { maxDepth: 32 } });
    const guarded = await t.call('POST', '/api/units', `{"name":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`, json);
    expect(guarded.json().code).toBe('E_BODY_TOO_DEEP');
    const shallow = await t.call('POST', '/api/auth/login', nested(20), { authorization: '', ...json });
    expect(shallow.json().code).not.toBe('E_BODY_TOO_DEEP');
    const inString = await t.call('POST', '/api/auth/login', { username: '['.repeat(60), password: '{'.repeat(60) }, { authorization: '' });
    expect(inString.json().code).toBe('E_BAD_CREDENTIALS');
  });

  it('sends CSP (frame-ancestors none), nosniff, DENY and no-referrer on every response: pages, API answers, refusals, unknown routes, the API docs', async () => {
    t = await openTestApp('sqlite');
    const answers = await Promise.all([
      t.call('GET', '/', undefined, { authorization: '' }),
      t.call('GET', '/api/openapi.json', undefined, { authorization: '' }),
      t.call('GET', '/api/units', undefined, { authorization: '' }),
      t.call('GET', '/no/such/page', undefined, { authorization: '' }),
      t.call('GET', '/api/units'),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 401, 404, 200]);
    for (const answer of answers) {
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("media-src 'self' blob:");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
    const docs = await t.call('GET', '/api/docs/', undefined, { authorization: '' });
    expect(docs.statusCode).toBe(200);
    expect(String(docs.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(docs.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("the UI's page loads only its own script and stylesheet files, so script-src 'self' and style-src 'self' hold", () => {
    const page = readFileSync(path.join(WEB_SOURCE, 'index.html'), 'utf8');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('sets the session cookie Secure behind a TLS-terminating proxy once trustProxy is on, and not from a forged X-Forwarded-Proto when it is off', async () => {
    t = await openTestApp('sqlite', { env: { CUSTOS_SERVER_TRUST_PROXY: 'true' } });
    const proxied = await login(t, 'tester', TEST_PASSWORD, '10.0.0.1', { 'x-forwarded-proto': 'https', 'x-forwarded-for': USER_ADDRESS });
    expect(proxied.statusCode).toBe(200);
    expect(String(proxied.headers['set-cookie'])).toMatch(/; Secure/);
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000');
    const sessions = await t.db.db.selectFrom('sessions').select('clientAddress').execute();
    expect(sessions.map((s) => s.clientAddress)).toContain(USER_ADDRESS);
    await t.close();

    t = await openTestApp('sqlite');
    const forged = await login(t, 'tester', TEST_PASSWORD, '10.0.0.1', { 'x-forwarded-proto': 'https' });
    expect(forged.statusCode).toBe(200);
    expect(String(forged.headers['set-cookie'])).not.toContain('Secure');
  });
});

describe.each(DIALECTS)("hardening: accounts in a contractor's unit (%s)", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => t.close());

  it('REG-19-2: refuses a STAFF account in a contractor unit, which would escape the commission and its limits (422 E_CONTRACTOR_ACCOUNT_REQUIRED, art. 19)', async () => {
    const principal = (await t.call('POST', '/api/units', unitBody())).json<{ id: string }>().id;
    const contractor = (await t.call('POST', '/api/units', unitBody({ name: '某安防维保公司', uscc: null, unitType: 'INDIVIDUAL' }))).json<{ id: string }>().id;
    const staffBody = (unitId: string, username: string) => ({ username, displayName: '钱七', password: 'a long enough password 42', unitId, kind: 'STAFF' });
    // Before any commission the unit is an ordinary unit.
    expect((await t.call('POST', '/api/users', staffBody(contractor, 'before.commission'))).statusCode).toBe(201);
    const commission = await t.call('POST', '/api/commissions', {
      contractorUnitId: contractor,
      principalUnitId: principal,
      scope: ['MAINTENANCE'],
      validFrom: '2025-01-01',
      validTo: '2025-06-30',
    });
    expect(commission.statusCode).toBe(201);
    for (const body of [staffBody(contractor, 'qian.qi'), { ...staffBody(contractor, 'qian.qi'), kind: undefined }]) {
      const refused = await t.call('POST', '/api/users', body);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'E_CONTRACTOR_ACCOUNT_REQUIRED', article: '19', details: { field: 'kind' } });
    }
    expect((await t.db.db.selectFrom('users').select('username').where('username', '=', 'qian.qi').execute()).length).toBe(0);
    // The principal's own staff are unaffected.
    expect((await t.call('POST', '/api/users', staffBody(principal, 'sun.ba'))).statusCode).toBe(201);
  });
});
