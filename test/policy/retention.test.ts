import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
import { AT, camera, ofRule, site, snapshot } from './fixtures.ts';

const a9 = site({ placeCategory: 'A9_OTHER_PUBLIC', securityObligation: { partyUnitId: 'U1', basis: 'OWNER', documentRef: '不动产权证' } });
const a33 = site({ placeCategory: 'A33_NON_PUBLIC' });

describe('REG-17-1 retention floor', () => {
  it('REG-17-1: A7 retentionDays 29 is refused with article 17 and min 30', () => {
    const snap = snapshot({ cameras: [camera({ retentionDays: 29 })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([
      expect.objectContaining({
        ruleId: 'REG-17-1',
        code: 'E_RETENTION_BELOW_MINIMUM',
        article: '17',
        severity: 'BLOCK',
        refusal: 'INVALID',
        gates: ['REGISTER', 'ACTIVATE'],
        details: { min: 30, retentionDays: 29 },
      }),
    ]);
    expect(evaluateCameraAction(snapshot({ cameras: [camera({ retentionDays: 30 })] }), 'C1', 'REGISTER', AT)).toEqual([]);
  });

  it('REG-17-1: A9 accepts the same change with an ADVISORY finding', () => {
    const snap = snapshot({ sites: [a9], cameras: [camera({ retentionDays: 29 })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([]);
    const [f] = ofRule(evaluate(snap, AT), 'REG-17-1');
    expect(f).toMatchObject({ code: 'E_RETENTION_BELOW_MINIMUM', severity: 'ADVISORY', details: { min: 30, downgradedFrom: 'BLOCK', exemption: '9.2' } });
    expect(f!.gates).toBeUndefined();
    expect(f!.refusal).toBeUndefined();
  });

  it('REG-17-1: A33 accepts it with no finding', () => {
    const snap = snapshot({ sites: [a33], cameras: [camera({ retentionDays: 29 })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([]);
    expect(ofRule(evaluate(snap, AT), 'REG-17-1')).toEqual([]);
  });
});

describe('REG-33-1 the A33 rule set', () => {
  it('REG-33-1: an A33 camera with retentionDays 3 gives no finding', () => {
    expect(evaluate(snapshot({ sites: [a33], cameras: [camera({ retentionDays: 3 })] }), AT)).toEqual([]);
  });

  it('REG-33-1: no signage, necessity, placement or filing rules run on A33 sites', () => {
    const bare = camera({ retentionDays: 3, necessity: '', headingDeg: null, installedByUnitId: 'U9', confidentialProximity: 'CONFIDENTIAL_UNIT_VICINITY' });
    const snap = snapshot({ sites: [{ ...a33, adminDivisionCode: '3301', putIntoUseDate: '2025-04-10' }], cameras: [bare], signs: [] });
    expect(evaluate(snap, AT)).toEqual([]);
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([]);
  });
});
