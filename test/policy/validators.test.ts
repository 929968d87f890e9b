import { describe, expect, it } from 'vitest';
import { evaluate, validateAdminDivisionCode, validateSiteUnit, validateUscc } from '../../src/policy/index.ts';
import { usccCheckCharacter } from '../../src/policy/cn-order-799/uscc.ts';
import { AT, ofRule, site, snapshot, unit } from './fixtures.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('REG-05-1 administrative division code', () => {
  it('REG-05-1: "3301" is not six digits', () => {
    expect(validateAdminDivisionCode('3301')).toBe('E_ADMIN_DIVISION_FORMAT');
    expect(validateAdminDivisionCode('33010a')).toBe('E_ADMIN_DIVISION_FORMAT');
    expect(validateAdminDivisionCode(null)).toBe('E_ADMIN_DIVISION_FORMAT');
  });

  it('REG-05-1: "330100" is prefecture level and refused', () => {
    expect(validateAdminDivisionCode('330100')).toBe('E_COUNTY_LEVEL_CODE_REQUIRED');
  });

  it('REG-05-1: "330106" is a county-level code', () => {
    expect(validateAdminDivisionCode('330106')).toBeNull();
  });

  it('REG-05-1: a site with a prefecture code blocks filing submission', () => {
    const [f] = ofRule(evaluate(snapshot({ sites: [site({ adminDivisionCode: '330100' })] }), AT), 'REG-05-1');
    expect(f).toMatchObject({ code: 'E_COUNTY_LEVEL_CODE_REQUIRED', severity: 'BLOCK', gates: ['SUBMIT_FILING'], subject: { type: 'site', id: 'S1' } });
  });
});

describe('REG-07-2 management unit identity', () => {
  it('REG-07-2: 91330106MA2AB3C472 is valid and 91330106MA2AB3C473 fails the check character', () => {
    expect(validateUscc('91330106MA2AB3C472')).toBeNull();
    expect(validateUscc('91330106MA2AB3C473')).toBe('E_USCC_CHECKSUM');
  });

  it('REG-07-2: malformed codes are a format error', () => {
    for (const bad of ['', '91330106MA2AB3C47', '91330106MA2AB3C4721', '91330106ma2ab3c472', '9133010IMA2AB3C472', '91330106MA2AB3CI72', null]) {
      expect(validateUscc(bad)).toBe('E_USCC_FORMAT');
    }
  });

  it('REG-07-2: for random bodies, exactly one check character validates (property loop)', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 200; i++) {
      let body = CHARSET[next(31)]! + CHARSET[next(31)]!;
      for (let k = 0; k < 6; k++) body += String(next(10));
      for (let k = 0; k < 9; k++) body += CHARSET[next(31)]!;
      const valid = [...CHARSET].filter((c) => validateUscc(body + c) === null);
      expect(valid).toEqual([usccCheckCharacter(body)]);
    }
  });

  it('REG-07-2: an A7_1_GOV_INFRA site whose unit is an ENTERPRISE is refused', () => {
    expect(validateSiteUnit({ placeCategory: 'A7_1_GOV_INFRA' }, { unitType: 'ENTERPRISE' })).toBe('E_A7_1_REQUIRES_GOV_DEPT');
    expect(validateSiteUnit({ placeCategory: 'A7_1_GOV_INFRA' }, { unitType: 'GOV_DEPT' })).toBeNull();
    expect(validateSiteUnit({ placeCategory: 'A7_2_1_GATHERING' }, { unitType: 'ENTERPRISE' })).toBeNull();
    const findings = ofRule(evaluate(snapshot({ sites: [site({ placeCategory: 'A7_1_GOV_INFRA' })] }), AT), 'REG-07-2');
    expect(findings).toEqual([
      expect.objectContaining({ code: 'E_A7_1_REQUIRES_GOV_DEPT', article: '7.1', severity: 'BLOCK', refusal: 'INVALID', subject: { type: 'site', id: 'S1' } }),
    ]);
  });

  it('REG-07-2: an A7 unit with a bad USCC gets one finding; the same unit on an A9 site gets none', () => {
    const bad = unit({ uscc: '91330106MA2AB3C473' });
    const a7 = ofRule(evaluate(snapshot({ units: [bad] }), AT), 'REG-07-2');
    expect(a7).toEqual([expect.objectContaining({ code: 'E_USCC_CHECKSUM', article: '7.3', subject: { type: 'unit', id: 'U1' } })]);
    const a9 = ofRule(evaluate(snapshot({ units: [bad], sites: [site({ placeCategory: 'A9_OTHER_PUBLIC' })] }), AT), 'REG-07-2');
    expect(a9).toEqual([]);
  });
});
