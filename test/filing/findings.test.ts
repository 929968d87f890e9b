import { describe, expect, it } from 'vitest';
import { buildFilingDataset } from '../../src/policy/cn-order-799/filing/dataset.ts';
import { evaluateFilings, evaluateFilingsWith } from '../../src/policy/cn-order-799/filing/findings.ts';
import type { Finding } from '../../src/policy/types.ts';
import { at, camera, filing, inventory12, site, snapshot, unit } from './fixtures.ts';

const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);
const preExisting = site({ putIntoUseDate: '2024-11-11' });

describe('REG-14-3 filing status findings', () => {
  it('REG-34-1: before 2025-04-01T00:00+08 there are no findings; at it, the pre-existing system is due 2025-06-30', () => {
    const snap = snapshot({ sites: [preExisting] });
    expect(evaluateFilings(snap, at('2025-03-31T23:59:59'))).toEqual([]);
    const fs = evaluateFilings(snap, at('2025-04-01T00:00:00'));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: 'REG-14-3', code: 'FILING_DUE', severity: 'INFO', article: '14', subject: { type: 'site', id: 'S1' }, details: { dueDate: '2025-06-30', daysLeft: 90, preExisting: true } });
    expect(fs[0]?.message.zh).toContain('2025年6月30日');
  });

  it('REG-14-3: pre-existing system in DRAFT at 2025-07-01T00:00+08 is FILING_OVERDUE, NONCOMPLIANT, penaltyRef 29', () => {
    const snap = snapshot({ sites: [preExisting], filings: [filing({ status: 'DRAFT' })] });
    expect(codes(evaluateFilings(snap, at('2025-06-30T23:59:59')))).toEqual(['FILING_DUE']);
    const [f] = evaluateFilings(snap, at('2025-07-01T00:00:00'));
    expect(f).toMatchObject({ ruleId: 'REG-14-3', code: 'FILING_OVERDUE', severity: 'NONCOMPLIANT', article: '14', penaltyRef: '29', details: { dueDate: '2025-06-30', filingId: 'F1', filingStatus: 'DRAFT', daysOverdue: 1 } });
    expect(f?.message.zh).toContain('逾期');
    expect(f?.message.en).toContain('overdue');
  });

  it('AMB-24: a pre-existing system that missed 2025-06-30 stays overdue since 2025-07-01', () => {
    const [f] = evaluateFilings(snapshot({ sites: [preExisting] }), at('2025-09-15T12:00:00'));
    expect(f).toMatchObject({ code: 'FILING_OVERDUE', details: { overdueFrom: '2025-07-01T00:00:00+08:00', filingStatus: 'NOT_FILED', daysOverdue: 77 } });
  });

  it('REG-14-3: once filed on 2025-07-03 the overdue finding closes and the history keeps it as late', () => {
    const filed = filing({ status: 'FILED', submittedAt: '2025-07-02T02:00:00.000Z', receiptNo: 'BA-2025-000123', filedAt: '2025-07-03', authority: '杭州市公安局西湖区分局' });
    const fs = evaluateFilings(snapshot({ sites: [preExisting], filings: [filed] }), at('2025-07-04T09:00:00'));
    expect(codes(fs)).toEqual(['FILING_FILED']);
    expect(fs[0]).toMatchObject({ severity: 'INFO', details: { late: true, receiptNo: 'BA-2025-000123', filedAt: '2025-07-03', dueDate: '2025-06-30' } });
    expect(fs[0]?.message.zh).toContain('晚于备案期限');
    for (const f of fs) {
      expect(f.message.zh).not.toMatch(/批准/);
      expect(f.message.en).not.toMatch(/\bapproved\b/i);
    }
  });

  it('REG-14-3: a SUBMITTED filing stops the overdue finding', () => {
    const sub = filing({ status: 'SUBMITTED', submittedAt: '2025-06-05T02:00:00.000Z' });
    const fs = evaluateFilings(snapshot({ filings: [sub] }), at('2025-06-20T09:00:00'));
    expect(fs).toEqual([expect.objectContaining({ code: 'FILING_SUBMITTED', severity: 'INFO', details: expect.objectContaining({ late: false }) as unknown })]);
  });

  it('REG-09-2: put into use 2025-04-10 with no filing is overdue at 2025-06-01 (due 2025-05-12)', () => {
    const [f] = evaluateFilings(snapshot({ sites: [site({ putIntoUseDate: '2025-04-10' })] }), at('2025-06-01T00:00:00'));
    expect(f).toMatchObject({ code: 'FILING_OVERDUE', details: { dueDate: '2025-05-12' } });
  });

  it('REG-09-2: an A9 site has no filing clock, only one INFO that filing is not required; A33 and inactive sites get none', () => {
    const when = at('2025-07-01T00:00:00');
    const a9 = evaluateFilings(snapshot({ sites: [site({ placeCategory: 'A9_OTHER_PUBLIC' })] }), when);
    expect(a9).toEqual([expect.objectContaining({ ruleId: 'REG-09-2', code: 'FILING_NOT_REQUIRED', severity: 'INFO', article: '9.2', subject: { type: 'site', id: 'S1' } })]);
    expect(a9[0]).not.toHaveProperty('penaltyRef');
    expect(a9[0]?.details).not.toHaveProperty('dueDate');
    expect(a9[0]?.message.zh).toContain('第九条第二款');
    expect(evaluateFilings(snapshot({ sites: [site({ placeCategory: 'A33_NON_PUBLIC' })] }), when)).toEqual([]);
    expect(evaluateFilings(snapshot({ sites: [site({ active: false })] }), when)).toEqual([]);
  });

  it('AMB-5: a system not yet put into use has no filing clock', () => {
    const cams = inventory12({ status: 'INACTIVE', activatedAt: null });
    expect(evaluateFilings(snapshot({ sites: [site({ putIntoUseDate: null })], cameras: cams }), at('2025-07-01T00:00:00'))).toEqual([]);
    expect(evaluateFilings(snapshot({ sites: [site({ putIntoUseDate: '2025-08-01' })] }), at('2025-07-01T00:00:00'))).toEqual([]);
  });
});

