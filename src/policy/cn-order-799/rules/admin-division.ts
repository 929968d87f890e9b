/** REG-05-1: a county-level GB/T 2260 administrative division code on every site. */
import type { Finding } from '../../types.ts';
import { block } from '../finding.ts';
import type { Rule } from './rule.ts';

export type AdminDivisionError = 'E_ADMIN_DIVISION_FORMAT' | 'E_COUNTY_LEVEL_CODE_REQUIRED';

export function validateAdminDivisionCode(code: string | null | undefined): AdminDivisionError | null {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return 'E_ADMIN_DIVISION_FORMAT';
  return code.endsWith('00') ? 'E_COUNTY_LEVEL_CODE_REQUIRED' : null;
}

const MESSAGES: Record<AdminDivisionError, { zh: string; en: string }> = {
  E_ADMIN_DIVISION_FORMAT: {
    zh: '行政区划代码应为六位数字(GB/T 2260),无法确定备案的县级公安机关',
    en: 'The administrative division code must be six digits (GB/T 2260); the county-level PSB for filing cannot be determined',
  },
  E_COUNTY_LEVEL_CODE_REQUIRED: {
    zh: '行政区划代码须为县级代码(末两位不得为00),以确定备案的县级公安机关',
    en: 'The administrative division code must be county level (not ending in 00) so the county-level PSB for filing can be determined',
  },
};

export const adminDivisionRule: Rule = {
  name: 'admin-division',
  evaluate: (ctx) =>
    ctx.sites.flatMap((site): Finding[] => {
      const code = validateAdminDivisionCode(site.adminDivisionCode);
      if (!code) return [];
      return [
        block({
          ruleId: 'REG-05-1',
          code,
          article: '5',
          message: MESSAGES[code],
          subject: { type: 'site', id: site.id },
          gates: ['SUBMIT_FILING'],
          refusal: 'INVALID',
          details: { adminDivisionCode: site.adminDivisionCode },
        }),
      ];
    }),
};
