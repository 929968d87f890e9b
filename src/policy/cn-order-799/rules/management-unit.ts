/** REG-07-2: the management unit of an art. 7 place: a valid USCC; a government department for 7.1 places. */
import type { SiteRecord, UnitRecord } from '../../../registry/model.ts';
import type { Finding } from '../../types.ts';
import { block } from '../finding.ts';
import { validateUscc, type UsccError } from '../uscc.ts';
import type { Rule } from './rule.ts';

/** A USCC is required of every unit except an individual, who may have none. */
export function validateUnitUscc(unit: Pick<UnitRecord, 'unitType' | 'uscc'>): UsccError | null {
  if (unit.uscc === null && unit.unitType === 'INDIVIDUAL') return null;
  return validateUscc(unit.uscc);
}

export function validateSiteUnit(
  site: Pick<SiteRecord, 'placeCategory'>,
  unit: Pick<UnitRecord, 'unitType'>,
): 'E_A7_1_REQUIRES_GOV_DEPT' | null {
  return site.placeCategory === 'A7_1_GOV_INFRA' && unit.unitType !== 'GOV_DEPT' ? 'E_A7_1_REQUIRES_GOV_DEPT' : null;
}

const USCC_MESSAGES: Record<UsccError, { zh: string; en: string }> = {
  E_USCC_FORMAT: {
    zh: '管理单位的统一社会信用代码缺失或格式不正确(应为18位,GB 32100-2015)',
    en: 'The management unit’s unified social credit code is missing or malformed (18 characters, GB 32100-2015)',
  },
  E_USCC_CHECKSUM: {
    zh: '管理单位的统一社会信用代码校验码错误,请核对营业执照或登记证书',
    en: 'The check character of the management unit’s unified social credit code is wrong; check the licence or registration certificate',
  },
};

export const managementUnitRule: Rule = {
  name: 'management-unit',
  evaluate(ctx) {
    const findings: Finding[] = [];
    const checkedUnits = new Set<string>();
    for (const site of ctx.sites) {
      if (ctx.classOf(site.id) !== 'A7') continue;
      const unit = ctx.unit(site.unitId);
      if (!unit) continue;
      if (validateSiteUnit(site, unit)) {
        findings.push(
          block({
            ruleId: 'REG-07-2',
            code: 'E_A7_1_REQUIRES_GOV_DEPT',
            article: '7.1',
            message: {
              zh: `第七条第一款场所的公共安全视频系统应由政府有关部门建设管理,管理单位“${unit.name}”不是政府部门`,
              en: `Systems in art. 7.1 places are built by government departments; the management unit “${unit.name}” is not a government department`,
            },
            subject: { type: 'site', id: site.id },
            gates: ['ACTIVATE', 'SUBMIT_FILING'],
            refusal: 'INVALID',
            details: { unitId: unit.id, unitType: unit.unitType },
          }),
        );
      }
      if (checkedUnits.has(unit.id)) continue;
      checkedUnits.add(unit.id);
      const usccError = validateUnitUscc(unit);
      if (usccError) {
        findings.push(
          block({
            ruleId: 'REG-07-2',
            code: usccError,
            article: '7.3',
            message: USCC_MESSAGES[usccError],
            subject: { type: 'unit', id: unit.id },
            gates: ['SUBMIT_FILING'],
            refusal: 'INVALID',
            details: { uscc: unit.uscc },
          }),
        );
      }
    }
    return findings;
  },
};
