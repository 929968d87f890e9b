/**
 * REG-24-1, section 1: the package carries the filing's status, receipt number and filed dataset, and every
 * filing with its dates, an initial filing submitted after its due date marked late (art. 14).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';
import type { InspectionPackage } from '../../src/inspection/package-schema.ts';
import { pdfText } from './support.ts';

describe.each(DIALECTS)('REG-24-1 package, filing section (%s)', (dialect) => {
  let t: TestApp;
  let pkg: InspectionPackage;
  let siteId = '';
  let sha = '';

  beforeAll(async () => {
    // Put into use 2025-05-10: the initial filing is due 2025-06-09; it is submitted on 2025-06-12.
    t = await openTestApp(dialect, { at: '2025-06-12T02:00:00Z' });
    expect((await t.call('PUT', '/api/filing-authorities/330106', { name: '杭州市公安局西湖区分局' })).statusCode).toBe(200);
    const { unit, site } = await seedSite(t);
    siteId = site.id;
    await created(t, '/api/cameras', cameraBody(site.id, unit.id));
    const filing = await created<{ id: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    const submitted = await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    sha = submitted.json<{ datasetSha256: string }>().datasetSha256;
    t.clock.set('2025-06-16T02:00:00Z');
    expect((await t.call('POST', `/api/filings/${filing.id}/record-receipt`, { receiptNo: 'BA-2025-000123', filedAt: '2025-06-15' })).statusCode).toBe(200);
    const response = await t.call('POST', '/api/inspection-packages', { siteId: site.id, period: { from: '2025-06-01', to: '2025-06-15' } });
    expect(response.statusCode, response.body).toBe(201);
    pkg = response.json<InspectionPackage>();
  });
  afterAll(async () => t?.close());

  it('REG-24-1: status FILED, the receipt, the filed dataset and the late initial filing', async () => {
    const [section] = pkg.filing;
    expect(section).toMatchObject({ siteId, required: true, status: 'FILED', receiptNo: 'BA-2025-000123', authority: '杭州市公安局西湖区分局', dueDate: null });
    expect(section?.filedDataset?.sha256).toBe(sha);
    expect(section?.history).toHaveLength(1);
    expect(section?.history[0]).toMatchObject({ kind: 'INITIAL', status: 'FILED', filedAt: '2025-06-15', datasetSha256: sha, late: true });
    expect(pkg.period).toEqual({ from: '2025-06-01', to: '2025-06-15' });
    const pdf = await t.call('GET', `/api/inspection-packages/${pkg.id}.pdf`);
    const text = pdfText(pdf.rawPayload, `package-filing-${dialect}`);
    expect(text).toContain('BA-2025-000123');
    expect(text).toContain(`SHA-256 ${sha}`);
    expect(text).toMatch(/逾期 late: 是 yes/);
  });
});