describe('REG-14-4 change filing findings', () => {
  const filedDataset = buildFilingDataset(snapshot(), 'S1', at('2025-06-01T09:00:00'));
  const filed = filing({
    status: 'FILED',
    dataset: filedDataset,
    datasetSha256: filedDataset.sha256,
    submittedAt: '2025-06-01T02:00:00.000Z',
    receiptNo: 'BA-330106-2025-000001',
    filedAt: '2025-06-03',
    authority: '杭州市公安局西湖区分局',
  });
  const plusOne = [...inventory12(), camera('C13', 'FIXED', { installedAt: '2025-08-04', activatedAt: '2025-08-04T01:30:00.000Z' })];

  it('REG-14-4: no change, no change finding', () => {
    const fs = evaluateFilings(snapshot({ filings: [filed] }), at('2025-08-04T12:00:00'));
    expect(codes(fs)).toEqual(['FILING_FILED']);
    expect(fs[0]?.details).toMatchObject({ late: false });
  });

  it('REG-14-4: a FIXED camera added on 2025-08-04 gives CHANGE_FILING_REQUIRED with the diff, due 2025-09-03', () => {
    const fs = evaluateFilings(snapshot({ cameras: plusOne, filings: [filed] }), at('2025-08-04T12:00:00'));
    const change = fs.find((f) => f.code === 'CHANGE_FILING_REQUIRED');
    expect(change).toMatchObject({
      ruleId: 'REG-14-4',
      article: '14',
      severity: 'NONCOMPLIANT',
      subject: { type: 'site', id: 'S1' },
      details: { diff: { cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9] }, dueDate: '2025-09-03', changeDate: '2025-08-04', filedFilingId: 'F1', overdue: false },
    });
    expect(change?.message.zh).toContain('备案变更');
    expect(change?.message.zh).toContain('图像采集设备总数');
  });

  it('REG-14-4: a retention change on 2025-08-05 joins the open change task, keeping its due date', () => {
    const cams = plusOne.map((c) => ({ ...c, retentionDays: 60 }));
    const factChanges = inventory12().map((c) => ({ entityType: 'camera' as const, entityId: c.id, siteId: 'S1', field: 'retentionDays', at: '2025-08-05T03:00:00.000Z', from: 30, to: 60 }));
    const task = filing({ id: 'F2', kind: 'CHANGE', status: 'DRAFT', createdAt: '2025-08-04T04:00:00.000Z' });
    const fs = evaluateFilings(snapshot({ cameras: cams, filings: [filed, task], factChanges }), at('2025-08-05T12:00:00'));
    const change = fs.find((f) => f.code === 'CHANGE_FILING_REQUIRED');
    expect(change?.details).toMatchObject({
      diff: { cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9], storagePeriodDays: [30, 60] },
      changeDate: '2025-08-04',
      changeDateSource: 'CAMERA_ACTIVATED',
      changes: { cameraTotal: { date: '2025-08-04', source: 'CAMERA_ACTIVATED', entityId: 'C13' }, storagePeriodDays: { date: '2025-08-05', source: 'RETENTION_CHANGED' } },
      storagePeriod: 'BECAME_OUTDATED',
      changeFilingId: 'F2',
      dueDate: '2025-09-03',
    });
  });

  it('REG-14-4: a change the history cannot date takes the day the caller detected it; past due it says overdue', () => {
    const renamed = [unit({ contactPhone: '0571-99999999' })];
    const fs = evaluateFilingsWith(snapshot({ units: renamed, filings: [filed] }), at('2025-09-04T00:00:00'), { changeDetectedOn: { S1: '2025-08-04' } });
    expect(fs.find((f) => f.code === 'CHANGE_FILING_REQUIRED')?.details).toMatchObject({ changeDateSource: 'DETECTED', undated: ['unit.contactPhone'], dueDate: '2025-09-03', overdue: true });
  });

  it('REG-14-4: a submitted change filing matching the live data clears the change finding', () => {
    const live = buildFilingDataset(snapshot({ cameras: plusOne }), 'S1', at('2025-08-06T09:00:00'));
    const sub = filing({ id: 'F2', kind: 'CHANGE', status: 'SUBMITTED', dataset: live, datasetSha256: live.sha256, submittedAt: '2025-08-06T02:00:00.000Z', createdAt: '2025-08-05T02:00:00.000Z' });
    expect(codes(evaluateFilings(snapshot({ cameras: plusOne, filings: [filed, sub] }), at('2025-08-07T09:00:00')))).toEqual(['FILING_FILED']);
  });
});
