import { describe, expect, it } from 'vitest';
import { complianceReport, filingDeadlinesAhead } from '../../src/compliance/compliance-service.ts';
import { penaltyExposure } from '../../src/policy/cn-order-799/penalties.ts';
import { buildFilingDataset } from '../../src/policy/cn-order-799/filing/dataset.ts';
import { evaluateFilings } from '../../src/policy/cn-order-799/filing/findings.ts';
import { evaluate } from '../../src/policy/index.ts';
import type { FactChange } from '../../src/registry/fact-changes.ts';
import type { Finding } from '../../src/policy/types.ts';
import { at, camera, filing, inventory12, site, snapshot } from './fixtures.ts';

const changeOf = (fs: Finding[]) => fs.find((f) => f.code === 'CHANGE_FILING_REQUIRED');
const retention = (ids: string[], on: string, from: number, to: number): FactChange[] =>
  ids.map((id) => ({ entityType: 'camera', entityId: id, siteId: 'S1', field: 'retentionDays', at: new Date(`${on}+08:00`).toISOString(), from, to }));

/** Filed on 2025-06-03 with the data of 2025-06-01 (12 cameras, all `retentionDays`). */
function filedWith(days: number, overrides: Parameters<typeof filing>[0] = {}) {
  const dataset = buildFilingDataset(snapshot({ cameras: inventory12({ retentionDays: days }) }), 'S1', at('2025-06-01T09:00:00'));
  return filing({ status: 'FILED', dataset, datasetSha256: dataset.sha256, submittedAt: '2025-06-01T02:00:00.000Z', receiptNo: 'BA-330106-2025-000001', filedAt: '2025-06-03', authority: '杭州市公安局西湖区分局', ...overrides });
}

