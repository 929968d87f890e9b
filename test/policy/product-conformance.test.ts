import { describe, expect, it } from 'vitest';
import type { RemediationTaskRecord } from '../../src/advisories/model.ts';
import { MANDATORY_STANDARDS } from '../../src/policy/cn-order-799/mandatory-standards.ts';
import { evaluate } from '../../src/policy/index.ts';
import type { AssetRecord, ConformanceDeclarationRecord } from '../../src/registry/device-model.ts';
import { registrySnapshot } from '../../src/registry/snapshot.ts';
import { AT, camera, ofRule, site, snapshot } from './fixtures.ts';

const active = camera({ status: 'ACTIVE', activatedAt: '2025-05-20T02:00:00.000Z' });

function asset(overrides: Partial<AssetRecord> = {}): AssetRecord {
  return {
    id: 'A1',
    siteId: 'S1',
    assetType: 'RECORDER',
    name: 'NVR-1',
    locationNote: '',
    holdsFootage: true,
    manufacturer: 'AcmeCam',
    model: 'N100',
    serialNumber: null,
    firmwareVersion: '1.0',
    hardwareVersion: null,
    active: true,
    ...overrides,
  };
}

function declaration(overrides: Partial<ConformanceDeclarationRecord> = {}): ConformanceDeclarationRecord {
  return {
    id: 'D1',
    deviceKind: 'camera',
    deviceId: 'C1',
    siteId: 'S1',
    standard: 'GB 35114-2017',
    level: 'A',
    certificateRef: null,
    evidenceDocId: 'D9',
    note: '',
    active: true,
    ...overrides,
  };
}

function task(overrides: Partial<RemediationTaskRecord> = {}): RemediationTaskRecord {
  return {
    id: 'T1',
    advisoryId: 'ADV1',
    deviceKind: 'camera',
    deviceId: 'C1',
    siteId: 'S1',
    severity: 'CRITICAL',
    matchedVersion: '5.7.1',
    fixedVersion: '5.7.3',
    dueDate: '2025-05-31',
    status: 'OPEN',
    evidence: null,
    openedAt: '2025-05-24T02:00:00.000Z',
    resolvedAt: null,
    ...overrides,
  };
}

describe('REG-12-1 mandatory-standard conformance', () => {
  it('REG-12-1: the pack lists GB 35114-2017; an A7 device without a declaration is NONCOMPLIANT, and the declaration clears it', () => {
    expect(MANDATORY_STANDARDS).toEqual(['GB 35114-2017']);
    const without = ofRule(evaluate(snapshot({ cameras: [active] }), AT), 'REG-12-1');
    expect(without).toEqual([
      expect.objectContaining({ ruleId: 'REG-12-1', severity: 'NONCOMPLIANT', article: '12', subject: { type: 'camera', id: 'C1', siteId: 'S1' } }),
    ]);
    expect(without[0]!.details).toMatchObject({ missingStandards: ['GB 35114-2017'] });
    const withDecl = snapshot({ cameras: [active], conformanceDeclarations: [declaration({ standard: 'GB 35114-2017', level: 'A', evidenceDocId: 'D9' })] });
    expect(ofRule(evaluate(withDecl, AT), 'REG-12-1')).toEqual([]);
  });

  it('REG-12-1: related facilities need it too, a withdrawn declaration does not count, a carrier link is outside the standard', () => {
    const snap = snapshot({
      cameras: [active],
      assets: [asset(), asset({ id: 'L1', assetType: 'NETWORK_LINK', name: '电信专线' }), asset({ id: 'A2', active: false })],
      conformanceDeclarations: [declaration(), declaration({ id: 'D2', deviceKind: 'asset', deviceId: 'A1', active: false })],
    });
    expect(ofRule(evaluate(snap, AT), 'REG-12-1').map((f) => f.subject)).toEqual([{ type: 'asset', id: 'A1', siteId: 'S1' }]);
  });

  it('REG-12-1: applies in A7 places only; an inactive camera raises nothing yet', () => {
    const a9 = site({ placeCategory: 'A9_OTHER_PUBLIC', securityObligation: { partyUnitId: 'U1', basis: 'OWNER', documentRef: '租赁合同' } });
    expect(ofRule(evaluate(snapshot({ sites: [a9], cameras: [active], assets: [asset()] }), AT), 'REG-12-1')).toEqual([]);
    expect(ofRule(evaluate(snapshot({ cameras: [camera()] }), AT), 'REG-12-1')).toEqual([]);
  });

  it('an older snapshot file without assets, declarations, tasks or product fields stays valid', () => {
    const { manufacturer: _m, model: _mo, serialNumber: _s, firmwareVersion: _f, hardwareVersion: _h, ...oldCamera } = camera();
    const parsed = registrySnapshot.parse({ units: [], sites: [], cameras: [oldCamera] });
    expect(parsed.assets).toEqual([]);
    expect(parsed.conformanceDeclarations).toEqual([]);
    expect(parsed.remediationTasks).toEqual([]);
    expect(parsed.cameras[0]).toMatchObject({ manufacturer: null, firmwareVersion: null });
  });
});

describe('REG-12-2 overdue remediation', () => {
  it('REG-12-2: an OPEN task past its due date is an open finding under art. 12; on the due date, mitigated or closed it is not', () => {
    const at = (t: Partial<RemediationTaskRecord>) => ofRule(evaluate(snapshot({ cameras: [active], remediationTasks: [task(t)] }), AT), 'REG-12-2');
    expect(at({})).toEqual([
      expect.objectContaining({ severity: 'NONCOMPLIANT', article: '12', code: 'REMEDIATION_OVERDUE', subject: { type: 'camera', id: 'C1', siteId: 'S1' } }),
    ]);
    expect(at({ dueDate: '2025-06-01' })).toEqual([]);
    expect(at({ status: 'MITIGATED', evidence: '已隔离至独立 VLAN' })).toEqual([]);
    expect(at({ status: 'CLOSED', evidence: '已升级至 5.7.3' })).toEqual([]);
    expect(at({ deviceId: 'C9' })).toEqual([]);
  });
});
