/**
 * Path and SQL injection in every path parameter of every guarded route, as an administrator who
 * passes every gate: each answer is a 4xx with a stable code (never a 5xx, never a file from outside
 * its root), and nothing changes in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedRoutes } from '../../src/http/access-guard.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { seedSite } from '../support/fixtures.ts';

const PAYLOADS = [
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%00',
  '<script>alert(1)</script>',
  'x'.repeat(5000),
  '${7*7}',
];

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['history', 'access_register', 'users', 'grants', 'units', 'sites', 'cameras', 'api_tokens', 'sessions'] as const) {
    const row = await t.db.db
      .selectFrom(table as 'history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe('hostile path parameters on every route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('sqlite');
    await seedSite(t);
  });
  afterAll(async () => t.close());

  it('are refused with a stable code and change nothing', async () => {
    const before = await counts(t);
    const problems: string[] = [];
    for (const { method, url } of guardedRoutes(t.app)) {
      if (!url.includes(':')) continue;
      for (const payload of PAYLOADS) {
        const concrete = url.replace(/:[A-Za-z]+/g, encodeURIComponent(payload));
        const response = await t.call(method, concrete, method === 'GET' || method === 'DELETE' ? undefined : {});
        let code: unknown;
        try {
          code = response.json<{ code?: unknown }>().code;
        } catch {
          code = undefined;
        }
        if (response.statusCode >= 500 || response.statusCode < 400 || typeof code !== 'string' || !/^E_[A-Z0-9_]+$/.test(code)) {
          problems.push(`${method} ${url} <- ${payload.slice(0, 30)}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
        if (response.body.includes('root:x:0:0')) problems.push(`${method} ${url} served a file from outside its root`);
      }
    }
    expect(problems).toEqual([]);
    expect(await counts(t)).toEqual(before);
  }, 120_000);
});
