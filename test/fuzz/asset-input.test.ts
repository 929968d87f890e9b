/** Random and mutated bodies against the asset, conformance and remediation endpoints: never a 5xx, refusals change nothing. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedBody } from '../support/fuzz.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom<unknown>(null, -1, '', ' ', true, 'x'.repeat(5000), "'; drop table assets; --", '\u0000'));


describe('asset, conformance and remediation endpoints under random input', () => {
  let t: TestApp;
  let valid: Record<string, Record<string, unknown>>;
  let taskId: string;

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { manufacturer: 'AcmeCam', model: 'X200', firmwareVersion: '5.7.1' }));
    valid = {
      '/api/assets': { siteId: site.id, assetType: 'RECORDER', name: 'NVR', holdsFootage: true, manufacturer: 'AcmeCam', firmwareVersion: '1.0' },
      '/api/conformance-declarations': { deviceKind: 'camera', deviceId: camera.id, standard: 'GB 35114-2017', level: 'A', evidenceDocId: 'D9' },
    };
    const csv = 'vendor,model,affected,severity\nAcmeCam,X200,<5.7.3,high\n';
    taskId = (await t.call('POST', '/api/advisories/import', csv, { 'content-type': 'text/csv' })).json<{ tasks: { id: string }[] }>().tasks[0]!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const historySize = async () => (await t.call('GET', '/api/history?limit=1000')).json<unknown[]>().length;

  for (const path of ['/api/assets', '/api/conformance-declarations']) {
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

  it('refuses a blank standard name (found by this fuzz: it used to be stored empty and answered 500)', async () => {
    const body = { ...valid['/api/conformance-declarations'], standard: ' ' };
    const response = await t.call('POST', '/api/conformance-declarations', body);
    expect(response.statusCode).toBe(422);
  });

  it('PATCH /api/remediation-tasks/:id: never a 5xx; a refused change leaves the task as it was', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody({ status: 'MITIGATED', evidence: '已隔离' }, anyValue), async (body) => {
        const before = (await t.call('GET', `/api/remediation-tasks/${taskId}`)).body;
        const response = await t.call('PATCH', `/api/remediation-tasks/${taskId}`, body);
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode >= 400) expect((await t.call('GET', `/api/remediation-tasks/${taskId}`)).body).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