describe('REG-14-4 change filings are dated by the change', () => {
  const c13 = camera('C13', 'FIXED', { installedAt: '2025-08-01', activatedAt: '2025-08-04T01:30:00.000Z' });
  const plusOne = [...inventory12(), c13];

  it('REG-14-4: a FIXED camera activated on 2025-08-04 dates the task: due 2025-09-03, whatever the evaluation day', () => {
    for (const when of ['2025-08-04T12:00:00', '2025-08-20T12:00:00', '2025-10-01T12:00:00']) {
      const change = changeOf(evaluateFilings(snapshot({ cameras: plusOne, filings: [filedWith(30)] }), at(when)));
      expect(change?.details).toMatchObject({ diff: { cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9] }, changeDate: '2025-08-04', changeDateSource: 'CAMERA_ACTIVATED', dueDate: '2025-09-03' });
    }
    const late = changeOf(evaluateFilings(snapshot({ cameras: plusOne, filings: [filedWith(30)] }), at('2025-10-01T12:00:00')));
    expect(late).toMatchObject({ severity: 'NONCOMPLIANT', penaltyRef: '29', details: { overdue: true, overdueFrom: '2025-09-04T00:00:00+08:00' } });
    expect(late?.message.zh).toContain('2025年8月4日');
  });

  it('REG-14-4: the acceptance path: 12 filed, camera added 2025-08-04, retention 30→60 on 2025-08-05 joins the same task; at 2025-10-01 still due 2025-09-03 and overdue', () => {
    const cams = plusOne.map((c) => ({ ...c, retentionDays: 60 }));
    const factChanges = retention(inventory12().map((c) => c.id), '2025-08-05T10:00:00', 30, 60);
    const snap = snapshot({ cameras: cams, filings: [filedWith(30)], factChanges });
    const onFifth = changeOf(evaluateFilings(snap, at('2025-08-05T12:00:00')));
    const inOctober = changeOf(evaluateFilings(snap, at('2025-10-01T12:00:00')));
    for (const change of [onFifth, inOctober]) {
      expect(change?.details).toMatchObject({
        diff: { cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9], storagePeriodDays: [30, 60] },
        changes: { cameraTotal: { date: '2025-08-04', source: 'CAMERA_ACTIVATED' }, storagePeriodDays: { date: '2025-08-05', source: 'RETENTION_CHANGED' } },
        changeDate: '2025-08-04',
        dueDate: '2025-09-03',
        storagePeriod: 'BECAME_OUTDATED',
      });
    }
    expect(onFifth?.details?.overdue).toBe(false);
    expect(inOctober?.details?.overdue).toBe(true);
  });

  it('REG-14-4: a camera registered on 2025-08-06 but not yet recording is dated by its registration; one removed by its deactivation', () => {
    const registered: FactChange = { entityType: 'camera', entityId: 'C13', siteId: 'S1', field: '$created', at: '2025-08-06T02:00:00.000Z', from: null, to: 30 };
    const idle = camera('C13', 'DOME', { status: 'INACTIVE', activatedAt: null });
    const added = changeOf(evaluateFilings(snapshot({ cameras: [...inventory12(), idle], filings: [filedWith(30)], factChanges: [registered] }), at('2025-09-30T12:00:00')));
    expect(added?.details).toMatchObject({ changeDate: '2025-08-06', changeDateSource: 'CAMERA_REGISTERED', dueDate: '2025-09-05' });

    const gone: FactChange = { entityType: 'camera', entityId: 'C12', siteId: 'S1', field: 'status', at: '2025-08-10T02:00:00.000Z', from: 'ACTIVE', to: 'DEACTIVATED' };
    const cams = inventory12().map((c) => (c.id === 'C12' ? { ...c, status: 'DEACTIVATED' as const } : c));
    const removed = changeOf(evaluateFilings(snapshot({ cameras: cams, filings: [filedWith(30)], factChanges: [gone] }), at('2025-09-30T12:00:00')));
    expect(removed?.details).toMatchObject({ diff: { cameraTotal: [12, 11], 'cameraByType.PTZ': [1, 0] }, changeDate: '2025-08-10', changeDateSource: 'CAMERA_DEACTIVATED', dueDate: '2025-09-09' });
  });

  it('REG-14-4: with several changes the earliest dates the task; a master-data change is dated by its history', () => {
    const phone: FactChange = { entityType: 'unit', entityId: 'U1', siteId: null, field: 'contactPhone', at: '2025-07-20T02:00:00.000Z', from: '0571-88888888', to: '0571-99999999' };
    const snap = snapshot({ cameras: plusOne, units: [{ ...snapshot().units[0]!, contactPhone: '0571-99999999' }], filings: [filedWith(30)], factChanges: [phone] });
    const change = changeOf(evaluateFilings(snap, at('2025-08-10T12:00:00')));
    expect(change?.details).toMatchObject({ changeDate: '2025-07-20', changeDateSource: 'UNIT_CHANGED', dueDate: '2025-08-19', overdue: false });
    expect(change?.details?.changes).toMatchObject({ 'unit.contactPhone': { date: '2025-07-20' }, cameraTotal: { date: '2025-08-04' } });
  });

  it('REG-14-4: a change made before the facts were taken is not a change of the filing', () => {
    const early = retention(inventory12().map((c) => c.id), '2025-05-20T10:00:00', 15, 30);
    const fs = evaluateFilings(snapshot({ filings: [filedWith(30)], factChanges: early }), at('2025-08-10T12:00:00'));
    expect(fs.map((f) => f.code)).toEqual(['FILING_FILED']);
  });
});

