/** User administration: passwords, unique usernames, contractors' prerequisites (REG-19-1, REG-19-2), history without secrets. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { created, unitBody } from '../support/fixtures.ts';

const PASSWORD = 'a long enough passphrase';

describe.each(DIALECTS)('user accounts (%s)', (dialect) => {
  let t: TestApp;
  let unitId: string;
  beforeEach(async () => {
    t = await openTestApp(dialect);
    unitId = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '某商场管理有限公司' }))).id;
  });
  afterEach(async () => t.close());

  const userBody = (overrides: Record<string, unknown> = {}) => ({ username: 'li.si', displayName: '李四', password: PASSWORD, unitId, ...overrides });

  it('creates a staff account: strong password, unique username, existing unit; the history keeps no hash', async () => {
    for (const [password, problem] of [
      ['short', 'TOO_SHORT'],
      ['li.si-is-my-password', 'CONTAINS_USERNAME'],
      ['password1234', 'COMMON'],
      ['aaaaaaaaaaaaaaaa', 'COMMON'],
    ]) {
      const weak = await t.call('POST', '/api/users', userBody({ password }));
      expect(weak.statusCode).toBe(422);
      expect(weak.json()).toMatchObject({ code: 'E_PASSWORD_WEAK', details: { problem } });
    }
    expect((await t.call('POST', '/api/users', userBody({ unitId: 'unit_missing' }))).json().code).toBe('E_UNIT_UNKNOWN');
    const user = await created<{ id: string; kind: string; unitId: string }>(t, '/api/users', userBody());
    expect(user).toMatchObject({ kind: 'STAFF', unitId });
    const taken = await t.call('POST', '/api/users', userBody({ displayName: '另一个李四' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('E_USERNAME_TAKEN');
    const hash = (await t.db.db.selectFrom('users').select('passwordHash').where('id', '=', user.id).executeTakeFirstOrThrow()).passwordHash;
    expect(hash).toMatch(/^\$argon2id\$/);
    const history = await t.call('GET', `/api/users/${user.id}/history`);
    expect(history.json()).toEqual([expect.objectContaining({ action: 'create', actor: 'tester' })]);
    expect(history.body).not.toContain(hash);
    expect(history.body).not.toContain('passwordHash');
    expect((await t.call('GET', '/api/users')).json<{ username: string }[]>().map((u) => u.username)).toEqual(['li.si', 'tester']);
  });

  it('changes, resets and deactivates (never deletes); a user changes their own password with the current one', async () => {
    const user = await created<{ id: string }>(t, '/api/users', userBody());
    const session = await t.signIn('li.si', PASSWORD);
    expect((await t.call('GET', '/api/units', undefined, session.headers)).statusCode).toBe(200);
    const wrong = await t.call('POST', '/api/auth/password', { currentPassword: 'not it at all', newPassword: 'another long passphrase' }, session.headers);
    expect(wrong.json().code).toBe('E_BAD_CREDENTIALS');
    expect((await t.call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase' }, session.headers)).statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/session', undefined, session.headers)).statusCode).toBe(200);
    expect((await t.call('POST', '/api/auth/login', { username: 'li.si', password: PASSWORD }, { authorization: '' })).statusCode).toBe(401);
    expect((await t.call('PATCH', `/api/users/${user.id}`, { displayName: '李四(值班)' })).json().displayName).toBe('李四(值班)');
    const reset = await t.call('POST', `/api/users/${user.id}/reset-password`, { password: 'reset by the administrator' });
    expect(reset.statusCode).toBe(200);
    // A reset ends the user's sessions.
    expect((await t.call('GET', '/api/auth/session', undefined, session.headers)).statusCode).toBe(401);
    expect((await t.signIn('li.si', 'reset by the administrator')).response.statusCode).toBe(200);
    expect((await t.call('POST', `/api/users/${user.id}/deactivate`)).json().active).toBe(false);
    expect((await t.call('GET', `/api/users/${user.id}`)).json().active).toBe(false);
    const actions = (await t.call('GET', `/api/users/${user.id}/history`)).json<{ action: string }[]>().map((h) => h.action);
    expect(actions).toEqual(['create', 'change-password', 'update', 'reset-password', 'deactivate']);
    // Signing in as someone else does not change who the tester is.
    expect((await t.call('GET', '/api/auth/session')).json().user.username).toBe('tester');
    expect((await t.signIn('tester', TEST_PASSWORD)).response.statusCode).toBe(200);
  });

  describe('contractors (art. 19)', () => {
    let contractorUnitId: string;
    let commissionId: string;
    beforeEach(async () => {
      contractorUnitId = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '某安防维保公司', uscc: null, unitType: 'INDIVIDUAL' }))).id;
      commissionId = (
        await created<{ id: string }>(t, '/api/commissions', {
          contractorUnitId,
          principalUnitId: unitId,
          scope: ['MAINTENANCE'],
          validFrom: '2025-01-01',
          validTo: '2025-06-30',
        })
      ).id;
    });
    const person = (undertaking: string | null) =>
      created<{ id: string }>(t, '/api/persons', { unitId: contractorUnitId, name: '赵六', contractorUndertakingAt: undertaking });
    const contractor = (personId?: string) => userBody({ username: 'zhao.liu', displayName: '赵六', unitId: contractorUnitId, kind: 'CONTRACTOR', ...(personId ? { personId } : {}) });

    it('REG-19-1: a contractor account needs a signed confidentiality undertaking (422) and a commission in force', async () => {
      for (const body of [contractor(), contractor((await person(null)).id)]) {
        const refused = await t.call('POST', '/api/users', body);
        expect(refused.statusCode).toBe(422);
        expect(refused.json()).toMatchObject({ code: 'E_CONFIDENTIALITY_UNDERTAKING_REQUIRED', article: '19' });
      }
      const signed = await person('2025-05-20');
      const user = await created<{ commissionId: string; validUntil: string }>(t, '/api/users', contractor(signed.id));
      expect(user).toMatchObject({ commissionId, validUntil: '2025-06-30T16:00:00.000Z' });
      const noCommission = await t.call('POST', '/api/users', { ...contractor(signed.id), username: 'other', unitId });
      expect(noCommission.json()).toMatchObject({ code: 'E_COMMISSION_REQUIRED', article: '19' });
    });

    it('REG-19-2: after the commission ends the contractor can no longer sign in (403 E_COMMISSION_EXPIRED), nor keep a session', async () => {
      await created(t, '/api/users', contractor((await person('2025-05-20')).id));
      t.clock.set('2025-06-30T15:30:00Z');
      const session = await t.signIn('zhao.liu', PASSWORD);
      expect(session.response.statusCode, session.response.body).toBe(200);
      t.clock.set('2025-06-30T15:59:00Z');
      expect((await t.call('GET', '/api/auth/session', undefined, session.headers)).statusCode).toBe(200);
      t.clock.set('2025-06-30T16:00:00Z');
      const cut = await t.call('GET', '/api/auth/session', undefined, session.headers);
      expect(cut.statusCode).toBe(403);
      expect(cut.json().code).toBe('E_COMMISSION_EXPIRED');
      const login = await t.call('POST', '/api/auth/login', { username: 'zhao.liu', password: PASSWORD }, { authorization: '' });
      expect(login.statusCode).toBe(403);
      expect(login.json()).toMatchObject({ code: 'E_COMMISSION_EXPIRED', article: '19' });
    });
  });
});
