import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
import { AT, camera, codes, commission, ofRule, site, snapshot, unit } from './fixtures.ts';

const others = [unit({ id: 'U2', name: '无关单位', uscc: null, unitType: 'OTHER' }), unit({ id: 'K1', name: '示例安防工程公司' })];

describe('REG-07-4 installer in art. 7 places', () => {
  it('REG-07-4: installedBy an unrelated unit U2 is refused with article 7.3 and penalty 26', () => {
    const snap = snapshot({ units: [unit(), ...others], cameras: [camera({ installedByUnitId: 'U2' })] });
    const blocks = evaluateCameraAction(snap, 'C1', 'REGISTER', AT);
    expect(blocks).toEqual([
      expect.objectContaining({
        ruleId: 'REG-07-4',
        code: 'E_UNAUTHORIZED_INSTALLER',
        article: '7.3',
        penaltyRef: '26',
        severity: 'BLOCK',
        refusal: 'INVALID',
        gates: ['REGISTER', 'ACTIVATE'],
      }),
    ]);
    expect(blocks[0]!.message.zh).toContain('无关单位');
  });

  it('REG-07-4: contractor K1 with a CONSTRUCTION commission from U1 valid to 2025-12-31, installing 2025-06-01, is accepted', () => {
    const snap = snapshot({ units: [unit(), ...others], commissions: [commission()], cameras: [camera({ installedByUnitId: 'K1', installedAt: '2025-06-01' })] });
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([]);
  });

  it('REG-07-4: the same with installedAt 2026-01-05 is refused as an expired commission', () => {
    const snap = snapshot({ units: [unit(), ...others], commissions: [commission()], cameras: [camera({ installedByUnitId: 'K1', installedAt: '2026-01-05' })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([
      expect.objectContaining({ code: 'E_CONTRACTOR_COMMISSION_EXPIRED', article: '7.3', penaltyRef: '26', details: expect.objectContaining({ commissionIds: ['K1-U1'] }) }),
    ]);
  });

  it('REG-07-4: a commission for maintenance only, or from another principal, does not authorise installation', () => {
    for (const c of [commission({ scope: ['MAINTENANCE'] }), commission({ principalUnitId: 'U2' })]) {
      const snap = snapshot({ units: [unit(), ...others], commissions: [c], cameras: [camera({ installedByUnitId: 'K1' })] });
      expect(codes(evaluateCameraAction(snap, 'C1', 'REGISTER', AT))).toEqual(['E_UNAUTHORIZED_INSTALLER']);
    }
  });

  it('REG-07-4: an unknown installer blocks activation but not registration', () => {
    const snap = snapshot({ cameras: [camera({ installedByUnitId: null })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
    expect(codes(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT))).toEqual(['E_INSTALLER_REQUIRED']);
  });
});

describe('REG-09-1 installer in art. 9 places', () => {
  const a9 = (obligation: ReturnType<typeof site>['securityObligation']) => site({ placeCategory: 'A9_OTHER_PUBLIC', securityObligation: obligation });
  const landlord = unit({ id: 'L1', name: '房东' });
  const lessee = unit({ id: 'T1', name: '承租经营者' });

  it('REG-09-1: an A9 site without a security-obligation basis cannot activate cameras', () => {
    const snap = snapshot({ sites: [a9(null)] });
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([
      expect.objectContaining({ code: 'E_SECURITY_OBLIGATION_BASIS_REQUIRED', article: '9.1', refusal: 'PRECONDITION', gates: ['ACTIVATE'], subject: { type: 'site', id: 'S1' } }),
    ]);
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
  });

  it('REG-09-1: installedBy the landlord while the basis names the lessee as operator is refused under 9.1', () => {
    const snap = snapshot({
      units: [unit(), landlord, lessee],
      sites: [a9({ partyUnitId: 'T1', basis: 'LESSEE', documentRef: '租赁合同 2025-01' })],
      cameras: [camera({ installedByUnitId: 'L1' })],
    });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([
      expect.objectContaining({ ruleId: 'REG-09-1', code: 'E_UNAUTHORIZED_INSTALLER', article: '9.1', penaltyRef: '26', refusal: 'INVALID', gates: ['REGISTER', 'ACTIVATE'] }),
    ]);
  });

  it('REG-09-1: the party with the duty, or its commissioned contractor, may install', () => {
    const sites = [a9({ partyUnitId: 'T1', basis: 'LESSEE', documentRef: '租赁合同 2025-01' })];
    const own = snapshot({ units: [unit(), lessee], sites, cameras: [camera({ installedByUnitId: 'T1' })] });
    expect(evaluateCameraAction(own, 'C1', 'ACTIVATE', AT)).toEqual([]);
    const contractor = snapshot({ units: [unit(), lessee, ...others], sites, commissions: [commission({ principalUnitId: 'T1' })], cameras: [camera({ installedByUnitId: 'K1' })] });
    expect(evaluateCameraAction(contractor, 'C1', 'ACTIVATE', AT)).toEqual([]);
  });

  it('REG-09-1: the art. 7.3 rule does not run on A9 sites', () => {
    const snap = snapshot({ units: [unit(), lessee], sites: [a9({ partyUnitId: 'T1', basis: 'LESSEE', documentRef: 'x' })], cameras: [camera({ installedByUnitId: 'T1' })] });
    expect(ofRule(evaluate(snap, AT), 'REG-07-4')).toEqual([]);
  });
});
