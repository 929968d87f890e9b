/** First run without a default password: a one-time setup token creates the first administrator, once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServices, type Services } from '../../src/app/services.ts';
import { builtInRoleId } from '../../src/access/built-in-roles.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { DIALECTS, openTestDb } from '../support/db.ts';

describe.each(DIALECTS)('first-run setup (%s)', (dialect) => {
  let db: DbHandle;
  let services: Services;
  let app: FastifyInstance;
  const clock = fixedClock('2025-06-01T02:00:00Z');

  beforeEach(async () => {
    clock.set('2025-06-01T02:00:00Z');
    db = await openTestDb(dialect);
    services = createServices(db.db, clock, '.');
    app = await buildApp({ config: loadConfig({ env: {} }), db, services, logger: false });
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const admin = { username: 'admin', password: TEST_PASSWORD, displayName: '系统管理员' };
  const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/setup', payload });

  it('creates the first administrator with an ACTIVE ADMINISTRATOR grant over ALL decided by SYSTEM_SETUP, then refuses (409 E_SETUP_DONE)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true, bootstrapWindow: null });
    const token = (await services.setup.issueToken())!;
    expect((await post({ token: 'guess', ...admin })).json().code).toBe('E_SETUP_TOKEN_INVALID');
    const weak = await post({ token, ...admin, password: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('E_PASSWORD_WEAK');
    const created = await post({ token, ...admin });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ username: 'admin', unitId: null, kind: 'STAFF', active: true });
    const grants = await db.db.selectFrom('grants').selectAll().execute();
    expect(grants).toEqual([
      expect.objectContaining({ userId: created.json().id, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL', status: 'ACTIVE', decidedBy: 'SYSTEM_SETUP' }),
    ]);
    const again = await post({ token, ...admin, username: 'second' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('E_SETUP_DONE');
    expect(await services.setup.issueToken()).toBeUndefined();
    // The bootstrap window (24 h) in which the first administrator may make a second one alone.
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false, bootstrapWindow: { open: true, until: '2025-06-02T02:00:00.000Z' } });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    // The stored setup token is only a hash.
    const stored = await db.db.selectFrom('setupTokens').select(['tokenHash', 'usedAt']).execute();
    expect(stored).toEqual([{ tokenHash: expect.not.stringContaining(token), usedAt: '2025-06-01T02:00:00.000Z' }]);
  });

  it('refuses an expired setup token (24 h)', async () => {
    const token = (await services.setup.issueToken())!;
    clock.set('2025-06-02T02:00:00Z');
    const response = await post({ token, ...admin });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('E_SETUP_TOKEN_INVALID');
  });
});
