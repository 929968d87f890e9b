import { describe, expect, it } from 'vitest';
import { penaltyExposure, tamperIncidentExposure, type Finding } from '../../src/policy/index.ts';
import { site, unit } from './fixtures.ts';

const msg = { zh: '测试', en: 'test' };
const units = [unit({ id: 'U1', responsiblePersons: 2 })];
const sites = [site({ id: 'S1', unitId: 'U1' }), site({ id: 'S2', unitId: 'U1' })];

function f(code: string, severity: Finding['severity'], subject: Finding['subject'], extra: Partial<Finding> = {}): Finding {
  return { ruleId: 'REG-X', code, article: '0', severity, message: msg, subject, ...extra };
}

describe('penalty exposure', () => {
  it('REG-26-1: U1 with 2 persons: prohibited zone on S1, filing overdue and signage missing on S2', () => {
    const report = penaltyExposure(
      [
        f('E_PROHIBITED_ZONE', 'BLOCK', { type: 'camera', id: 'C1', siteId: 'S1' }, { penaltyRef: '27.1' }),
        f('FILING_OVERDUE', 'NONCOMPLIANT', { type: 'site', id: 'S2' }, { ruleId: 'REG-14-3', penaltyRef: '29' }),
        f('SIGNAGE_MISSING', 'NONCOMPLIANT', { type: 'camera', id: 'C7', siteId: 'S2' }, { penaltyRef: '13' }),
      ],
      units,
      sites,
    );
    const [a, b, c] = report.rows;
    expect(a).toMatchObject({ penaltyRef: '27.1', trigger: 'IMMEDIATE', unit: { min: 10000, max: 20000 }, persons: 2, personsTotal: { min: 10000, max: 20000 }, maxExposure: 40000 });
    expect(a!.flags).toMatchObject({ confiscation: true, deleteFootage: true, publicSecurityAdminPenaltyPossible: true, criminalPossible: true, orderToCorrectOnly: false });
    expect(b).toMatchObject({ penaltyRef: '29', trigger: 'ON_REFUSAL', unit: { max: 10000 }, perPerson: null, personsTotal: null, maxExposure: 10000 });
    expect(b!.unit!.min).toBeUndefined();
    expect(c).toMatchObject({ penaltyRef: '13', trigger: null, maxExposure: 0, flags: expect.objectContaining({ orderToCorrectOnly: true }) });
    expect(report.totals).toMatchObject({ immediateMax: 40000, conditionalMax: 10000, orderToCorrectOnly: 1, findings: 3 });
    expect(report.bySite).toEqual([
      { siteId: 'S1', unitId: 'U1', immediateMax: 40000, conditionalMax: 0, orderToCorrectOnly: 0, findings: 1 },
      { siteId: 'S2', unitId: 'U1', immediateMax: 0, conditionalMax: 10000, orderToCorrectOnly: 1, findings: 2 },
    ]);
    expect(report.byUnit).toEqual([{ unitId: 'U1', immediateMax: 40000, conditionalMax: 10000, orderToCorrectOnly: 1, findings: 3 }]);
    expect(JSON.stringify(report)).not.toMatch(/recommend/i);
  });

  it('REG-26-1: the unauthorised installer maps to art. 26, ON_REFUSAL, unit ≤20,000 and persons ≤5,000 each', () => {
    const [row] = penaltyExposure([f('E_UNAUTHORIZED_INSTALLER', 'BLOCK', { type: 'camera', id: 'C1', siteId: 'S1' }, { penaltyRef: '26' })], units, sites).rows;
    expect(row).toMatchObject({ penaltyRef: '26', trigger: 'ON_REFUSAL', unit: { max: 20000 }, individual: { max: 5000 }, personsTotal: { max: 10000 }, maxExposure: 30000 });
    expect(row!.flags).toMatchObject({ confiscation: true, deleteFootage: true });
  });

  it('REG-26-1: advisories and infos carry no exposure; unmapped open findings are listed', () => {
    const report = penaltyExposure(
      [
        f('E_RETENTION_BELOW_MINIMUM', 'ADVISORY', { type: 'camera', id: 'C1', siteId: 'S1' }),
        f('MASKED_PRIVACY_VIEW', 'INFO', { type: 'camera', id: 'C1', siteId: 'S1' }),
        f('E_NECESSITY_REQUIRED', 'BLOCK', { type: 'camera', id: 'C1', siteId: 'S1' }),
      ],
      units,
      sites,
    );
    expect(report.rows).toEqual([]);
    expect(report.unmapped.map((u) => u.code)).toEqual(['E_NECESSITY_REQUIRED']);
  });

  it('REG-26-1: two findings on one camera under the same article count once in the totals', () => {
    const subject = { type: 'camera' as const, id: 'C1', siteId: 'S1' };
    const report = penaltyExposure([f('E_PROHIBITED_ZONE', 'BLOCK', subject), f('E_FOV_INTO_PROHIBITED_ZONE', 'BLOCK', subject)], units, sites);
    expect(report.rows.map((r) => r.countedInTotals)).toEqual([true, false]);
    expect(report.totals.immediateMax).toBe(40000);
  });

  it('REG-26-1: an individual violator gets the individual range and no persons line', () => {
    const report = penaltyExposure([f('E_PROHIBITED_ZONE', 'BLOCK', { type: 'camera', id: 'C1', siteId: 'S1' })], [unit({ id: 'U1', unitType: 'INDIVIDUAL', uscc: null, responsiblePersons: 3 })], sites);
    expect(report.rows[0]).toMatchObject({ persons: 0, personsTotal: null, maxExposure: 10000 });
  });

  it('REG-27-1: a serious-consequences flag turns an art. 27.2 finding immediate', () => {
    const subject = { type: 'site' as const, id: 'S1' };
    const [plain] = penaltyExposure([f('INSPECTION_OVERDUE', 'NONCOMPLIANT', subject)], units, sites).rows;
    expect(plain).toMatchObject({ penaltyRef: '27.2', trigger: 'ON_REFUSAL_OR_SERIOUS', flags: expect.objectContaining({ licenceActionPossible: true }) });
    const [serious] = penaltyExposure([f('INSPECTION_OVERDUE', 'NONCOMPLIANT', subject, { details: { seriousConsequences: true } })], units, sites).rows;
    expect(serious!.trigger).toBe('IMMEDIATE');
  });

  it('REG-28-1: consent findings give an immediate art. 28 row with the state-secret flag', () => {
    for (const code of ['CONSENT_NOT_PRIOR', 'E_CONSENT_NOT_PRIOR', 'E_CONFIDENTIAL_CONSENT_REQUIRED']) {
      const [row] = penaltyExposure([f(code, 'BLOCK', { type: 'camera', id: 'C1', siteId: 'S1' })], units, sites).rows;
      expect(row).toMatchObject({
        penaltyRef: '28',
        trigger: 'IMMEDIATE',
        unit: { min: 10000, max: 20000 },
        individual: { min: 5000, max: 10000 },
        perPerson: { min: 5000, max: 10000 },
        flags: expect.objectContaining({ stateSecretLawsPossible: true, confiscation: true, deleteFootage: true }),
      });
    }
  });

  it('REG-29-1: FILING_OVERDUE is ON_REFUSAL with max 10,000 for the violator and no responsible-person line', () => {
    const [row] = penaltyExposure([f('FILING_OVERDUE', 'NONCOMPLIANT', { type: 'site', id: 'S1' })], units, sites).rows;
    expect(row).toMatchObject({ penaltyRef: '29', trigger: 'ON_REFUSAL', unit: { max: 10000 }, individual: { max: 10000 }, perPerson: null, persons: 0, personsTotal: null });
    const [change] = penaltyExposure([f('CHANGE_FILING_REQUIRED', 'NONCOMPLIANT', { type: 'site', id: 'S1' }, { ruleId: 'REG-14-4' })], units, sites).rows;
    expect(change!.penaltyRef).toBe('29');
  });

  it('REG-30-1: a confirmed third-party tamper by a UNIT gives 5,000–10,000, ON_REFUSAL_OR_SERIOUS', () => {
    const unitCase = tamperIncidentExposure({ perpetratorType: 'UNIT', responsiblePersons: 1 });
    expect(unitCase).toMatchObject({ penaltyRef: '30', trigger: 'ON_REFUSAL_OR_SERIOUS', perpetrator: { min: 5000, max: 10000 }, perPerson: { max: 5000 }, personsTotal: { max: 5000 } });
    expect(unitCase.flags.warning).toBe(true);
    expect(tamperIncidentExposure({ perpetratorType: 'INDIVIDUAL' })).toMatchObject({ perpetrator: { max: 5000 }, perPerson: null });
  });
});
