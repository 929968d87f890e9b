import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
import { AT, camera, codes, consent, ofRule, snapshot } from './fixtures.ts';

const near = camera({ confidentialProximity: 'MILITARY_MANAGEMENT_ZONE' });

describe('REG-10-1 consent gate', () => {
  it('REG-10-1: MILITARY_MANAGEMENT_ZONE without consent cannot be activated (article 10, penalty 28)', () => {
    expect(evaluateCameraAction(snapshot({ cameras: [near] }), 'C1', 'ACTIVATE', AT)).toEqual([
      expect.objectContaining({ ruleId: 'REG-10-1', code: 'E_CONFIDENTIAL_CONSENT_REQUIRED', article: '10', penaltyRef: '28', refusal: 'PRECONDITION', gates: ['ACTIVATE'] }),
    ]);
  });

  it('REG-10-1: after adding a consent that covers C1, activation succeeds', () => {
    expect(evaluateCameraAction(snapshot({ cameras: [near], consents: [consent()] }), 'C1', 'ACTIVATE', AT)).toEqual([]);
  });

  it('REG-10-1: a consent that does not list C1, or an inactive one, does not cover it', () => {
    const other = consent({ placements: [{ ...consent().placements[0]!, cameraId: 'C2' }] });
    expect(codes(evaluateCameraAction(snapshot({ cameras: [near], consents: [other] }), 'C1', 'ACTIVATE', AT))).toEqual(['E_CONFIDENTIAL_CONSENT_REQUIRED']);
    expect(codes(evaluateCameraAction(snapshot({ cameras: [near], consents: [consent({ active: false })] }), 'C1', 'ACTIVATE', AT))).toEqual(['E_CONFIDENTIAL_CONSENT_REQUIRED']);
  });

  it('REG-10-1: then changing the heading by 30° raises CONSENT_SCOPE_INVALIDATED', () => {
    const turned = { ...near, headingDeg: 30, status: 'ACTIVE' as const };
    const [f] = ofRule(evaluate(snapshot({ cameras: [turned], consents: [consent()] }), AT), 'REG-10-1');
    expect(f).toMatchObject({ code: 'CONSENT_SCOPE_INVALIDATED', severity: 'BLOCK', penaltyRef: '28', details: { consentId: 'CS1', changed: ['headingDeg'] } });
  });

  it('REG-10-1: each consented placement field counts; a heading of 360 equals 0', () => {
    const cases: [Partial<typeof near>, string[]][] = [
      [{ position: { x: 15, y: 6 } }, ['position']],
      [{ hfovDeg: 100 }, ['hfovDeg']],
      [{ rangeM: 25 }, ['rangeM']],
      [{ ptz: { panMinDeg: 0, panMaxDeg: 90, maxRangeM: 20, presets: [] } }, ['ptz']],
      [{ headingDeg: 360 }, []],
    ];
    for (const [change, changed] of cases) {
      const found = ofRule(evaluate(snapshot({ cameras: [{ ...near, ...change }], consents: [consent()] }), AT), 'REG-10-1');
      expect(found.map((f) => f.details?.changed)).toEqual(changed.length ? [changed] : []);
    }
  });
});

describe('REG-10-2 consent must be prior', () => {
  it('REG-10-2: installedAt 2025-06-01 with consent dated 2025-06-03 is refused', () => {
    const snap = snapshot({ cameras: [{ ...near, installedAt: '2025-06-01' }], consents: [consent({ consentDate: '2025-06-03' })] });
    expect(evaluateCameraAction(snap, 'C1', 'REGISTER', AT)).toEqual([
      expect.objectContaining({ ruleId: 'REG-10-2', code: 'E_CONSENT_NOT_PRIOR', article: '10', penaltyRef: '28', refusal: 'INVALID', details: expect.objectContaining({ consentDate: '2025-06-03' }) }),
    ]);
  });

  it('REG-10-2: a consent on the installation day counts as prior', () => {
    const snap = snapshot({ cameras: [{ ...near, installedAt: '2025-06-01' }], consents: [consent({ consentDate: '2025-06-01' })] });
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT)).toEqual([]);
  });

  it('REG-10-2: without confidentialProximity no consent is needed', () => {
    expect(ofRule(evaluate(snapshot(), AT), 'REG-10-1')).toEqual([]);
  });
});
