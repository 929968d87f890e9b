/**
 * Issue 10, attacks 5 and 7 (account tokens): API tokens that outlive a credential reset, that no
 * administrator can see or end, that never expire; and TOTP codes replayed within their window.
 */
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokensService } from '../../src/access/accounts/tokens-service.ts';
import { loadConfig } from '../../src/config/load.ts';
import { connectDatabase, migrateTo, migrateToLatest } from '../../src/db/connect.ts';
import { makeUser } from '../support/access.ts';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { created, unitBody } from '../support/fixtures.ts';

const PASSWORD = 'a long enough passphrase';
const DAY = 86_400_000;
const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

describe.each(DIALECTS)('account tokens (%s)', (dialect) => {
  let t: TestApp;
  let unitId: string;
  beforeEach(async () => {
    t = await openTestApp(dialect);
    unitId = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '某商场管理有限公司' }))).id;
  });
  afterEach(async () => t.close());

  async function staffWithToken(username = 'li.si') {
    const user = await created<{ id: string; username: string; displayName: string }>(t, '/api/users', { username, displayName: '李四', password: PASSWORD, unitId });
    const principal = { userId: user.id, username, displayName: user.displayName, unitId, unitName: '', kind: 'STAFF' as const, via: 'session' as const, clientAddress: '127.0.0.1' };
    const token = await t.services.apiTokens.create(principal, { name: 'integration', scopes: ['READ'] }, { name: username });
    return { user, token, headers: { authorization: `Bearer ${token.token}` } };
  }

  async function revocationReasons(tokenId: string): Promise<(string | null)[]> {
    const rows = await t.db.db.selectFrom('history').select(['action', 'reason']).where('entityType', '=', 'apiToken').where('entityId', '=', tokenId).where('action', '=', 'revoke').execute();
    return rows.map((r) => r.reason);
  }

  describe('tokens end with the credentials (REG-15-1)', () => {
    for (const [what, path, body] of [
      ['an administrator resets the password', 'reset-password', { password: 'another long passphrase' }],
      ['an administrator resets the TOTP', 'reset-totp', undefined],
      ['the account is deactivated', 'deactivate', undefined],
    ] as const) {
      it(`refuses an API token kept across a credential change: ${what} revokes every token, with a history entry`, async () => {
        const { user, token, headers } = await staffWithToken();
        const session = await t.signIn('li.si', PASSWORD);
        expect((await t.call('GET', '/api/tokens', undefined, headers)).statusCode).toBe(200);
        expect((await t.call('POST', `/api/users/${user.id}/${path}`, body)).statusCode).toBe(200);
        const refused = await t.call('GET', '/api/tokens', undefined, headers);
        expect(refused.statusCode).toBe(401);
        expect(refused.json().code).toBe('E_TOKEN_REVOKED');
        expect((await t.call('GET', '/api/tokens', undefined, session.headers)).statusCode).toBe(401);
        expect(await revocationReasons(token.id)).toEqual([expect.stringContaining(path === 'deactivate' ? 'deactivate' : path)]);
      });
    }

    it('refuses an API token kept across the user’s own password change; the session that changed it stays', async () => {
      const { token, headers } = await staffWithToken();
      const session = await t.signIn('li.si', PASSWORD);
      const other = await t.signIn('li.si', PASSWORD);
      const changed = await t.call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase' }, session.headers);
      expect(changed.statusCode).toBe(204);
      expect((await t.call('GET', '/api/tokens', undefined, headers)).json().code).toBe('E_TOKEN_REVOKED');
      expect((await t.call('GET', '/api/tokens', undefined, other.headers)).statusCode).toBe(401);
      expect((await t.call('GET', '/api/tokens', undefined, session.headers)).statusCode).toBe(200);
      expect(await revocationReasons(token.id)).toEqual([expect.stringContaining('change-password')]);
    });

    it('keeps tokens through changes that are not credentials (display name)', async () => {
      const { user, headers } = await staffWithToken();
      expect((await t.call('PATCH', `/api/users/${user.id}`, { displayName: '李四四' })).statusCode).toBe(200);
      expect((await t.call('GET', '/api/tokens', undefined, headers)).statusCode).toBe(200);
    });
  });

  describe("an administrator sees and ends any user's tokens (REG-16-3)", () => {
    it("refuses to leave another user's tokens out of an administrator's reach: listed (metadata only) and revoked", async () => {
      const { user, token, headers } = await staffWithToken();
      const listed = await t.call('GET', `/api/users/${user.id}/tokens`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toEqual([expect.objectContaining({ id: token.id, name: 'integration', scopes: ['READ'], revokedAt: null })]);
      expect(listed.body).not.toContain(token.token);
      expect(listed.body).not.toMatch(/tokenHash|"token"/);
      const revoked = await t.call('POST', `/api/users/${user.id}/tokens/${token.id}/revoke`, { reason: 'left the project' });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).toBe(t.clock.now().toISOString());
      expect((await t.call('GET', '/api/tokens', undefined, headers)).json().code).toBe('E_TOKEN_REVOKED');
      expect(await revocationReasons(token.id)).toHaveLength(1);
    });

    it("refuses a token id under the wrong user, an unknown user, and a user who is not an administrator", async () => {
      const { user, token } = await staffWithToken();
      expect((await t.call('POST', `/api/users/${t.admin.userId}/tokens/${token.id}/revoke`)).json().code).toBe('E_NOT_FOUND');
      expect((await t.call('GET', '/api/users/usr_missing/tokens')).statusCode).toBe(404);
      const operator = await makeUser(t, { unitId, grants: [{ role: 'MONITOR_OPERATOR' }] });
      const asOperator = await t.tokenHeaders(operator.userId);
      for (const [method, url] of [
        ['GET', `/api/users/${user.id}/tokens`],
        ['POST', `/api/users/${user.id}/tokens/${token.id}/revoke`],
        ['GET', `/api/users/${t.admin.userId}/tokens`],
      ] as const) {
        expect((await t.call(method, url, undefined, asOperator)).statusCode, url).toBe(403);
      }
      expect((await t.call('GET', `/api/users/${user.id}/tokens`)).json()[0].revokedAt).toBeNull();
    });
  });

  describe('tokens expire (REG-15-1)', () => {
    it('refuses a token without expiry: 90 days by default and for an explicit null; longer is refused with E_TOKEN_EXPIRY_TOO_LONG', async () => {
      const now = t.clock.now().getTime();
      const plain = await t.call('POST', '/api/tokens', { name: 'a', scopes: ['READ'] });
      expect(plain.statusCode).toBe(201);
      expect(plain.json().expiresAt).toBe(new Date(now + 90 * DAY).toISOString());
      const none = await t.call('POST', '/api/tokens', { name: 'b', scopes: ['READ'], expiresAt: null });
      expect(none.json().expiresAt).toBe(new Date(now + 90 * DAY).toISOString());
      const long = await t.call('POST', '/api/tokens', { name: 'c', scopes: ['READ'], expiresAt: new Date(now + 91 * DAY).toISOString() });
      expect(long.statusCode).toBe(422);
      expect(long.json()).toMatchObject({ code: 'E_TOKEN_EXPIRY_TOO_LONG', details: { maxDays: 90 } });
      const shorter = await t.call('POST', '/api/tokens', { name: 'd', scopes: ['READ'], expiresAt: new Date(now + 7 * DAY).toISOString() });
      expect(shorter.json().expiresAt).toBe(new Date(now + 7 * DAY).toISOString());

      t.clock.set(new Date(now + 90 * DAY + 1000).toISOString());
      const expired = await t.call('GET', '/api/tokens', undefined, { authorization: `Bearer ${plain.json().token as string}` });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().code).toBe('E_TOKEN_EXPIRED');
    });

    it('the maximum is configurable (auth.apiTokenMaxDays, CUSTOS_API_TOKEN_MAX_DAYS)', async () => {
      expect(loadConfig({ env: { CUSTOS_API_TOKEN_MAX_DAYS: '7' } }).auth.apiTokenMaxDays).toBe(7);
      expect(loadConfig({ env: {} }).auth.apiTokenMaxDays).toBe(90);
      const tokens = new TokensService({ db: t.db.db, clock: t.clock }, { maxDays: 7 });
      const made = await tokens.create(t.admin.principal, { name: 'short', scopes: ['READ'] }, { name: 'tester' });
      expect(made.expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * DAY).toISOString());
      await expect(tokens.create(t.admin.principal, { name: 'long', scopes: ['READ'], expiresAt: new Date(t.clock.now().getTime() + 8 * DAY).toISOString() }, { name: 'tester' })).rejects.toMatchObject({
        code: 'E_TOKEN_EXPIRY_TOO_LONG',
      });
    });
  });

  describe('TOTP codes are accepted once (REG-15-1)', () => {
    async function enrolled(): Promise<string> {
      const session = await t.signIn('tester', TEST_PASSWORD);
      const { secret } = (await t.call('POST', '/api/auth/totp/enroll', undefined, session.headers)).json<{ secret: string }>();
      expect((await t.call('POST', '/api/auth/totp/confirm', { code: codeAt(secret, t.clock.now()) }, session.headers)).statusCode).toBe(204);
      return secret;
    }
    const login = (totp: string) => t.call('POST', '/api/auth/login', { username: 'tester', password: TEST_PASSWORD, totp }, { authorization: '' });

    it('refuses a TOTP code replayed at sign-in within its window, answering exactly as for a wrong code', async () => {
      const secret = await enrolled();
      const start = t.clock.now().getTime();
      // The code that confirmed the enrolment is used up.
      const confirmReplay = await login(codeAt(secret, t.clock.now()));
      expect(confirmReplay.statusCode).toBe(401);
      const wrongCode = codeAt(secret, t.clock.now()) === '000000' ? '111111' : '000000';
      const wrong = await login(wrongCode);
      expect(confirmReplay.json()).toEqual(wrong.json());

      t.clock.set(new Date(start + 30_000).toISOString());
      const fresh = codeAt(secret, t.clock.now());
      expect((await login(fresh)).statusCode).toBe(200);
      const replay = await login(fresh);
      expect(replay.statusCode).toBe(401);
      expect(replay.json()).toEqual(wrong.json());
      // Still within the one-step drift window, but not later than the last step used.
      t.clock.set(new Date(start + 60_000).toISOString());
      expect((await login(fresh)).json().code).toBe('E_TOTP_INVALID');
      expect((await login(codeAt(secret, t.clock.now()))).statusCode).toBe(200);
      // An earlier step's code, even one not used before, is refused after a later one.
      expect((await login(codeAt(secret, new Date(start + 45_000)))).json().code).toBe('E_TOTP_INVALID');
    });

    it('refuses the same code sent twice at once: exactly one sign-in succeeds', async () => {
      const secret = await enrolled();
      t.clock.set(new Date(t.clock.now().getTime() + 30_000).toISOString());
      const code = codeAt(secret, t.clock.now());
      const answers = await Promise.all([login(code), login(code), login(code)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401]);
    });

    it('refuses the code that confirmed a re-enrolment (after a reset) at the next sign-in', async () => {
      await enrolled();
      // An administrator's reset takes a second administrator (four eyes).
      const reset = await t.call('POST', `/api/users/${t.admin.userId}/reset-totp`);
      expect(reset.statusCode).toBe(202);
      const second = await makeUser(t, { unitId, grants: [{ role: 'ADMINISTRATOR' }] });
      const approve = await t.call('POST', `/api/credential-resets/${reset.json<{ id: string }>().id}/approve`, undefined, await t.tokenHeaders(second.userId));
      expect(approve.statusCode).toBe(200);
      t.clock.set(new Date(t.clock.now().getTime() + 30_000).toISOString());
      const session = await t.signIn('tester', TEST_PASSWORD);
      const { secret } = (await t.call('POST', '/api/auth/totp/enroll', undefined, session.headers)).json<{ secret: string }>();
      const code = codeAt(secret, t.clock.now());
      expect((await t.call('POST', '/api/auth/totp/confirm', { code }, session.headers)).statusCode).toBe(204);
      expect((await login(code)).json().code).toBe('E_TOTP_INVALID');
      t.clock.set(new Date(t.clock.now().getTime() + 30_000).toISOString());
      expect((await login(codeAt(secret, t.clock.now()))).statusCode).toBe(200);
    });
  });
});

