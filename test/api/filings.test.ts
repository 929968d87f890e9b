import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filingDataset } from '../../src/policy/cn-order-799/filing/index.ts';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

type Finding = { ruleId: string; code: string; severity: string; penaltyRef?: string; details?: Record<string, unknown> };
type Report = { sites: { siteId: string; findings: Finding[] }[]; filingDeadlines: { siteId: string; dueDate: string; overdue: boolean; status: string }[] };

async function siteFindings(t: TestApp, siteId: string, at?: string): Promise<Finding[]> {
  const report = (await t.call('GET', `/api/compliance${at ? `?at=${encodeURIComponent(at)}` : ''}`)).json<Report>();
  return report.sites.find((s) => s.siteId === siteId)?.findings ?? [];
}

describe.each(DIALECTS)('filings on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-06-01T02:00:00Z' });
    const put = await t.call('PUT', '/api/filing-authorities/330106', { name: '杭州市公安局西湖区分局' });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterEach(async () => {
    await t.close();
  });

  async function twelveCameras(siteId: string, unitId: string) {
    const types = [...Array(8).fill('FIXED'), ...Array(3).fill('DOME'), 'PTZ'] as string[];
    for (const [i, deviceType] of types.entries()) await created(t, '/api/cameras', cameraBody(siteId, unitId, { name: `C${i + 1}`, deviceType }));
  }

  it('REG-14-1 and REG-05-1: the draft is built from the registry, with the competent filing authority', async () => {
    const { unit, site } = await seedSite(t);
    await twelveCameras(site.id, unit.id);
    const response = await t.call('GET', `/api/sites/${site.id}/filing-draft`);
    expect(response.statusCode, response.body).toBe(200);
    const draft = filingDataset.parse(response.json());
    expect(draft).toMatchObject({
      cameraTotal: 12,
      cameraByType: { FIXED: 8, DOME: 3, PTZ: 1 },
      storagePeriodDays: 30,
      unit: { uscc: '91330106MA2AB3C472', name: '某商贸有限公司' },
      filingAuthority: '杭州市公安局西湖区分局',
      deadline: { dueDate: '2025-06-09' },
    });
  });

  it('REG-14-3: submitting needs a named responsible person; receipt makes it FILED; the filing is not an approval', async () => {
    const { unit, site } = await seedSite(t);
    await twelveCameras(site.id, unit.id);
    const filing = await created<{ id: string; status: string; kind: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    expect(filing).toMatchObject({ status: 'DRAFT', kind: 'INITIAL' });
    expect((await t.call('POST', `/api/sites/${site.id}/filings`)).json().code).toBe('E_FILING_OPEN');

    const unattested = await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: ' ' });
    expect(unattested.statusCode).toBe(422);
    expect(unattested.json().code).toBe('E_ATTESTATION_REQUIRED');

    const submitted = await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'SUBMITTED', attestedBy: '王五' });
    expect(submitted.json().datasetSha256).toMatch(/^[0-9a-f]{64}$/);

    const receipt = await t.call('POST', `/api/filings/${filing.id}/record-receipt`, { receiptNo: 'BA-2025-000123', filedAt: '2025-06-05' });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json()).toMatchObject({ status: 'FILED', receiptNo: 'BA-2025-000123', authority: '杭州市公安局西湖区分局' });
    expect(JSON.stringify(receipt.json())).not.toMatch(/approv|批准/i);

    const again = await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('E_FILING_STATE');
  });

  it('REG-14-3: a pre-existing system still in draft is overdue from 2025-07-01 and the finding closes on filing', async () => {
    const { unit, site } = await seedSite(t, { putIntoUseDate: '2024-11-11' });
    await created(t, '/api/cameras', cameraBody(site.id, unit.id));
    const filing = await created<{ id: string }>(t, `/api/sites/${site.id}/filings`, undefined);

    const before = await siteFindings(t, site.id, '2025-06-30T23:59:59+08:00');
    expect(before.filter((f) => f.code === 'FILING_OVERDUE')).toEqual([]);
    const after = await siteFindings(t, site.id, '2025-07-01T00:00:00+08:00');
    expect(after).toContainEqual(expect.objectContaining({ ruleId: 'REG-14-3', code: 'FILING_OVERDUE', severity: 'NONCOMPLIANT', penaltyRef: '29' }));

    t.clock.set('2025-07-02T02:00:00Z');
    await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' });
    const filed = await t.call('POST', `/api/filings/${filing.id}/record-receipt`, { receiptNo: 'BA-2025-000123', filedAt: '2025-07-03' });
    expect(filed.statusCode, filed.body).toBe(200);
    const closed = await siteFindings(t, site.id, '2025-07-04T00:00:00+08:00');
    expect(closed.filter((f) => f.code === 'FILING_OVERDUE')).toEqual([]);
  });

  it('REG-14-4: a change to a filed fact raises a change-filing finding with the diff, and a change filing can be opened', async () => {
    const { unit, site } = await seedSite(t);
    await twelveCameras(site.id, unit.id);
    const filing = await created<{ id: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' });
    await t.call('POST', `/api/filings/${filing.id}/record-receipt`, { receiptNo: 'BA-2025-000123', filedAt: '2025-06-05' });
    expect((await siteFindings(t, site.id)).filter((f) => f.code === 'CHANGE_FILING_REQUIRED')).toEqual([]);

    t.clock.set('2025-08-04T02:00:00Z');
    await created(t, '/api/cameras', cameraBody(site.id, unit.id, { name: 'C13', deviceType: 'FIXED' }));
    const change = (await siteFindings(t, site.id)).find((f) => f.code === 'CHANGE_FILING_REQUIRED');
    expect(change).toMatchObject({ ruleId: 'REG-14-4', severity: 'NONCOMPLIANT' });
    expect(change?.details?.diff).toMatchObject({ cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9] });

    const changeFiling = await created<{ kind: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    expect(changeFiling.kind).toBe('CHANGE');
  });

  it('REG-14-5: a draft whose storage period was edited away from the configured retention cannot be submitted', async () => {
    const { unit, site } = await seedSite(t);
    await created(t, '/api/cameras', cameraBody(site.id, unit.id));
    const filing = await created<{ id: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    const noReason = await t.call('POST', `/api/filings/${filing.id}/edits`, { path: 'storagePeriodDays', value: 60, reason: '' });
    expect(noReason.statusCode).toBe(422);
    const edited = await t.call('POST', `/api/filings/${filing.id}/edits`, { path: 'storagePeriodDays', value: 60, reason: '按地方规定保存60日' });
    expect(edited.statusCode, edited.body).toBe(200);
    const submit = await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' });
    expect(submit.statusCode).toBe(422);
    expect(submit.json()).toMatchObject({ code: 'E_FILING_RETENTION_MISMATCH', article: '14' });
    expect((await t.call('GET', `/api/filings/${filing.id}`)).json().status).toBe('DRAFT');
  });

  it('REG-14-6: exports the filing as JSON with the attachments checklist and as a PDF', async () => {
    const { unit, site } = await seedSite(t);
    await created(t, '/api/cameras', cameraBody(site.id, unit.id));
    const filing = await created<{ id: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    const json = await t.call('GET', `/api/filings/${filing.id}/export?format=json&present=AUTHORIZATION_LETTER`);
    expect(json.statusCode, json.body).toBe(200);
    const body = json.json<{ dataset: unknown; attachments: { type: string; present: boolean }[] }>();
    expect(() => filingDataset.parse(body.dataset)).not.toThrow();
    expect(body.attachments).toHaveLength(4);
    expect(body.attachments.filter((a) => a.present).map((a) => a.type)).toEqual(['AUTHORIZATION_LETTER']);

    const pdf = await t.call('GET', `/api/filings/${filing.id}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('REG-26-1: the exposure report gives statutory ranges for open findings', async () => {
    const { unit, site } = await seedSite(t, { putIntoUseDate: '2024-11-11' });
    await created(t, '/api/cameras', cameraBody(site.id, unit.id));
    const exposure = await t.call('GET', `/api/compliance/exposure?at=${encodeURIComponent('2025-07-02T00:00:00+08:00')}`);
    expect(exposure.statusCode, exposure.body).toBe(200);
    expect(JSON.stringify(exposure.json())).toContain('FILING_OVERDUE');
    expect(exposure.json().byUnit).toContainEqual(expect.objectContaining({ unitId: unit.id }));
    expect(exposure.json().bySite).toContainEqual(expect.objectContaining({ siteId: site.id, unitId: unit.id }));
  });
});
