import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
import { AT, camera, codes, ofRule, sign, site, snapshot } from './fixtures.ts';

describe('REG-07-3 necessity statement', () => {
  it('REG-07-3: activation with necessity "" is refused with article 7.3', () => {
    const blocks = evaluateCameraAction(snapshot({ cameras: [camera({ necessity: '' })] }), 'C1', 'ACTIVATE', AT);
    expect(blocks).toEqual([
      expect.objectContaining({ ruleId: 'REG-07-3', code: 'E_NECESSITY_REQUIRED', article: '7.3', refusal: 'PRECONDITION', gates: ['ACTIVATE'], details: { missing: ['necessity'], minChars: 20 } }),
    ]);
  });

  it('REG-07-3: a valid statement and area tag let the camera activate; registration is never refused for it', () => {
    expect(evaluateCameraAction(snapshot(), 'C1', 'ACTIVATE', AT)).toEqual([]);
    expect(evaluateCameraAction(snapshot({ cameras: [camera({ necessity: '' })] }), 'C1', 'REGISTER', AT)).toEqual([]);
  });

  it('REG-07-3: 19 characters are not enough, 20 are (counted as characters, not bytes)', () => {
    const of = (n: number) => evaluateCameraAction(snapshot({ cameras: [camera({ necessity: '安'.repeat(n) })] }), 'C1', 'ACTIVATE', AT);
    expect(codes(of(19))).toEqual(['E_NECESSITY_REQUIRED']);
    expect(of(20)).toEqual([]);
  });

  it('REG-07-3: an A9 camera cites art. 9.1', () => {
    const snap = snapshot({
      sites: [site({ placeCategory: 'A9_OTHER_PUBLIC', securityObligation: { partyUnitId: 'U1', basis: 'OWNER', documentRef: '产权证' } })],
      cameras: [camera({ necessity: '', publicSecurityArea: null, tiltDeg: 0 })],
    });
    expect(ofRule(evaluate(snap, AT), 'REG-07-3')[0]).toMatchObject({ article: '9.1', severity: 'BLOCK', details: { missing: ['necessity', 'publicSecurityArea'] } });
  });
});

describe('REG-13-1 placement record', () => {
  it('REG-13-1: activation with headingDeg missing is refused listing it', () => {
    expect(evaluateCameraAction(snapshot({ cameras: [camera({ headingDeg: null })] }), 'C1', 'ACTIVATE', AT)).toEqual([
      expect.objectContaining({ ruleId: 'REG-13-1', code: 'E_PLACEMENT_INCOMPLETE', article: '13', refusal: 'PRECONDITION', details: { missing: ['headingDeg'] } }),
    ]);
  });

  it('REG-13-1: every missing field is listed in order', () => {
    const bare = camera({ position: null, mountHeightM: null, headingDeg: null, tiltDeg: null, hfovDeg: null, rangeM: null, placementRationale: ' ' });
    const [f] = ofRule(evaluate(snapshot({ cameras: [bare] }), AT), 'REG-13-1');
    expect(f!.details).toEqual({ missing: ['position', 'mountHeightM', 'headingDeg', 'tiltDeg', 'hfovDeg', 'rangeM', 'placementRationale'] });
  });
});

describe('REG-13-5 signage', () => {
  it('REG-13-5: activating C1 with no sign is refused', () => {
    expect(evaluateCameraAction(snapshot({ signs: [] }), 'C1', 'ACTIVATE', AT)).toEqual([
      expect.objectContaining({ ruleId: 'REG-13-5', code: 'E_SIGNAGE_MISSING', article: '13', severity: 'BLOCK', refusal: 'PRECONDITION', gates: ['ACTIVATE'] }),
    ]);
  });

  it('REG-13-5: a linked sign without a photo is not evidence', () => {
    const blocks = evaluateCameraAction(snapshot({ signs: [sign({ photoRef: null })] }), 'C1', 'ACTIVATE', AT);
    expect(blocks).toEqual([expect.objectContaining({ code: 'E_SIGN_EVIDENCE_REQUIRED', details: { signIds: ['SG1'] } })]);
  });

  it('REG-13-5: with a photo, activation succeeds; an inactive or unlinked sign does not count', () => {
    expect(evaluateCameraAction(snapshot(), 'C1', 'ACTIVATE', AT)).toEqual([]);
    expect(codes(evaluateCameraAction(snapshot({ signs: [sign({ active: false })] }), 'C1', 'ACTIVATE', AT))).toEqual(['E_SIGNAGE_MISSING']);
    expect(codes(evaluateCameraAction(snapshot({ signs: [sign({ cameraIds: ['C9'] })] }), 'C1', 'ACTIVATE', AT))).toEqual(['E_SIGNAGE_MISSING']);
  });

  it('REG-13-5: an override activation is allowed and leaves a NONCOMPLIANT SIGNAGE_MISSING open with penaltyRef 13', () => {
    const overridden = camera({ signageOverrideReason: '标识制作中,三日内安装' });
    expect(evaluateCameraAction(snapshot({ signs: [], cameras: [overridden] }), 'C1', 'ACTIVATE', AT)).toEqual([]);
    const active = snapshot({ signs: [], cameras: [{ ...overridden, status: 'ACTIVE', activatedAt: '2025-05-31T02:00:00Z' }] });
    expect(ofRule(evaluate(active, AT), 'REG-13-5')).toEqual([
      expect.objectContaining({ code: 'SIGNAGE_MISSING', severity: 'NONCOMPLIANT', penaltyRef: '13', details: { overrideReason: '标识制作中,三日内安装' } }),
    ]);
  });

  it('REG-13-5: an override reason on a camera not yet active raises nothing until it is activated', () => {
    const snap = snapshot({ signs: [], cameras: [camera({ signageOverrideReason: '标识制作中' })] });
    expect(ofRule(evaluate(snap, AT), 'REG-13-5')).toEqual([]);
    expect(codes(ofRule(evaluate(snap, AT, { assume: { cameraId: 'C1', status: 'ACTIVE' } }), 'REG-13-5'))).toEqual(['SIGNAGE_MISSING']);
  });

  it('REG-13-5: an inactive camera without a sign shows in evaluate() as a BLOCK on activation', () => {
    const [f] = ofRule(evaluate(snapshot({ signs: [] }), AT), 'REG-13-5');
    expect(f).toMatchObject({ code: 'E_SIGNAGE_MISSING', severity: 'BLOCK', gates: ['ACTIVATE'], subject: { type: 'camera', id: 'C1', siteId: 'S1' } });
  });
});
