/**
 * REG-33-2: in non-public places the zone checks run as advisories about others' rights (art. 33;
 * Civil Code art. 1033). REG-33-1 is carried by the matrix: only rules tagged A33 run there.
 */
import type { Finding } from '../../types.ts';
import { perCamera } from '../context.ts';
import { ACTIVATE_ONLY, advisory, block, cameraSubject } from '../finding.ts';
import { zonesSeen } from './fov-into-zone.ts';
import { zonesMountedIn } from './prohibited-zone.ts';
import { zoneLabel } from './zone-messages.ts';
import type { Rule } from './rule.ts';

const CODE = 'A33_PRIVACY_RISK';

export const nonPublicPrivacyRule: Rule = {
  name: 'non-public-privacy',
  evaluate: (ctx) =>
    perCamera(ctx, (camera, site): Finding[] => {
      if (ctx.classOf(site.id) !== 'A33') return [];
      const subject = cameraSubject(camera);
      const mounted = zonesMountedIn(ctx, camera).map((m) => {
        const label = zoneLabel(m.zoneType, m.zone?.name);
        return advisory({
          ruleId: 'REG-33-2',
          code: CODE,
          article: '33',
          message: {
            zh: `摄像机位于${label.zh}内,可能侵犯他人隐私等合法权益;请调整,或书面说明已取得相关人员同意`,
            en: `The camera is inside a ${label.en} and may infringe others’ privacy; move it, or attest in writing that those affected have agreed`,
          },
          subject,
          details: { zoneId: m.zone?.id ?? null, zoneType: m.zoneType, mounted: true, attestationRequired: true },
        });
      });
      const seen = zonesSeen(ctx, camera)
        .filter((s) => s.sight.unmasked)
        .map(({ zone, sight }) => {
          const label = zoneLabel(zone.zoneType, zone.name);
          return advisory({
            ruleId: 'REG-33-2',
            code: CODE,
            article: '33',
            message: {
              zh: `摄像机视场可拍摄到${label.zh}内部,可能侵犯他人隐私等合法权益;请调整或遮挡,或书面说明已取得相关人员同意`,
              en: `The camera can see inside the ${label.en} and may infringe others’ privacy; adjust or mask it, or attest that those affected have agreed`,
            },
            subject,
            details: { zoneId: zone.id, zoneType: zone.zoneType, via: sight.via, attestationRequired: true },
          });
        });
      const risks = [...mounted, ...seen];
      if (risks.length === 0 || camera.privacyAttestation?.trim()) return risks;
      const attestation = block({
        ruleId: 'REG-33-2',
        code: 'E_ATTESTATION_REQUIRED',
        article: '33',
        message: {
          zh: '该摄像机可能侵犯他人隐私,启用前须填写书面说明(privacyAttestation),说明已取得相关人员同意或已采取的保护措施',
          en: 'This camera may infringe others’ privacy; before activation, record a written attestation (privacyAttestation) that those affected agreed or how they are protected',
        },
        subject,
        gates: ACTIVATE_ONLY,
        refusal: 'PRECONDITION',
        details: { zoneIds: risks.map((r) => r.details?.zoneId ?? null) },
      });
      return [...risks, attestation];
    }),
};
