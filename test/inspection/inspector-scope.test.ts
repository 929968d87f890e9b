/**
 * REG-24-1: inspector accounts belong to the inspected unit. Only that unit's administrators open and see
 * them; an account over the whole unit generates the unit's package, and nothing of another unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../support/access.ts';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { created, siteBody, unitBody } from '../support/fixtures.ts';

describe.each(DIALECTS)('REG-24-1 inspector accounts by unit (%s)', (dialect) => {
  let t: TestApp;
  let unitA = '';
  let unitB = '';
  let siteB = '';
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;
  const body = (username: string, unitId: string) => ({
    username,
    password: TEST_PASSWORD,
    officerName: '钱警官',
    organ: '杭州市公安局拱墅区分局',
    warrantRef: '拱公检〔2025〕3号',
    scope: { type: 'UNIT', unitId },
    validFrom: '2025-06-01T00:00:00.000Z',
    validTo: '2025-06-20T00:00:00.000Z',
  });

  beforeAll(async () => {
    t = await openTestApp(dialect, { at: '2025-06-03T02:00:00Z' });
    unitA = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '甲单位' }))).id;
    unitB = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '乙个人', uscc: null, unitType: 'INDIVIDUAL' }))).id;
    await created(t, '/api/sites', siteBody(unitA));
    siteB = (await created<{ id: string }>(t, '/api/sites', siteBody(unitB, { name: '乙商店' }))).id;
    const a = await makeUser(t, { unitId: unitA, grants: [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: unitA } }] });
    const b = await makeUser(t, { unitId: unitB, grants: [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: unitB } }] });
    adminA = await t.tokenHeaders(a.userId);
    adminB = await t.tokenHeaders(b.userId);
  });
  afterAll(async () => t?.close());

  it('REG-24-1: an administrator of unit B neither opens an account over unit A nor sees A’s accounts', async () => {
    const refused = await t.call('POST', '/api/inspector-accounts', body('inspector.x', unitA), adminB);
    expect(refused.statusCode).toBe(403);
    expect((await t.call('GET', '/api/users?active=true')).json<{ username: string }[]>().map((u) => u.username)).not.toContain('inspector.x');
    const opened = await t.call('POST', '/api/inspector-accounts', body('inspector.a', unitA), adminA);
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await t.call('GET', '/api/inspector-accounts', undefined, adminB)).json<unknown[]>()).toEqual([]);
    expect((await t.call('GET', '/api/inspector-accounts', undefined, adminA)).json<{ username: string }[]>().map((a) => a.username)).toEqual(['inspector.a']);
  });

  it('REG-24-1: an account over unit A generates A’s package once approved, and nothing of unit B', async () => {
    const [account] = (await t.call('GET', '/api/inspector-accounts', undefined, adminA)).json<{ grants: { id: string }[] }[]>();
    // The tester (ADMINISTRATOR over ALL) is the second administrator here.
    for (const grant of account!.grants) expect((await t.call('POST', `/api/grants/${grant.id}/approve`, {})).statusCode).toBe(200);
    const signed = await t.signIn('inspector.a', TEST_PASSWORD);
    const own = await t.call('POST', '/api/inspection-packages', { unitId: unitA, period: '2025-05' }, signed.headers);
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json<{ scope: { type: string; siteIds: string[] } }>().scope.type).toBe('UNIT');
    expect((await t.call('POST', '/api/inspection-packages', { unitId: unitB, period: '2025-05' }, signed.headers)).statusCode).toBe(404);
    expect((await t.call('POST', '/api/inspection-packages', { siteId: siteB, period: '2025-05' }, signed.headers)).statusCode).toBe(404);
  });
});
