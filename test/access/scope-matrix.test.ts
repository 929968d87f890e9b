/**
 * Walks the scope matrix (scope-matrix.ts) through the real HTTP stack: two units, callers of unit A
 * holding the ADMINISTRATOR role over CAMERA A1, SITE SA and UNIT A; every guarded route that takes an
 * object id is called on the object of A1, of A2 and of unit B, and must be allowed or refused exactly
 * as the table says. Routes that change state (deactivate) run last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedRoutes } from '../../src/http/access-guard.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { SCOPE_CALLERS, scopedCaller, seedTwoUnits, type ScopeCaller, type TwoUnits } from '../support/two-units.ts';
import { SCOPE_MATRIX, type ObjectKind, type ScopeRow } from './scope-matrix.ts';

const COLUMNS = ['A1', 'A2', 'B'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * Codes with which an object check refuses: outside reach, answered exactly as an absent object (a
 * retention hold's absence has its own code), or outside the write scope.
 */
const REFUSALS: Record<number, string[]> = { 404: ['E_NOT_FOUND', 'E_HOLD_NOT_FOUND', 'E_CAMERA_NOT_FOUND'], 403: ['E_OUT_OF_SCOPE', 'E_NO_CAMERA_PERMISSION'] };

function objectId(world: TwoUnits, kind: ObjectKind, column: Column): string {
  const camera = world.cameras[column === 'B' ? 'B1' : column];
  const site = column === 'B' ? world.B : world.A;
  switch (kind) {
    case 'camera':
      return camera;
    case 'task':
      return world.tasks[column === 'B' ? 'B1' : column];
    case 'hold':
      return world.holds[column === 'B' ? 'B1' : column];
    case 'purpose':
      return world.purposes[column === 'B' ? 'B1' : column];
    case 'unit':
      return site.unitId;
    case 'commission':
      return site.commissionId;
    case 'site':
      return site.siteId;
    case 'zone':
      return site.zoneId;
    case 'sign':
      return site.signId;
    case 'consent':
      return site.consentId;
    case 'asset':
      return site.assetId;
    case 'conformance':
      return site.conformanceId;
    case 'archive':
      return site.archiveDocId;
    case 'filing':
      return site.filingId;
    case 'advisory':
      return world.advisoryId;
    case 'authority':
      return '330106';
  }
}

const hasId = (url: string) => /\/:[A-Za-z]+/.test(url);

describe('authorisation matrix by scope: every route with an object × CAMERA / SITE / UNIT scope × objects of two units', () => {
  let t: TestApp;
  let world: TwoUnits;
  let base: string;
  const headers = new Map<ScopeCaller, Record<string, string>>();

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    world = await seedTwoUnits(t);
    for (const caller of SCOPE_CALLERS) headers.set(caller, (await scopedCaller(t, world, caller)).headers);
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(async () => t.close());

  it('has a row for every guarded route that takes an object id, and no row without a route', () => {
    const routes = guardedRoutes(t.app)
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => hasId(r));
    expect(routes.filter((r) => !(r in SCOPE_MATRIX)), 'routes with an id and no row in scope-matrix.ts').toEqual([]);
    expect(Object.keys(SCOPE_MATRIX).filter((r) => !routes.includes(r)), 'rows without a route').toEqual([]);
  });

  it('allows and refuses exactly as the table says, for every caller and object', async () => {
    const rows = Object.entries(SCOPE_MATRIX)
      .filter((entry): entry is [string, ScopeRow] => 'object' in entry[1])
      .sort(([a], [b]) => Number(a.endsWith('/deactivate')) - Number(b.endsWith('/deactivate')));
    const mismatches: string[] = [];
    for (const [route, row] of rows) {
      const [method, url] = route.split(' ') as [string, string];
      await Promise.all(
        SCOPE_CALLERS.flatMap((caller) =>
          COLUMNS.map(async (column, i) => {
            const path = url.replace(/:(id|docId|code)\b/, objectId(world, row.object, column)).replace(':n', '1');
            const body = row.file ? 'file bytes' : row.body === undefined ? undefined : JSON.stringify(row.body);
            const contentType = row.file ? 'application/octet-stream' : 'application/json';
            const response = await fetch(`${base}${path}${row.query ? `?${row.query}` : ''}`, {
              method,
              headers: { ...headers.get(caller), ...(body === undefined ? {} : { 'content-type': contentType }) },
              ...(body === undefined ? {} : { body }),
            });
            const text = await response.text();
            let code = '';
            try {
              code = (JSON.parse(text) as { code?: string }).code ?? '';
            } catch {
              // a file or a PDF: allowed
            }
            const refused = REFUSALS[response.status]?.includes(code) ?? false;
            const expected = row.expect[caller][i] === '+';
            if (refused === expected) mismatches.push(`${route} as ${caller} on ${column}: ${response.status} ${code} (expected ${expected ? 'allowed' : 'refused'})`);
          }),
        ),
      );
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
