/** REG-07-3: a necessity statement and a public-security area before activation (arts. 7.3, 9.1). */
import { block, cameraSubject, ACTIVATE_ONLY } from '../finding.ts';
import { perCamera } from '../context.ts';
import type { Rule } from './rule.ts';

export const NECESSITY_MIN_CHARS = 20;

export function necessityMissing(camera: { necessity: string; publicSecurityArea: string | null }): string[] {
  const missing: string[] = [];
  if ([...camera.necessity.trim()].length < NECESSITY_MIN_CHARS) missing.push('necessity');
  if (camera.publicSecurityArea === null) missing.push('publicSecurityArea');
  return missing;
}

export const necessityRule: Rule = {
  name: 'necessity',
  evaluate: (ctx) =>
    perCamera(ctx, (camera, site) => {
      const missing = necessityMissing(camera);
      if (missing.length === 0) return [];
      const article = ctx.classOf(site.id) === 'A9' ? '9.1' : '7.3';
      return [
        block({
          ruleId: 'REG-07-3',
          code: 'E_NECESSITY_REQUIRED',
          article,
          message: {
            zh: `启用前须说明安装该摄像机为维护公共安全所必需(不少于${NECESSITY_MIN_CHARS}字),并标明所涉公共安全区域`,
            en: `Before activation, state why this camera is necessary for public security (at least ${NECESSITY_MIN_CHARS} characters) and tag the public-security area it covers`,
          },
          subject: cameraSubject(camera),
          gates: ACTIVATE_ONLY,
          refusal: 'PRECONDITION',
          details: { missing, minChars: NECESSITY_MIN_CHARS },
        }),
      ];
    }),
};
