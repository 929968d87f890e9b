import { describe, expect, it } from 'vitest';
import { buildFilingDataset } from '../../src/policy/cn-order-799/filing/dataset.ts';
import { diffFilingDatasets } from '../../src/policy/cn-order-799/filing/diff.ts';
import { at, camera, inventory12, site, snapshot, unit } from './fixtures.ts';

const AT = at('2025-08-04T10:00:00');

describe('REG-14-4 dataset diff', () => {
  const filed = buildFilingDataset(snapshot(), 'S1', at('2025-05-20T10:00:00'));

  it('REG-14-4: adding a FIXED camera gives {cameraTotal:[12,13], "cameraByType.FIXED":[8,9]}', () => {
    const live = buildFilingDataset(snapshot({ cameras: [...inventory12(), camera('C13', 'FIXED')] }), 'S1', AT);
    expect(diffFilingDatasets(filed, live)).toEqual({ cameraTotal: [12, 13], 'cameraByType.FIXED': [8, 9] });
  });

  it('REG-14-4: changing retention 30 → 60 adds storagePeriodDays:[30,60]', () => {
    const cams = [...inventory12({ retentionDays: 60 }), camera('C13', 'FIXED', { retentionDays: 60 })];
    const live = buildFilingDataset(snapshot({ cameras: cams, sites: [site({ storagePeriodDays: 60 })] }), 'S1', AT);
    expect(diffFilingDatasets(filed, live)).toEqual({
      cameraTotal: [12, 13],
      'cameraByType.FIXED': [8, 9],
      storagePeriodDays: [30, 60],
      configuredStoragePeriodDays: [30, 60],
    });
  });

  it('REG-14-4: a new device type counts from zero and a type that disappears goes to zero', () => {
    const cams = inventory12().map((c) => (c.deviceType === 'PTZ' ? { ...c, deviceType: 'ANPR' as const } : c));
    const live = buildFilingDataset(snapshot({ cameras: cams }), 'S1', AT);
    expect(diffFilingDatasets(filed, live)).toEqual({ 'cameraByType.ANPR': [0, 1], 'cameraByType.PTZ': [1, 0] });
  });

  it('AMB-6: unit, location, networking and entrusted-operator changes are filed fields', () => {
    const live = buildFilingDataset(
      snapshot({
        units: [unit({ contactPhone: '0571-12345678' })],
        sites: [site({ networkedToPsb: true, entrustedOperator: { name: '某运维公司', uscc: null, contractRef: 'HT-1' }, address: '新地址' })],
      }),
      'S1',
      AT,
    );
    expect(diffFilingDatasets(filed, live)).toEqual({
      'unit.contactPhone': ['0571-88888888', '0571-12345678'],
      'location.address': ['浙江省杭州市西湖区文三路100号', '新地址'],
      'extras.networkedToPsb': [false, true],
      'extras.entrustedOperator': [null, { name: '某运维公司', uscc: null, contractRef: 'HT-1' }],
    });
  });

  it('REG-14-4: hash, provenance, deadline, generation time and the looked-up authority are ignored', () => {
    const live = buildFilingDataset(snapshot({ filingAuthorities: [] }), 'S1', AT);
    expect(live.sha256).not.toBe(filed.sha256);
    expect(diffFilingDatasets(filed, { ...live, provenance: {}, deadline: null })).toEqual({});
  });

  it('REG-14-4: like-for-like camera replacement (same type) is no change', () => {
    const cams = inventory12().map((c) => (c.id === 'C01' ? { ...c, id: 'C01b', name: '替换' } : c));
    expect(diffFilingDatasets(filed, buildFilingDataset(snapshot({ cameras: cams }), 'S1', AT))).toEqual({});
  });
});
