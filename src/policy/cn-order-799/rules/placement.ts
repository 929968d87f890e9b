/** REG-13-1: a complete placement record before activation (art. 13). */
import type { CameraRecord } from '../../../registry/model.ts';
import { perCamera } from '../context.ts';
import { block, cameraSubject, ACTIVATE_ONLY } from '../finding.ts';
import type { Rule } from './rule.ts';

const REQUIRED = ['position', 'mountHeightM', 'headingDeg', 'tiltDeg', 'hfovDeg', 'rangeM', 'publicSecurityArea', 'placementRationale'] as const;

export function missingPlacement(camera: Pick<CameraRecord, (typeof REQUIRED)[number]>): string[] {
  return REQUIRED.filter((field) => {
    const value = camera[field];
    return value === null || (typeof value === 'string' && value.trim() === '');
  });
}

export const placementRule: Rule = {
  name: 'placement',
  evaluate: (ctx) =>
    perCamera(ctx, (camera) => {
      const missing = missingPlacement(camera);
      if (missing.length === 0) return [];
      return [
        block({
          ruleId: 'REG-13-1',
          code: 'E_PLACEMENT_INCOMPLETE',
          article: '13',
          message: {
            zh: `启用前须完整登记安装位置、角度和采集范围等信息,尚缺:${missing.join('、')}`,
            en: `Record the camera’s full placement (position, angle, range and purpose) before activation; missing: ${missing.join(', ')}`,
          },
          subject: cameraSubject(camera),
          gates: ACTIVATE_ONLY,
          refusal: 'PRECONDITION',
          details: { missing },
        }),
      ];
    }),
};
