/**
 * REG-12-1: each device in service in an art. 7 place declares conformance to every mandatory standard
 * the pack lists (art. 12 "符合国家标准的强制性要求"; AMB-18). The matrix limits the rule to A7 sites.
 * Conformance is vendor evidence: the rule checks that a declaration with evidence exists, not that it is true.
 */
import { deviceSubject, evaluatedDevices } from '../devices.ts';
import { noncompliant } from '../finding.ts';
import { MANDATORY_STANDARD_LIST, sameStandard } from '../mandatory-standards.ts';
import type { Rule } from './rule.ts';

export const productConformanceRule: Rule = {
  name: 'product-conformance',
  evaluate: (ctx) => {
    const declarations = ctx.snapshot.conformanceDeclarations.filter((d) => d.active);
    return evaluatedDevices(ctx)
      .filter(({ device }) => device.inService)
      .flatMap(({ device }) => {
        const own = declarations.filter((d) => d.deviceKind === device.kind && d.deviceId === device.id);
        const missing = MANDATORY_STANDARD_LIST.filter((s) => s.appliesTo.includes(device.type) && !own.some((d) => sameStandard(d.standard, s.id)));
        if (missing.length === 0) return [];
        const ids = missing.map((s) => s.id);
        return [
          noncompliant({
            ruleId: 'REG-12-1',
            code: 'CONFORMANCE_DECLARATION_MISSING',
            article: '12',
            message: {
              zh: `设备"${device.name}"缺少强制性国家标准符合性声明:${ids.join('、')}`,
              en: `Device "${device.name}" has no conformance declaration for the mandatory standard(s) ${ids.join(', ')}`,
            },
            subject: deviceSubject(device),
            details: { deviceType: device.type, missingStandards: ids },
          }),
        ];
      });
  },
};
