/**
 * REG-24-1: inspector account I1 (a named officer, organ and warrant; scope S1; a window) reads only:
 * every non-GET route a signed-in user can reach answers 403 E_INSPECTOR_READ_ONLY, except sign-out and
 * generating the inspection package. Every request of I1 is an entry of the audit log. I1 sees S1 and
 * nothing else of the unit, and no video. At validTo the account ends: sign-in and every call are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedRoutes } from '../../src/http/access-guard.ts';
import { openTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { buildWorld, grantDirectly, I1, signInInspector, type World } from './support.ts';

/**
 * The writes an inspector may make: sign-out, their own password and second factor (so that nobody else, the
 * administrator who opened the account included, can act under the officer's name), and the package.
 */
const ALLOWED_WRITES = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/auth/totp/enroll', 'POST /api/auth/totp/confirm', 'POST /api/inspection-packages']);
/** Viewing is not changing: asking for live view or playback reaches the gate, which refuses I1 (no grant for video). */
const VIEWING = new Map([
  ['POST /api/access/playback', 'E_ACTION_NOT_GRANTED'],
  ['POST /api/access/live', 'E_ACTION_NOT_GRANTED'],
  ['POST /api/access/:entryId/close', 'E_REGISTER_ENTRY_NOT_FOUND'],
]);

const concrete = (url: string): string => url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'n' ? '1' : 'zz_none'));

