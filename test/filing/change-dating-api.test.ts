/** Change filings dated by the change, through the server and the real history (REG-14-4, REG-17-6, REG-14-5, REG-09-4, REG-09-2). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

type Finding = { ruleId: string; code: string; severity: string; penaltyRef?: string; details?: Record<string, unknown> };
type Report = { sites: { siteId: string; findings: Finding[] }[]; filingDeadlines: { siteId: string; dueDate: string; overdue: boolean }[] };

describe.each(DIALECTS)('change filings dated by the change on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-06-01T02:00:00Z' });
    expect((await t.call('PUT', '/api/filing-authorities/330106', { name: '杭州市公安局西湖区分局' })).statusCode).toBe(200);
  });
  afterEach(async () => {
    await t.close();
  });

  const report = async (at: string) => (await t.call('GET', `/api/compliance?at=${encodeURIComponent(at)}`)).json<Report>();
  const findingsOf = async (siteId: string, at: string) => (await report(at)).sites.find((s) => s.siteId === siteId)?.findings ?? [];

  async function filedSystem(retentionDays: number) {
    const { unit, site } = await seedSite(t);
    const ids: string[] = [];
    const types = [...Array(8).fill('FIXED'), ...Array(3).fill('DOME'), 'PTZ'] as string[];
    for (const [i, deviceType] of types.entries()) ids.push((await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: `C${i + 1}`, deviceType, retentionDays }))).id);
    const filing = await created<{ id: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    expect((await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/filings/${filing.id}/record-receipt`, { receiptNo: 'BA-2025-000123', filedAt: '2025-06-05' })).statusCode).toBe(200);
    return { unit, site, ids };
  }

  it('REG-14-4: 12 filed; a FIXED camera activated 2025-08-04, retention 30→60 on 2025-08-05: one task due 2025-09-03, still so and overdue at 2025-10-01', async () => {
    const { unit, site, ids } = await filedSystem(30);
    t.clock.set('2025-08-04T02:00:00Z');
    const c13 = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: 'C13', deviceType: 'FIXED' }));
    await created(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'photos/sign-13.jpg', cameraIds: [c13.id] });
    const activated = await t.call('POST', `/api/cameras/${c13.id}/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);

    t.clock.set('2025-08-05T03:00:00Z');
    for (const id of [...ids, c13.id]) {
      const patched = await t.call('PATCH', `/api/cameras/${id}`, { retentionDays: 60, changeReason: '统一保存期限' });
      expect(patched.statusCode, patched.body).toBe(200);
    }
    for (const at of ['2025-08-05T12:00:00+08:00', '2025-10-01T12:00:00+08:00']) {
      const change = (await findingsOf(site.id, at)).find((f) => f.code === 'CHANGE_FILING_REQUIRED');
      expect(change?.details).toMatchObject({
        diff: { cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9], storagePeriodDays: [30, 60] },
        changes: { cameraTotal: { date: '2025-08-04', source: 'CAMERA_ACTIVATED', entityId: c13.id }, storagePeriodDays: { date: '2025-08-05', source: 'RETENTION_CHANGED' } },
        changeDate: '2025-08-04',
        changeDateSource: 'CAMERA_ACTIVATED',
        dueDate: '2025-09-03',
        overdue: at.startsWith('2025-10'),
        storagePeriod: 'BECAME_OUTDATED',
      });
    }
  });

  it('REG-17-6: retention 60 → 30 on 2025-08-05 (retention settings) creates a change-filing task dated that day; the filed figure was true when filed', async () => {
    const { site, ids } = await filedSystem(60);
    t.clock.set('2025-08-05T02:00:00Z');
    for (const id of ids) {
      const change = await t.call('PUT', `/api/retention/cameras/${id}`, { retentionDays: 30, reason: '统一保存期限' });
      expect(change.statusCode, change.body).toBe(200);
    }
    const findings = await findingsOf(site.id, '2025-09-20T12:00:00+08:00');
    expect(findings.find((f) => f.code === 'CHANGE_FILING_REQUIRED')).toMatchObject({
      penaltyRef: '29',
      details: { diff: { storagePeriodDays: [60, 30] }, changeDate: '2025-08-05', changeDateSource: 'RETENTION_CHANGED', dueDate: '2025-09-04', overdue: true, storagePeriod: 'BECAME_OUTDATED' },
    });
    expect(findings.filter((f) => f.code === 'FILED_FIGURE_UNTRUE')).toEqual([]);
  });

  it('REG-09-4 and REG-09-2: an A9 site has no deadline; re-classified A7 on 2025-08-01 it is due 2025-09-01', async () => {
    const { unit, site } = await seedSite(t, { placeCategory: 'A9_OTHER_PUBLIC', putIntoUseDate: '2025-04-10', securityObligation: null });
    await created(t, '/api/cameras', cameraBody(site.id, unit.id));
    const before = await report('2025-07-20T12:00:00+08:00');
    expect(before.filingDeadlines.filter((d) => d.siteId === site.id)).toEqual([]);
    const a9 = before.sites.find((s) => s.siteId === site.id)?.findings ?? [];
    expect(a9.filter((f) => f.ruleId.startsWith('REG-14-') || f.penaltyRef === '29')).toEqual([]);
    expect(a9.filter((f) => f.code === 'FILING_NOT_REQUIRED')).toHaveLength(1);
    expect((await t.call('GET', `/api/sites/${site.id}/filing-draft`)).json()).toMatchObject({ deadline: null });

    t.clock.set('2025-08-01T02:00:00Z');
    const changed = await t.call('PATCH', `/api/sites/${site.id}`, { placeCategory: 'A7_2_1_GATHERING', changeReason: '场所改为商场' });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await report('2025-08-10T12:00:00+08:00');
    expect(after.filingDeadlines.filter((d) => d.siteId === site.id)).toEqual([expect.objectContaining({ dueDate: '2025-09-01', overdue: false })]);
    expect(after.sites.find((s) => s.siteId === site.id)?.findings).toContainEqual(expect.objectContaining({ code: 'FILING_DUE', details: expect.objectContaining({ dueDate: '2025-09-01' }) as unknown }));
  });
});