describe('migration 0013', () => {
  it('refuses to keep tokens that never expire: existing ones get an expiry 90 days from the upgrade', async () => {
    const handle = connectDatabase('sqlite::memory:');
    try {
      await migrateTo(handle, '0009_retention');
      const at = '2025-01-01T00:00:00.000Z';
      await handle.db
        .insertInto('users')
        .values({ id: 'usr_old', username: 'old', displayName: 'old', unitId: null, personId: null, kind: 'STAFF', commissionId: null, passwordHash: 'x', passwordChangedAt: at, totpSecret: null, totpEnabled: 0, failedLogins: 0, lockedUntil: null, validUntil: null, active: 1, createdAt: at, updatedAt: at })
        .execute();
      const token = { userId: 'usr_old', name: 'n', scopes: '["READ"]', createdBy: 'old', createdAt: at, revokedAt: null, lastUsedAt: null };
      await handle.db.insertInto('apiTokens').values({ ...token, id: 'tok_forever', tokenHash: 'h1', expiresAt: null }).execute();
      await handle.db.insertInto('apiTokens').values({ ...token, id: 'tok_dated', tokenHash: 'h2', expiresAt: '2025-02-01T00:00:00.000Z' }).execute();
      const before = Date.now();
      await migrateToLatest(handle);
      const rows = await handle.db.selectFrom('apiTokens').select(['id', 'expiresAt']).orderBy('id').execute();
      expect(rows[0]?.expiresAt).toBe('2025-02-01T00:00:00.000Z');
      const given = Date.parse(rows[1]?.expiresAt ?? '');
      expect(given).toBeGreaterThanOrEqual(before + 90 * DAY);
      expect(given).toBeLessThanOrEqual(Date.now() + 90 * DAY);
    } finally {
      await handle.close();
    }
  });
});