describe('REG-17-6 retention changes feed the filing', () => {
  it('REG-17-6: 60 → 30 on 2025-08-05 creates a change-filing task dated 2025-08-05 (due 2025-09-04), an outdated figure, not an untrue one', () => {
    const cams = inventory12({ retentionDays: 30 });
    const factChanges = retention(cams.map((c) => c.id), '2025-08-05T09:30:00', 60, 30);
    const fs = evaluateFilings(snapshot({ cameras: cams, filings: [filedWith(60)], factChanges }), at('2025-08-06T09:00:00'));
    expect(changeOf(fs)?.details).toMatchObject({ diff: { storagePeriodDays: [60, 30] }, changeDate: '2025-08-05', changeDateSource: 'RETENTION_CHANGED', dueDate: '2025-09-04', storagePeriod: 'BECAME_OUTDATED' });
    expect(fs.filter((f) => f.code === 'FILED_FIGURE_UNTRUE')).toEqual([]);
  });

  it('REG-17-6: one camera of twelve lowered on 2025-08-05 lowers the filed period from that day', () => {
    const cams = inventory12({ retentionDays: 60 }).map((c) => (c.id === 'C03' ? { ...c, retentionDays: 45 } : c));
    const factChanges = retention(['C03'], '2025-08-05T09:30:00', 60, 45);
    const change = changeOf(evaluateFilings(snapshot({ cameras: cams, filings: [filedWith(60)], factChanges }), at('2025-09-01T09:00:00')));
    expect(change?.details).toMatchObject({ diff: { storagePeriodDays: [60, 45] }, changeDate: '2025-08-05', changeDateSource: 'RETENTION_CHANGED' });
  });
});

describe('REG-14-5 a filed figure untrue when filed', () => {
  it('REG-14-5: filed 30 while the cameras kept 15 at submission: FILED_FIGURE_UNTRUE, art. 14.2, NONCOMPLIANT, penaltyRef 29', () => {
    const fs = evaluateFilings(snapshot({ cameras: inventory12({ retentionDays: 15 }), filings: [filedWith(30)] }), at('2025-08-10T09:00:00'));
    const untrue = fs.find((f) => f.code === 'FILED_FIGURE_UNTRUE');
    expect(untrue).toMatchObject({ ruleId: 'REG-14-5', article: '14.2', severity: 'NONCOMPLIANT', penaltyRef: '29', details: { filingId: 'F1', filed: 30, inForceWhenFiled: 15, filedOn: '2025-06-01' } });
    expect(untrue?.message.zh).toContain('第十四条第二款');
    expect(changeOf(fs)?.details).toMatchObject({ diff: { storagePeriodDays: [30, 15] }, changeDate: '2025-06-01', changeDateSource: 'UNTRUE_WHEN_FILED', storagePeriod: 'UNTRUE_WHEN_FILED' });
  });

  it('REG-14-5: filed 30 while 15 was in force, raised to 30 on 2025-08-05: untrue when filed, and the figure agrees since', () => {
    const factChanges = retention(inventory12().map((c) => c.id), '2025-08-05T09:30:00', 15, 30);
    const fs = evaluateFilings(snapshot({ cameras: inventory12({ retentionDays: 30 }), filings: [filedWith(30)], factChanges }), at('2025-08-10T09:00:00'));
    expect(fs.map((f) => f.code).sort()).toEqual(['FILED_FIGURE_UNTRUE', 'FILING_FILED']);
    expect(fs.find((f) => f.code === 'FILED_FIGURE_UNTRUE')?.details).toMatchObject({ filed: 30, inForceWhenFiled: 15 });
  });
});

describe('REG-14-5 no untruth without evidence', () => {
  it('REG-14-5: a camera of unknown registration (no history, never activated) with a shorter retention is not taken as in force when filed', () => {
    const idle = camera('C13', 'FIXED', { status: 'INACTIVE', activatedAt: null, retentionDays: 15 });
    const fs = evaluateFilings(snapshot({ cameras: [...inventory12(), idle], filings: [filedWith(30)] }), at('2025-08-10T09:00:00'));
    expect(fs.filter((f) => f.code === 'FILED_FIGURE_UNTRUE')).toEqual([]);
    expect(changeOf(fs)?.details).toMatchObject({ diff: { cameraTotal: [12, 13], storagePeriodDays: [30, 15] }, storagePeriod: 'BECAME_OUTDATED' });
  });
});

