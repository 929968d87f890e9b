import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCameraAction, matrixAt } from '../../src/policy/index.ts';
import { a9ExemptArticles, articleWithin } from '../../src/policy/cn-order-799/applicability.ts';
import type { PlaceCategory } from '../../src/registry/enums.ts';
import type { Finding } from '../../src/policy/types.ts';
import { AT, camera, ofRule, site, snapshot, zone } from './fixtures.ts';

const ruleSeverity = (findings: Finding[], ruleId: string) => ofRule(findings, ruleId).map((f) => f.severity);

function regTable(category: PlaceCategory, cameraOverrides = {}) {
  return snapshot({
    sites: [
      site({
        placeCategory: category,
        putIntoUseDate: '2025-04-10',
        securityObligation: category === 'A9_OTHER_PUBLIC' ? { partyUnitId: 'U1', basis: 'OPERATOR', documentRef: '经营许可' } : null,
      }),
    ],
    zones: [zone()],
    cameras: [camera({ position: { x: 5, y: 5 }, retentionDays: 7, ...cameraOverrides })],
  });
}

describe('REG-09-2 rule-set selection by place category', () => {
  /**
   * The corrected table of REG-09-2 (evaluated at 2025-06-01, put into use 2025-04-10, no filing,
   * retentionDays 7, no acceptance archive, camera inside a toilet). REG-16-2 comes from the personnel
   * records (unit findings, test/access), not from this engine.
   */
  const TABLE: [PlaceCategory, [string, string][]][] = [
    ['A7_2_1_GATHERING', [['REG-08-2', 'BLOCK'], ['REG-11-1', 'NONCOMPLIANT'], ['REG-14-3', 'NONCOMPLIANT'], ['REG-17-1', 'BLOCK']]],
    ['A9_OTHER_PUBLIC', [['REG-08-2', 'BLOCK'], ['REG-09-2', 'INFO'], ['REG-11-1', 'ADVISORY'], ['REG-17-1', 'ADVISORY']]],
  ];
  const TABLE_RULES = new Set(['REG-08-2', 'REG-09-2', 'REG-11-1', 'REG-14-3', 'REG-14-4', 'REG-14-5', 'REG-17-1']);

  it.each(TABLE)('REG-09-2: table row %s', (category, expected) => {
    const findings = evaluate(regTable(category), AT);
    const rows = findings.filter((f) => TABLE_RULES.has(f.ruleId)).map((f) => [f.ruleId, f.severity]);
    expect(rows.sort()).toEqual([...expected].sort());
  });

  it('REG-09-2: A7 row: filing overdue since 2025-05-12 with the art. 29 reference', () => {
    const overdue = ofRule(evaluate(regTable('A7_2_1_GATHERING'), AT), 'REG-14-3');
    expect(overdue).toEqual([expect.objectContaining({ code: 'FILING_OVERDUE', penaltyRef: '29', details: expect.objectContaining({ dueDate: '2025-05-12' }) as unknown })]);
  });

  it('REG-09-2: A9 row: no REG-14 finding at all, no due date, no "overdue", no art. 29; one INFO that filing is not required', () => {
    const findings = evaluate(regTable('A9_OTHER_PUBLIC'), AT);
    expect(findings.filter((f) => f.ruleId.startsWith('REG-14-'))).toEqual([]);
    expect(findings.filter((f) => f.penaltyRef === '29' || f.code === 'FILING_OVERDUE' || f.details?.dueDate !== undefined)).toEqual([]);
    const info = findings.filter((f) => f.code === 'FILING_NOT_REQUIRED');
    expect(info).toEqual([expect.objectContaining({ ruleId: 'REG-09-2', severity: 'INFO', article: '9.2' })]);
    expect(info[0]!.message.zh).toContain('第九条第二款');
    expect(info[0]!.message.en).toContain('art. 9.2');
  });

  it('REG-09-2: moved to (15,5) heading 0°, A9 has no BLOCK findings and A7 still blocks activation on REG-17-1', () => {
    const moved = { position: { x: 15, y: 5 }, headingDeg: 0 };
    expect(evaluate(regTable('A9_OTHER_PUBLIC', moved), AT).filter((f) => f.severity === 'BLOCK')).toEqual([]);
    const a7 = evaluateCameraAction(regTable('A7_2_1_GATHERING', moved), 'C1', 'ACTIVATE', AT);
    expect(a7.map((f) => f.ruleId)).toEqual(['REG-17-1']);
  });

  it('REG-09-2: the A9 exemption set is {11, 14, 15, 16.2, 17}, read from the matrix data', () => {
    const matrix = matrixAt(AT)!;
    expect(a9ExemptArticles(matrix)).toEqual(['11', '14', '15', '16.2', '17']);
    expect(matrix.effectiveFrom).toBe('2025-04-01T00:00:00+08:00');
    expect(articleWithin('16.2(3)', ['16.2'])).toBe(true);
    expect(articleWithin('16.1', ['16.2'])).toBe(false);
    expect(articleWithin('14', ['14'])).toBe(true);
    expect(articleWithin('13', ['1', '3'])).toBe(false);
  });

  it('REG-09-2: art. 13 stays mandatory on A9 (signage is not downgraded)', () => {
    const snap = snapshot({
      sites: [site({ placeCategory: 'A9_OTHER_PUBLIC', securityObligation: { partyUnitId: 'U1', basis: 'OWNER', documentRef: '产权证' } })],
      signs: [],
    });
    expect(ruleSeverity(evaluate(snap, AT), 'REG-13-5')).toEqual(['BLOCK']);
  });
});

