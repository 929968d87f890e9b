/**
 * REG-24-3 and REG-26-1: the deadline of a corrective order, its alerts, the finding an overdue order
 * raises, and the conditional fines it makes imposable (拒不改正), at the acceptance test's dates.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { seedSite } from '../support/fixtures.ts';
import { at, getJson, orderBody, recordOrder } from './support.ts';

interface Finding {
  ruleId: string;
  code: string;
  article: string;
  severity: string;
  penaltyRef?: string;
  subject: { type: string; id: string; siteId?: string };
  details?: Record<string, unknown>;
}
interface Report {
  counts: Record<string, number>;
  sites: { siteId: string; findings: Finding[] }[];
}
interface Row {
  ruleId: string;
  code: string;
  penaltyRef: string;
  siteId: string | null;
  trigger: string | null;
  triggerable: boolean;
  triggeredBy: { orderId: string; reference: string; dueDate: string }[];
  countedInTotals: boolean;
}
interface Exposure {
  rows: Row[];
  totals: { conditionalMax: number };
}

describe.each(DIALECTS)('corrective orders: deadline, alerts, overdue finding, triggerable fines (%s)', (dialect) => {
  let t: TestApp;
  let siteId: string;
  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-07-06T02:00:00Z' });
    siteId = (await seedSite(t)).site.id;
  });
  afterEach(async () => {
    await t?.close();
  });

  const alerts = (instant: string) => getJson<{ orderId: string; kind: string; firesOn: string; daysLeft: number }[]>(t, `/api/corrective-orders/alerts?${at(instant)}`);

  it('REG-24-3: order O1 (art. 29) dated 2025-07-05 with a 15-day limit is due 2025-07-20, at the end of that day in Beijing time; a given date is taken as is', async () => {
    const o1 = await recordOrder(t, orderBody(siteId));
    expect(o1.dueDate).toBe('2025-07-20');
    expect(o1.deadline).toMatchObject({ dueDate: '2025-07-20', deadline: '2025-07-20T16:00:00.000Z', daysLeft: 14, overdue: false });
    // 2025-07-20 is a Sunday: shown, not rolled forward (the acceptance test dates the order on that day).
    expect(o1.deadline.dueOnRestDay).toBe(true);
    const dated = await recordOrder(t, orderBody(siteId, { reference: '杭公西(治)责改字〔2025〕002号', limitDays: undefined, dueDate: '2025-07-31' }));
    expect(dated.dueDate).toBe('2025-07-31');
    expect(dated.deadline.dueOnRestDay).toBe(false);
  });

  it('REG-24-3: alerts fire on 2025-07-13 (7 days before) and 2025-07-19 (1 day before), and the order is overdue from 2025-07-21T00:00+08', async () => {
    const o1 = await recordOrder(t, orderBody(siteId));
    expect(await alerts('2025-07-12T23:59:59+08:00')).toEqual([]);
    expect(await alerts('2025-07-13T00:00:00+08:00')).toEqual([expect.objectContaining({ orderId: o1.id, kind: 'DUE_IN_7_DAYS', firesOn: '2025-07-13', daysLeft: 7 })]);
    expect((await alerts('2025-07-18T23:59:59+08:00'))[0]).toMatchObject({ kind: 'DUE_IN_7_DAYS', daysLeft: 2 });
    expect(await alerts('2025-07-19T00:00:00+08:00')).toEqual([expect.objectContaining({ orderId: o1.id, kind: 'DUE_IN_1_DAY', firesOn: '2025-07-19', daysLeft: 1 })]);
    expect((await alerts('2025-07-20T23:59:59+08:00'))[0]).toMatchObject({ kind: 'DUE_IN_1_DAY', daysLeft: 0 });
    expect(await alerts('2025-07-21T00:00:00+08:00')).toEqual([expect.objectContaining({ orderId: o1.id, kind: 'OVERDUE', firesOn: '2025-07-21', daysLeft: -1 })]);
    const seen = await getJson<{ deadline: { overdue: boolean; alerts: { kind: string; fired: boolean }[] } }>(t, `/api/corrective-orders/${o1.id}?${at('2025-07-19T08:00:00+08:00')}`);
    expect(seen.deadline.alerts.map((a) => [a.kind, a.fired])).toEqual([
      ['DUE_IN_7_DAYS', true],
      ['DUE_IN_1_DAY', true],
      ['OVERDUE', false],
    ]);
  });

  it('REG-24-3: the alerts are alarms: CORRECTIVE_ORDER_DUE_SOON from 2025-07-13 and again from 2025-07-19, CORRECTIVE_ORDER_OVERDUE from 2025-07-21T00:00+08, ended by the closure', async () => {
    const o1 = await recordOrder(t, orderBody(siteId));
    const check = (instant: string) => t.services.correctiveOrders.checkDeadlines(new Date(instant));
    const open = async () => {
      const states = await Promise.all(
        [['CORRECTIVE_ORDER_DUE_SOON', `${o1.id}:7d`], ['CORRECTIVE_ORDER_DUE_SOON', `${o1.id}:1d`], ['CORRECTIVE_ORDER_OVERDUE', o1.id]].map(async ([kind, subject]) =>
          (await t.services.alarms.isOpen(kind as 'CORRECTIVE_ORDER_OVERDUE', subject!)) ? subject : null,
        ),
      );
      return states.filter((s) => s !== null);
    };
    expect(await check('2025-07-12T23:59:59+08:00')).toBe(0);
    expect(await open()).toEqual([]);
    expect(await check('2025-07-13T00:00:00+08:00')).toBe(1);
    expect(await check('2025-07-13T00:01:00+08:00')).toBe(1); // the next round raises nothing new
    expect(await open()).toEqual([`${o1.id}:7d`]);
    await check('2025-07-19T00:00:00+08:00');
    expect(await open()).toEqual([`${o1.id}:1d`]);
    await check('2025-07-20T23:59:59+08:00');
    expect(await open()).toEqual([`${o1.id}:1d`]);
    await check('2025-07-21T00:00:00+08:00');
    expect(await open()).toEqual([o1.id]);
    const raised = (await t.services.alarms.list(t.admin.principal, { limit: 50 })).filter((a) => a.kind.startsWith('CORRECTIVE_ORDER_'));
    expect(raised.map((a) => a.kind).sort()).toEqual(['CORRECTIVE_ORDER_DUE_SOON', 'CORRECTIVE_ORDER_DUE_SOON', 'CORRECTIVE_ORDER_OVERDUE']);
    expect(raised.find((a) => a.kind === 'CORRECTIVE_ORDER_OVERDUE')).toMatchObject({ category: 'COMPLIANCE', severity: 'CRITICAL', article: '24' });

    t.clock.set(new Date('2025-07-22T02:00:00Z'));
    for (const item of o1.items) expect((await t.call('POST', `/api/corrective-orders/${o1.id}/items/${item.id}/close`, { note: '已整改' })).statusCode).toBe(200);
    await check('2025-07-22T10:01:00+08:00');
    expect(await open()).toEqual([]);
  });

  it('REG-24-3, REG-26-1: at 2025-07-21T00:00+08 without closure, CORRECTIVE_ORDER_OVERDUE (penaltyRef 29) is in the report and Art. 29’s fine is triggerable; a minute earlier neither', async () => {
    const o1 = await recordOrder(t, orderBody(siteId));
    const before = await getJson<Exposure>(t, `/api/compliance/exposure?${at('2025-07-20T23:59:59+08:00')}`);
    expect(before.rows.filter((r) => r.triggerable)).toEqual([]);
    expect(before.rows.some((r) => r.code === 'CORRECTIVE_ORDER_OVERDUE')).toBe(false);
    const reportBefore = await getJson<Report>(t, `/api/compliance?${at('2025-07-20T23:59:59+08:00')}`);
    expect(reportBefore.sites.flatMap((s) => s.findings).some((f) => f.code === 'CORRECTIVE_ORDER_OVERDUE')).toBe(false);

    const report = await getJson<Report>(t, `/api/compliance?${at('2025-07-21T00:00:00+08:00')}`);
    const overdue = report.sites.find((s) => s.siteId === siteId)!.findings.filter((f) => f.code === 'CORRECTIVE_ORDER_OVERDUE');
    expect(overdue).toEqual([expect.objectContaining({ ruleId: 'REG-24-3', article: '24', severity: 'NONCOMPLIANT', penaltyRef: '29', subject: { type: 'site', id: siteId } })]);
    expect(overdue[0]!.details).toMatchObject({ orderId: o1.id, dueDate: '2025-07-20', openItems: 2 });
    expect(report.counts.NONCOMPLIANT).toBe(reportBefore.counts.NONCOMPLIANT! + 1);

    const exposure = await getJson<Exposure>(t, `/api/compliance/exposure?${at('2025-07-21T00:00:00+08:00')}`);
    const art29 = exposure.rows.filter((r) => r.penaltyRef === '29');
    expect(art29.length).toBeGreaterThan(0);
    for (const row of art29) {
      expect(row).toMatchObject({ siteId, trigger: 'ON_REFUSAL', triggerable: true });
      expect(row.triggeredBy).toEqual([{ orderId: o1.id, reference: '杭公西(治)责改字〔2025〕001号', dueDate: '2025-07-20' }]);
    }
    expect(art29.some((r) => r.code === 'CORRECTIVE_ORDER_OVERDUE')).toBe(true);
    // Art. 29's ceiling once per site, whether the site also has a filing finding or not.
    expect(art29.filter((r) => r.countedInTotals)).toHaveLength(1);
    expect(exposure.rows.filter((r) => r.penaltyRef !== '29').every((r) => !r.triggerable)).toBe(true);
  });

  it('REG-26-1: an overdue order makes the findings its items link triggerable, whatever its article; an art. 13 order has no fine to trigger', async () => {
    // The site's own open findings at the date, as the compliance report shows them (the UI's picker).
    const report = await getJson<Report>(t, `/api/compliance?${at('2025-07-06T10:00:00+08:00')}`);
    const filing = report.sites.find((s) => s.siteId === siteId)!.findings.find((f) => f.penaltyRef === '29' || f.code.startsWith('FILING_'));
    expect(filing, 'the site, in use since 2025-05-10 and never filed, has a filing finding').toBeDefined();
    const linked = [{ ruleId: filing!.ruleId, code: filing!.code, subject: filing!.subject }];
    const o30 = await recordOrder(t, orderBody(siteId, { reference: 'R-30', articles: ['30'], items: [{ text: '恢复设备原位并备案', findings: linked }] }));
    const o13 = await recordOrder(t, orderBody(siteId, { reference: 'R-13', articles: ['13'], limitDays: 3, items: [{ text: '设置显著提示标识' }] }));
    const exposure = await getJson<Exposure>(t, `/api/compliance/exposure?${at('2025-07-21T00:00:00+08:00')}`);
    const row = exposure.rows.find((r) => r.code === filing!.code && r.ruleId === filing!.ruleId)!;
    // Linked by the item: triggerable by O30 although O30 is made under art. 30, not art. 29.
    expect(row).toMatchObject({ penaltyRef: '29', triggerable: true, triggeredBy: [expect.objectContaining({ orderId: o30.id })] });
    const art30 = exposure.rows.find((r) => r.code === 'CORRECTIVE_ORDER_OVERDUE' && r.penaltyRef === '30')!;
    expect(art30).toMatchObject({ trigger: 'ON_REFUSAL_OR_SERIOUS', triggerable: true });
    const art13 = exposure.rows.find((r) => r.code === 'CORRECTIVE_ORDER_OVERDUE' && r.penaltyRef === '13')!;
    expect(art13).toMatchObject({ trigger: null, triggerable: false, triggeredBy: [] });
    expect(o13.dueDate).toBe('2025-07-08');
  });
});