describe.each(DIALECTS)('REG-24-1 inspector account (%s)', (dialect) => {
  let t: TestApp;
  let w: World;
  let i1: SignedIn;

  beforeAll(async () => {
    t = await openTestApp(dialect, { at: '2025-06-03T02:00:00Z' });
    w = await buildWorld(t);
    i1 = await signInInspector(t);
  });
  afterAll(async () => t?.close());

  it('REG-24-1: an administrator opens it for a named officer; it lists as ACTIVE once a second administrator approved its grant', async () => {
    const listed = (await t.call('GET', '/api/inspector-accounts')).json<Record<string, unknown>[]>();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ username: I1.username, officerName: I1.officerName, organ: I1.organ, warrantRef: I1.warrantRef, scopeType: 'SITE', scopeIds: [w.s1], validTo: I1.validTo, state: 'ACTIVE' });
    const grant = (await t.call('GET', `/api/grants/${w.inspector.grantIds[0]}`)).json<{ roleId: string; scopeType: string; scopeId: string; validTo: string; status: string }>();
    expect(grant).toMatchObject({ roleId: 'role-inspector', scopeType: 'SITE', scopeId: w.s1, validTo: I1.validTo, status: 'ACTIVE' });
  });

  it('REG-24-1: a window that is over, too long or reversed is refused', async () => {
    const base = { ...I1, username: 'inspector.i2', password: TEST_PASSWORD, scope: { type: 'SITE', siteIds: [w.s1] } };
    expect((await t.call('POST', '/api/inspector-accounts', { ...base, validTo: '2025-06-02T00:00:00.000Z', validFrom: '2025-05-20T00:00:00.000Z' })).statusCode).toBe(422);
    expect([400, 422]).toContain((await t.call('POST', '/api/inspector-accounts', { ...base, validTo: '2025-12-01T00:00:00.000Z' })).statusCode);
    expect([400, 422]).toContain((await t.call('POST', '/api/inspector-accounts', { ...base, validFrom: '2025-06-11T00:00:00.000Z' })).statusCode);
    const { validTo: _omitted, ...noEnd } = base;
    expect([400, 422]).toContain((await t.call('POST', '/api/inspector-accounts', noEnd)).statusCode);
    expect((await t.call('GET', '/api/inspector-accounts')).json<unknown[]>()).toHaveLength(1);
  });

  it('REG-24-1: I1 sees S1 and its cameras, not S2 nor its cameras, and no video', async () => {
    const sites = (await t.call('GET', '/api/sites', undefined, i1.headers)).json<{ id: string }[]>();
    expect(sites.map((s) => s.id)).toEqual([w.s1]);
    const cameras = (await t.call('GET', '/api/cameras', undefined, i1.headers)).json<{ id: string }[]>();
    expect(cameras.map((c) => c.id).sort()).toEqual([...w.s1Cameras].sort());
    expect((await t.call('GET', `/api/cameras/${w.s2Camera}`, undefined, i1.headers)).statusCode).toBe(404);
    const session = (await t.call('GET', '/api/auth/session', undefined, i1.headers)).json<{ user: { unitName?: string }; actions: string[]; inspector?: unknown }>();
    expect(JSON.stringify(session)).toContain(I1.organ);
    // No action at all: no live view, playback or export (the INSPECTOR role carries none).
    expect(session.actions).toEqual([]);
    expect(session.inspector).toEqual({ officerName: I1.officerName, organ: I1.organ, warrantRef: I1.warrantRef, validTo: I1.validTo });
  });

  it('REG-24-1: I1 gets 403 on every write a signed-in user can reach (sign-out, generating the package and asking to view aside)', async () => {
    const wrong: string[] = [];
    const writes = guardedRoutes(t.app).filter((r) => r.method !== 'GET' && r.access.kind !== 'public' && r.access.kind !== 'media');
    expect(writes.length).toBeGreaterThan(100);
    for (const { method, url } of writes) {
      const key = `${method} ${url}`;
      if (ALLOWED_WRITES.has(key)) continue;
      const response = await t.call(method, concrete(url), method === 'DELETE' ? undefined : {}, i1.headers);
      const code = response.statusCode >= 400 ? response.json<{ code: string }>().code : '';
      const expected = VIEWING.get(key) ?? 'E_INSPECTOR_READ_ONLY';
      if (code !== expected || (expected !== 'E_REGISTER_ENTRY_NOT_FOUND' && response.statusCode !== 403)) wrong.push(`${key} → ${response.statusCode} ${code}`);
    }
    expect(wrong).toEqual([]);
    // Still signed in: the refusals ended nothing.
    expect((await t.call('GET', '/api/auth/session', undefined, i1.headers)).statusCode).toBe(200);
  });

  it('REG-24-1: every request of I1 (reads, refused writes) is an entry of the audit log, naming officer, organ, route and object', async () => {
    await t.call('GET', `/api/cameras/${w.s1Cameras[0]}`, undefined, i1.headers);
    await t.call('PATCH', `/api/cameras/${w.s1Cameras[0]}`, { name: 'x' }, i1.headers);
    const entries = (await t.call('GET', `/api/history?entityType=inspectorRequest&entityId=${w.inspector.accountId}&limit=1000`)).json<
      { action: string; actor: string; at: string; after: { route: string; method: string; params: Record<string, string>; statusCode: number; organ: string; officerName: string; warrantRef: string } }[]
    >();
    const view = entries.find((e) => e.after.route === '/api/cameras/:id' && e.after.method === 'GET' && e.after.params.id === w.s1Cameras[0]);
    expect(view).toMatchObject({ action: 'view', actor: I1.username, after: { params: { id: w.s1Cameras[0] }, statusCode: 200, organ: I1.organ, officerName: I1.officerName, warrantRef: I1.warrantRef } });
    expect(view?.at).toBe(t.clock.now().toISOString());
    const refused = entries.find((e) => e.after.route === '/api/cameras/:id' && e.after.method === 'PATCH' && e.after.params.id === w.s1Cameras[0]);
    expect(refused).toMatchObject({ action: 'request', after: { statusCode: 403, params: { id: w.s1Cameras[0] } } });
    expect(entries.some((e) => e.after.route === '/api/sites')).toBe(true);
    // The inspected unit's own auditor reads them too.
    const chain = await t.call('GET', '/api/history/verify');
    expect(chain.json<{ ok: boolean }>().ok).toBe(true);
  });

  it('REG-24-1: the officer replaces the password the administrator set; API tokens stay refused', async () => {
    const changed = await t.call('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'the officer own passphrase 2025' }, i1.headers);
    expect(changed.statusCode, changed.body).toBe(204);
    const old = await t.signIn(I1.username, TEST_PASSWORD);
    expect(old.response.statusCode).toBe(401);
    i1 = await t.signIn(I1.username, 'the officer own passphrase 2025');
    expect(i1.response.statusCode).toBe(200);
    const token = await t.call('POST', '/api/tokens', { name: 'inspection', scopes: ['READ'] }, i1.headers);
    expect(token.json<{ code: string }>().code).toBe('E_INSPECTOR_READ_ONLY');
  });

  it('REG-24-1: video only where the unit grants it separately: then a playback request reaches the gate and the register', async () => {
    const ask = () => t.call('POST', '/api/access/playback', { cameraId: w.s1Cameras[0], from: '2025-05-03T02:00:00Z', to: '2025-05-03T02:10:00Z', reason: { category: 'INCIDENT_INVESTIGATION', text: '监督检查核查回放记录 INS-1' } }, i1.headers);
    const before = await ask();
    expect(before.statusCode).toBe(403);
    expect(before.json<{ code: string }>().code).toBe('E_ACTION_NOT_GRANTED');
    await grantDirectly(t, w.inspector.userId, 'LIAISON', { type: 'CAMERA', id: w.s1Cameras[0]! });
    const after = await ask();
    expect(['E_INSPECTOR_READ_ONLY', 'E_ACTION_NOT_GRANTED']).not.toContain(after.json<{ code?: string }>().code);
    // The refusal or the access is the register's: the entry names the organ as the viewer's unit.
    const entries = (await t.call('GET', `/api/register?actorUserId=${w.inspector.userId}`)).json<{ entries: { actor: { unit: string } }[] }>().entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.actor.unit === I1.organ)).toBe(true);
  });

  it('REG-24-1: I1 expires at its validTo: every call and a new sign-in are refused after it', async () => {
    t.clock.set('2025-06-09T15:50:00.000Z');
    const late = await t.signIn(I1.username, 'the officer own passphrase 2025');
    expect(late.response.statusCode).toBe(200);
    // An API token (made here through the service: the inspector cannot make one) ends with the account too.
    const token = await t.tokenHeaders(w.inspector.userId, ['READ']);
    expect((await t.call('GET', '/api/sites', undefined, token)).statusCode).toBe(200);
    t.clock.set('2025-06-09T15:59:59.000Z');
    expect((await t.call('GET', '/api/sites', undefined, late.headers)).statusCode).toBe(200);
    t.clock.set(I1.validTo);
    const call = await t.call('GET', '/api/sites', undefined, late.headers);
    expect([401, 403]).toContain(call.statusCode);
    // The session ends with the account (its expiry is capped at validTo); the account itself is refused too.
    expect(['E_SESSION_EXPIRED', 'E_ACCOUNT_EXPIRED']).toContain(call.json<{ code: string }>().code);
    const viaToken = await t.call('GET', '/api/sites', undefined, token);
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json<{ code: string }>().code).toBe('E_ACCOUNT_EXPIRED');
    const signIn = await t.signIn(I1.username, 'the officer own passphrase 2025');
    expect([401, 403]).toContain(signIn.response.statusCode);
    expect(signIn.response.json<{ code: string }>().code).toBe('E_ACCOUNT_EXPIRED');
    const listed = (await t.call('GET', '/api/inspector-accounts')).json<{ state: string }[]>();
    expect(listed[0]?.state).toBe('EXPIRED');
  });
});