describe('REG-33-2 others’ rights in non-public places', () => {
  const a33 = (cam = {}) =>
    snapshot({
      sites: [site({ placeCategory: 'A33_NON_PUBLIC' })],
      zones: [zone({ zoneType: 'Z8_2_STAFF_LODGING_REST', name: '员工休息室' })],
      cameras: [camera({ headingDeg: 180, ...cam })],
    });

  it('REG-33-2: an A33 camera whose coverage reaches into a staff rest room gives ADVISORY A33_PRIVACY_RISK', () => {
    const findings = evaluate(a33({ privacyAttestation: '已取得相关人员书面同意' }), AT);
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'REG-33-2', code: 'A33_PRIVACY_RISK', article: '33', severity: 'ADVISORY', details: { zoneId: 'Z1', zoneType: 'Z8_2_STAFF_LODGING_REST', via: 'opening', attestationRequired: true } }),
    ]);
    expect(findings[0]!.message.zh).toContain('员工宿舍或休息室');
  });

  it('REG-33-2: without a written attestation, activation is refused with E_ATTESTATION_REQUIRED', () => {
    const blocks = evaluateCameraAction(a33(), 'C1', 'ACTIVATE', AT);
    expect(blocks.map((f) => [f.ruleId, f.code, f.refusal])).toEqual([['REG-33-2', 'E_ATTESTATION_REQUIRED', 'PRECONDITION']]);
    expect(evaluateCameraAction(a33(), 'C1', 'REGISTER', AT)).toEqual([]);
    expect(evaluateCameraAction(a33({ privacyAttestation: '已取得相关人员书面同意' }), 'C1', 'ACTIVATE', AT)).toEqual([]);
  });

  it('REG-33-2: a camera inside the zone is an advisory too; looking away gives nothing', () => {
    const inside = evaluate(a33({ position: { x: 5, y: 5 }, privacyAttestation: '已告知' }), AT);
    expect(inside.map((f) => [f.code, f.details?.mounted])).toEqual([['A33_PRIVACY_RISK', true]]);
    expect(evaluate(a33({ headingDeg: 0 }), AT)).toEqual([]);
  });
});

describe('REG-34-1 commencement', () => {
  it('REG-34-1: evaluate at 2025-03-31T23:59:59+08 returns no findings from this pack', () => {
    const snap = regTable('A7_2_1_GATHERING');
    expect(evaluate(snap, new Date('2025-03-31T23:59:59+08:00'))).toEqual([]);
    expect(evaluateCameraAction(snap, 'C1', 'ACTIVATE', new Date('2025-03-31T23:59:59+08:00'))).toEqual([]);
    expect(matrixAt(new Date('2025-03-31T23:59:59+08:00'))).toBeNull();
  });

  it('REG-34-1: at 2025-04-01T00:00:00+08 the pack applies', () => {
    const findings = evaluate(regTable('A7_2_1_GATHERING'), new Date('2025-04-01T00:00:00+08:00'));
    expect(ruleSeverity(findings, 'REG-08-2')).toEqual(['BLOCK']);
  });
});
