/** API tokens: shown once, stored hashed, acting as their user within their scopes; revoked and expired ones refused. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/access/accounts/secrets.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { unitBody } from '../support/fixtures.ts';

describe.each(DIALECTS)('API tokens (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => t.close());

  async function newToken(body: Record<string, unknown>): Promise<{ id: string; token: string }> {
    const response = await t.call('POST', '/api/tokens', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('returns the token once (cst_ + 32 bytes base64url), stores only its SHA-256 and lists it without the token', async () => {
    const { id, token } = await newToken({ name: 'nvr sync', scopes: ['READ'] });
    expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(sha256Hex(token));
    const list = await t.call('GET', '/api/tokens');
    expect(list.body).not.toContain(token);
    expect(list.json()).toContainEqual(expect.objectContaining({ id, name: 'nvr sync', scopes: ['READ'], revokedAt: null }));
    const history = await t.call('GET', `/api/history?entityType=apiToken&entityId=${id}`);
    expect(history.body).not.toContain(token);
    expect(history.body).not.toContain(row.tokenHash);
  });

  it('a READ token reads but cannot call an administration route (403 E_TOKEN_SCOPE), nor make a wider token', async () => {
    const { token } = await newToken({ name: 'reader', scopes: ['READ'] });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.call('GET', '/api/units', undefined, bearer)).statusCode).toBe(200);
    const refused = await t.call('POST', '/api/units', unitBody(), bearer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('E_TOKEN_SCOPE');
    const wider = await t.call('POST', '/api/tokens', { name: 'escalate', scopes: ['CONFIG'] }, bearer);
    expect(wider.statusCode).toBe(403);
    expect(wider.json().code).toBe('E_TOKEN_SCOPE');
    // A CONFIG token does not administer; the same route with an ADMINISTER token works, and acts as the token's user.
    const { token: config } = await newToken({ name: 'config', scopes: ['CONFIG'] });
    expect((await t.call('POST', '/api/units', unitBody(), { authorization: `Bearer ${config}` })).json().code).toBe('E_TOKEN_SCOPE');
    const { token: administer } = await newToken({ name: 'administer', scopes: ['ADMINISTER'] });
    expect((await t.call('POST', '/api/units', unitBody(), { authorization: `Bearer ${administer}` })).statusCode).toBe(201);
    expect((await t.call('GET', '/api/history?entityType=unit')).json()[0].actor).toBe('tester');
  });

  it('refuses a revoked token (401 E_TOKEN_REVOKED) and an expired one (401 E_TOKEN_EXPIRED); marks use at most once a minute', async () => {
    const { id, token } = await newToken({ name: 'short', scopes: ['READ'], expiresAt: '2025-06-02T00:00:00Z' });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.call('GET', '/api/units', undefined, bearer)).statusCode).toBe(200);
    const used = async () => (await t.db.db.selectFrom('apiTokens').select('lastUsedAt').where('id', '=', id).executeTakeFirstOrThrow()).lastUsedAt;
    expect(await used()).toBe('2025-06-01T02:00:00.000Z');
    t.clock.set('2025-06-01T02:00:30Z');
    await t.call('GET', '/api/units', undefined, bearer);
    expect(await used()).toBe('2025-06-01T02:00:00.000Z');
    t.clock.set('2025-06-01T02:01:30Z');
    await t.call('GET', '/api/units', undefined, bearer);
    expect(await used()).toBe('2025-06-01T02:01:30.000Z');
    t.clock.set('2025-06-02T00:00:00Z');
    const expired = await t.call('GET', '/api/units', undefined, bearer);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('E_TOKEN_EXPIRED');

    const other = await newToken({ name: 'to revoke', scopes: ['READ'] });
    expect((await t.call('POST', `/api/tokens/${other.id}/revoke`)).json().revokedAt).toBe('2025-06-02T00:00:00.000Z');
    const revoked = await t.call('GET', '/api/units', undefined, { authorization: `Bearer ${other.token}` });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('E_TOKEN_REVOKED');
    expect((await t.call('GET', '/api/units', undefined, { authorization: 'Bearer cst_unknown' })).json().code).toBe('E_UNAUTHENTICATED');
  });
});
