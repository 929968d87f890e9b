/**
 * Random and mutated request bodies against the registry API: every one is answered with a success
 * or a 4xx carrying a stable code, never a 5xx, and a refused request leaves no trace in the history.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedBody } from '../support/fuzz.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite, siteBody, unitBody } from '../support/fixtures.ts';

const NASTY = ["'; drop table units; --", '../../../etc/passwd', '\u0000', '<script>alert(1)</script>', '%00', 'x'.repeat(5000), '${7*7}', '{{7*7}}'];

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(...NASTY),
  fc.double(),
  fc.constantFrom(null, -1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', true),
);


describe('registry API under random input', () => {
  let t: TestApp;
  let valid: Record<string, Record<string, unknown>>;
  let cameraId: string;

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    const { unit, site } = await seedSite(t);
    cameraId = (await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id))).id;
    valid = {
      '/api/units': unitBody({ uscc: '91110108MA01DEMN7A' }),
      '/api/sites': siteBody(unit.id),
      '/api/cameras': cameraBody(site.id, unit.id),
      '/api/signs': { siteId: site.id, location: '入口', photoRef: 'p.jpg', cameraIds: [cameraId] },
      '/api/zones': { siteId: site.id, zoneType: 'Z8_3_TOILET', name: 'WC', polygon: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }] },
    };
  });
  afterAll(async () => {
    await t.close();
  });

  async function historySize(): Promise<number> {
    return (await t.call('GET', '/api/history?limit=1000')).json<unknown[]>().length;
  }

  for (const path of ['/api/units', '/api/sites', '/api/cameras', '/api/signs', '/api/zones']) {
    it(`POST ${path}: never a 5xx, refusals carry a code and change nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(mutatedBody(valid[path] ?? {}, anyValue), async (body) => {
          const before = await historySize();
          const response = await t.call('POST', path, body);
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json().code).toMatch(/^E_[A-Z0-9_]+$/);
            expect(await historySize()).toBe(before);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it('PATCH /api/cameras/:id: never a 5xx; a refused change leaves the camera as it was', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(cameraBody('s', 'u')).filter((k) => k !== 'siteId')), anyValue, async (key, value) => {
        const before = (await t.call('GET', `/api/cameras/${cameraId}`)).body;
        const response = await t.call('PATCH', `/api/cameras/${cameraId}`, { [key]: value });
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode >= 400) expect((await t.call('GET', `/api/cameras/${cameraId}`)).body).toBe(before);
      }),
      { numRuns: 80 },
    );
  });

  it('treats injection in path and query parameters as plain data', async () => {
    for (const nasty of NASTY.slice(0, 5)) {
      const byId = await t.call('GET', `/api/cameras/${encodeURIComponent(nasty)}`);
      expect([404, 422]).toContain(byId.statusCode);
      const list = await t.call('GET', `/api/cameras?siteId=${encodeURIComponent(nasty)}`);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual([]);
    }
    const stored = await t.call('POST', '/api/units', unitBody({ name: NASTY[0], uscc: null, unitType: 'INDIVIDUAL' }));
    expect(stored.statusCode).toBe(201);
    expect((await t.call('GET', `/api/units/${stored.json().id}`)).json().name).toBe(NASTY[0]);
  });
});
