/**
 * Walks the authorisation matrix (route-matrix.ts) through the real HTTP stack: one signed-in user per
 * built-in role (scope ALL, prerequisites in order, an all-scopes API token) and an anonymous caller
 * call every guarded route. The gate must let exactly the table's callers through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedRoutes } from '../../src/http/access-guard.ts';
import { BUILT_IN_ROLE_KEYS } from '../../src/access/built-in-roles.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { makeUser } from '../support/access.ts';
import { seedSite } from '../support/fixtures.ts';
import { CALLERS, ROUTE_MATRIX, type Caller } from './route-matrix.ts';

/** Codes with which the gate (not the route behind it) refuses. */
const GATE_REFUSALS = new Set([
  'E_UNAUTHENTICATED',
  'E_ACTION_NOT_GRANTED',
  'E_ADMINISTRATION_NOT_GRANTED',
  'E_TOKEN_SCOPE',
  'E_MEDIA_TOKEN',
  'E_CONTRACTOR_EXPORT_FORBIDDEN',
  // Events out are checked in their services (actions over everything), before any object is looked up.
  'E_EVENTS_OUT_READ_NOT_GRANTED',
  'E_EVENTS_OUT_MANAGE_NOT_GRANTED',
]);

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'n' ? '1' : 'zz_none'));
}

describe('authorisation matrix: every route × every built-in role', () => {
  let t: TestApp;
  let base: string;
  const headers = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    const { unit } = await seedSite(t);
    for (const role of BUILT_IN_ROLE_KEYS) {
      const contractor = role === 'CONTRACTOR';
      const user = await makeUser(t, {
        unitId: unit.id,
        kind: contractor ? 'CONTRACTOR' : 'STAFF',
        person: contractor ? { contractorUndertakingAt: '2025-01-01' } : {},
        grants: [{ role }],
      });
      headers.set(role, await t.tokenHeaders(user.userId));
    }
    headers.set('anonymous', {});
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => t.close());

  it('has a row for every guarded route, and no row without a route', () => {
    const routes = guardedRoutes(t.app).map((r) => `${r.method} ${r.url}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes.filter((r) => !(r in ROUTE_MATRIX)), 'routes without a row in route-matrix.ts').toEqual([]);
    expect(Object.keys(ROUTE_MATRIX).filter((r) => !routes.includes(r)), 'rows without a route').toEqual([]);
  });

  it('lets exactly the table’s callers through the gate, for every route', async () => {
    const mismatches: string[] = [];
    for (const { method, url } of guardedRoutes(t.app)) {
      const allowed = ROUTE_MATRIX[`${method} ${url}`] ?? [];
      await Promise.all(
        CALLERS.map(async (caller) => {
          const abort = new AbortController();
          const response = await fetch(`${base}${concreteUrl(url)}`, {
            method,
            headers: { ...headers.get(caller), ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
            ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
            signal: abort.signal,
          });
          const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
          const text = streaming ? '' : await response.text();
          abort.abort();
          let code = '';
          try {
            code = (JSON.parse(text) as { code?: string }).code ?? '';
          } catch {
            // not JSON: a file, a page or a stream; whatever it is, the gate let it through
          }
          const passed = !([401, 403].includes(response.status) && GATE_REFUSALS.has(code));
          if (passed !== allowed.includes(caller)) mismatches.push(`${method} ${url} as ${caller}: ${response.status} ${code || text.slice(0, 80)}`);
        }),
      );
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