describe('REG-09-2 art. 9.2: no filing clock for art. 9 places', () => {
  const a9 = site({ placeCategory: 'A9_OTHER_PUBLIC', putIntoUseDate: '2025-04-10', securityObligation: { partyUnitId: 'U1', basis: 'OPERATOR', documentRef: '经营许可' } });

  it('REG-09-2: an A9 shop never filed: no due date on the dashboard, no REG-14 finding, no art. 29 in the exposure, one INFO', () => {
    const snap = snapshot({ sites: [a9] });
    const when = at('2025-06-01T12:00:00');
    const findings = evaluate(snap, when);
    expect(findings.filter((f) => f.ruleId.startsWith('REG-14-'))).toEqual([]);
    expect(findings.filter((f) => f.code.startsWith('FILING_'))).toEqual([expect.objectContaining({ code: 'FILING_NOT_REQUIRED', severity: 'INFO', article: '9.2' })]);
    expect(findings.filter((f) => f.penaltyRef === '29')).toEqual([]);
    expect(filingDeadlinesAhead(snap, when)).toEqual([]);
    expect(complianceReport(snap, when).filingDeadlines).toEqual([]);
    expect(penaltyExposure(findings, snap.units, snap.sites, when).rows.filter((r) => r.penaltyRef === '29')).toEqual([]);
    expect(buildFilingDataset(snap, 'S1', when).deadline).toBeNull();
  });

  it('REG-09-2: the same system as an A7 place is due 2025-05-12 and overdue, on the dashboard too', () => {
    const snap = snapshot({ sites: [site({ putIntoUseDate: '2025-04-10' })] });
    const when = at('2025-06-01T12:00:00');
    expect(filingDeadlinesAhead(snap, when)).toEqual([expect.objectContaining({ siteId: 'S1', dueDate: '2025-05-12', overdue: true })]);
    expect(penaltyExposure(evaluate(snap, when), snap.units, snap.sites, when).rows.filter((r) => r.penaltyRef === '29')).toHaveLength(1);
  });
});

describe('REG-09-4 a category change starts or ends the filing clock', () => {
  const category = (from: string, to: string, on: string): FactChange => ({ entityType: 'site', entityId: 'S1', siteId: 'S1', field: 'placeCategory', at: new Date(`${on}T10:00:00+08:00`).toISOString(), from, to });

  it('REG-09-4: S2 changes from A9 to A7_2_1_GATHERING on 2025-08-01: due 2025-09-01 (day 30 is a Sunday), on the dashboard and in the draft', () => {
    const snap = snapshot({ sites: [site({ putIntoUseDate: '2025-04-10' })], factChanges: [category('A9_OTHER_PUBLIC', 'A7_2_1_GATHERING', '2025-08-01')] });
    const when = at('2025-08-10T12:00:00');
    expect(evaluateFilings(snap, when)).toEqual([expect.objectContaining({ code: 'FILING_DUE', severity: 'INFO', details: expect.objectContaining({ dueDate: '2025-09-01' }) as unknown })]);
    expect(filingDeadlinesAhead(snap, when)).toEqual([expect.objectContaining({ dueDate: '2025-09-01', overdue: false })]);
    expect(buildFilingDataset(snap, 'S1', when).deadline).toMatchObject({ kind: 'CATEGORY_CHANGE', dueDate: '2025-09-01' });
    expect(evaluateFilings(snap, at('2025-09-02T00:00:00'))[0]).toMatchObject({ code: 'FILING_OVERDUE', penaltyRef: '29' });
  });

  it('REG-09-4: an A7 system filed, then re-classified A9: no clock, an INFO suggesting to cancel or change the filing', () => {
    const filed = filedWith(30);
    const snap = snapshot({
      sites: [site({ placeCategory: 'A9_OTHER_PUBLIC', securityObligation: { partyUnitId: 'U1', basis: 'OPERATOR', documentRef: '经营许可' } })],
      filings: [filed],
      factChanges: [category('A7_2_1_GATHERING', 'A9_OTHER_PUBLIC', '2025-08-01')],
    });
    const fs = evaluateFilings(snap, at('2025-08-10T12:00:00'));
    expect(fs).toEqual([expect.objectContaining({ code: 'FILING_NOT_REQUIRED', severity: 'INFO', details: { exemption: '9.2', filedFilingId: 'F1', suggestion: 'CANCEL_OR_CHANGE', categoryChangedOn: '2025-08-01' } })]);
    expect(fs[0]?.message.zh).toContain('注销或变更');
  });
});
