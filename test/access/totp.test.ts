/** TOTP: enrolment with a secret shown once, codes at sign-in, and roles that require it. */
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInRoleId } from '../../src/access/built-in-roles.ts';
import { makeUser } from '../support/access.ts';
import { seedSite } from '../support/fixtures.ts';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';

const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

describe.each(DIALECTS)('TOTP (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => t.close());

  async function requireTotpForAdministrators(): Promise<void> {
    await t.db.db.updateTable('roles').set({ requireTotp: 1 }).where('id', '=', builtInRoleId('ADMINISTRATOR')).execute();
  }

  it('a role requiring TOTP leaves a user who has not enrolled a session that can only enrol; the code is then needed at sign-in', async () => {
    await requireTotpForAdministrators();
    const first = await t.signIn('tester', TEST_PASSWORD);
    expect(first.response.json().totpEnrollmentRequired).toBe(true);
    const refused = await t.call('GET', '/api/units', undefined, first.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('E_TOTP_ENROLLMENT_REQUIRED');
    expect((await t.call('GET', '/api/auth/session', undefined, first.headers)).json().totpEnrollmentRequired).toBe(true);

    const enrol = await t.call('POST', '/api/auth/totp/enroll', undefined, first.headers);
    expect(enrol.statusCode).toBe(200);
    const { secret, uri } = enrol.json<{ secret: string; uri: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Custos:tester\?/);
    expect(uri).toContain(`secret=${secret}`);
    const wrong = await t.call('POST', '/api/auth/totp/confirm', { code: '000000' === codeAt(secret, t.clock.now()) ? '111111' : '000000' }, first.headers);
    expect(wrong.json().code).toBe('E_TOTP_INVALID');
    expect((await t.call('POST', '/api/auth/totp/confirm', { code: codeAt(secret, t.clock.now()) }, first.headers)).statusCode).toBe(204);
    // The session that enrolled has passed the second factor.
    expect((await t.call('GET', '/api/units', undefined, first.headers)).statusCode).toBe(200);
    expect((await t.call('POST', '/api/auth/totp/enroll', undefined, first.headers)).json().code).toBe('E_TOTP_ALREADY_ENABLED');

    const noCode = await t.call('POST', '/api/auth/login', { username: 'tester', password: TEST_PASSWORD }, { authorization: '' });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('E_TOTP_REQUIRED');
    const badCode = await t.call('POST', '/api/auth/login', { username: 'tester', password: TEST_PASSWORD, totp: '12345x' }, { authorization: '' });
    expect(badCode.json().code).toBe('E_TOTP_INVALID');
    t.clock.set('2025-06-01T02:05:00Z');
    const second = await t.signIn('tester', TEST_PASSWORD, codeAt(secret, t.clock.now()));
    expect(second.response.statusCode).toBe(200);
    expect(second.response.json().totpEnrollmentRequired).toBe(false);
    expect((await t.call('GET', '/api/units', undefined, second.headers)).statusCode).toBe(200);

    // The secret never reaches the history.
    const history = await t.call('GET', `/api/users/${t.admin.userId}/history`);
    expect(history.json<{ action: string }[]>().map((h) => h.action)).toEqual(['create', 'enable-totp']);
    expect(history.body).not.toContain(secret);
  });

  it('an administrator resets a lost second factor; the user enrols again', async () => {
    const session = await t.signIn('tester', TEST_PASSWORD);
    const { secret } = (await t.call('POST', '/api/auth/totp/enroll', undefined, session.headers)).json<{ secret: string }>();
    await t.call('POST', '/api/auth/totp/confirm', { code: codeAt(secret, t.clock.now()) }, session.headers);
    expect((await t.call('POST', '/api/auth/login', { username: 'tester', password: TEST_PASSWORD }, { authorization: '' })).json().code).toBe('E_TOTP_REQUIRED');
    // The tester is an administrator: one administrator requests the reset, a second one applies it.
    await seedSite(t);
    const requester = await makeUser(t, { grants: [{ role: 'ADMINISTRATOR' }] });
    const approver = await makeUser(t, { grants: [{ role: 'ADMINISTRATOR' }] });
    const requested = await t.call('POST', `/api/users/${t.admin.userId}/reset-totp`, undefined, await t.tokenHeaders(requester.userId));
    expect(requested.statusCode, requested.body).toBe(202);
    expect((await t.call('POST', '/api/auth/login', { username: 'tester', password: TEST_PASSWORD }, { authorization: '' })).json().code).toBe('E_TOTP_REQUIRED');
    const reset = await t.call('POST', `/api/credential-resets/${requested.json<{ id: string }>().id}/approve`, undefined, await t.tokenHeaders(approver.userId));
    expect(reset.json()).toMatchObject({ totpEnabled: false });
    expect((await t.signIn('tester', TEST_PASSWORD)).response.statusCode).toBe(200);
  });

  it('API tokens are not held to the enrolment (integrations have no second factor)', async () => {
    await requireTotpForAdministrators();
    expect((await t.call('GET', '/api/units')).statusCode).toBe(200);
  });
});
