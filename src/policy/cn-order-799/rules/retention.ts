/** REG-17-1: footage is kept for at least 30 days (art. 17). A9 sees it as advisory through the art. 9.2 downgrade. */
import { perCamera } from '../context.ts';
import { block, cameraSubject, REGISTER_AND_ACTIVATE } from '../finding.ts';
import type { Rule } from './rule.ts';

export const RETENTION_MIN_DAYS = 30;

export const retentionRule: Rule = {
  name: 'retention',
  evaluate: (ctx) =>
    perCamera(ctx, (camera) =>
      camera.retentionDays >= RETENTION_MIN_DAYS
        ? []
        : [
            block({
              ruleId: 'REG-17-1',
              code: 'E_RETENTION_BELOW_MINIMUM',
              article: '17',
              message: {
                zh: `视频图像信息应当保存不少于${RETENTION_MIN_DAYS}日,当前设置为${camera.retentionDays}日`,
                en: `Footage must be kept for at least ${RETENTION_MIN_DAYS} days; this camera keeps it for ${camera.retentionDays}`,
              },
              subject: cameraSubject(camera),
              gates: REGISTER_AND_ACTIVATE,
              refusal: 'INVALID',
              details: { min: RETENTION_MIN_DAYS, retentionDays: camera.retentionDays },
            }),
          ],
    ),
};
