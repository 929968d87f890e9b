import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction } from '../../src/policy/index.ts';
import { NotFoundError } from '../../src/shared/errors.ts';
import { AT, camera, codes, notFiling, ofRule, sign, site, snapshot, unit, zone } from './fixtures.ts';

describe('evaluate', () => {
  it('a valid A7 site with a fully registered camera has no findings of its own', () => {
    expect(notFiling(evaluate(snapshot(), AT))).toEqual([]);
  });

  it('is deterministic: shuffled input gives the same, sorted output', () => {
    const cams = [
      camera({ id: 'C1', position: { x: 5, y: 5 } }),
      camera({ id: 'C2', headingDeg: 180, retentionDays: 7 }),
      camera({ id: 'C3', necessity: '', headingDeg: null }),
    ];
    const signs = [sign({ cameraIds: ['C1', 'C2', 'C3'] })];
    const a = evaluate(snapshot({ zones: [zone()], cameras: cams, signs }), AT);
    const b = evaluate(snapshot({ zones: [zone()], cameras: [...cams].reverse(), signs }), AT);
    expect(b).toEqual(a);
    const ranks = a.map((f) => ['BLOCK', 'NONCOMPLIANT', 'ADVISORY', 'INFO'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(notFiling(a).map((f) => `${f.ruleId} ${f.subject.id} ${f.code}`)).toEqual([
      'REG-07-3 C3 E_NECESSITY_REQUIRED',
      'REG-08-2 C1 E_PROHIBITED_ZONE',
      'REG-08-3 C2 E_FOV_INTO_PROHIBITED_ZONE',
      'REG-13-1 C3 E_PLACEMENT_INCOMPLETE',
      'REG-17-1 C2 E_RETENTION_BELOW_MINIMUM',
    ]);
  });

  it('skips deactivated cameras and inactive sites', () => {
    expect(ofRule(evaluate(snapshot({ cameras: [camera({ retentionDays: 7, status: 'DEACTIVATED' })] }), AT), 'REG-17-1')).toEqual([]);
    expect(ofRule(evaluate(snapshot({ sites: [site({ active: false })], cameras: [camera({ retentionDays: 7 })] }), AT), 'REG-17-1')).toEqual([]);
  });

  it('a camera whose site is missing is skipped, not a crash', () => {
    expect(notFiling(evaluate(snapshot({ cameras: [camera({ siteId: 'S404' })] }), AT))).toEqual([]);
  });

  it('every finding is bilingual and carries a REG ID and an article', () => {
    const snap = snapshot({
      units: [unit({ uscc: 'bad' })],
      sites: [site({ adminDivisionCode: '330100' })],
      zones: [zone()],
      cameras: [camera({ headingDeg: 180, retentionDays: 7, audioEnabled: true, confidentialProximity: 'MILITARY_RESTRICTED_ZONE', installedByUnitId: 'U2', necessity: '' })],
      signs: [],
    });
    const findings = evaluate(snap, AT);
    expect(findings.length).toBeGreaterThanOrEqual(9);
    for (const f of findings) {
      expect(f.ruleId).toMatch(/^REG-\d{2}-\d+$/);
      expect(f.article.length).toBeGreaterThan(0);
      expect(f.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message.en).toMatch(/[a-z]/);
      if (f.severity === 'BLOCK') expect(f.gates?.length).toBeGreaterThan(0);
    }
  });
});

describe('evaluateCameraAction', () => {
  it('throws NotFound for an unknown camera', () => {
    expect(() => evaluateCameraAction(snapshot(), 'C404', 'ACTIVATE', AT)).toThrow(NotFoundError);
  });

  it('evaluates a deactivated camera being re-activated', () => {
    const snap = snapshot({ cameras: [camera({ status: 'DEACTIVATED', retentionDays: 7 })] });
    expect(codes(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT))).toEqual(['E_RETENTION_BELOW_MINIMUM']);
  });

  it('evaluates the camera even when its site is inactive', () => {
    const snap = snapshot({ sites: [site({ active: false })], cameras: [camera({ retentionDays: 7 })] });
    expect(codes(evaluateCameraAction(snap, 'C1', 'REGISTER', AT))).toEqual(['E_RETENTION_BELOW_MINIMUM']);
  });

  it('includes BLOCKs on the camera’s site that carry the gate, not those of other cameras or other gates', () => {
    const snap = snapshot({
      sites: [site({ placeCategory: 'A7_1_GOV_INFRA', adminDivisionCode: '330100' })],
      cameras: [camera(), camera({ id: 'C2', retentionDays: 7 })],
    });
    expect(codes(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT))).toEqual(['E_A7_1_REQUIRES_GOV_DEPT']);
    expect(codes(evaluateCameraAction(snap, 'C1', 'REGISTER', AT))).toEqual([]);
  });

  it('puts INVALID refusals before PRECONDITION ones', () => {
    const snap = snapshot({ cameras: [camera({ necessity: '', retentionDays: 7 })], signs: [] });
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', AT).map((f) => f.refusal)).toEqual(['INVALID', 'PRECONDITION', 'PRECONDITION']);
  });
});
