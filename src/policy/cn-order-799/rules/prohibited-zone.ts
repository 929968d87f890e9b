/** REG-08-2: a camera mounted inside an art. 8.1 zone is refused outright; no override in A7 or A9. Penalty: art. 27.1. */
import type { CameraRecord, ZoneRecord } from '../../../registry/model.ts';
import type { Finding } from '../../types.ts';
import { perCamera, type RuleContext } from '../context.ts';
import { block, cameraSubject, REGISTER_AND_ACTIVATE } from '../finding.ts';
import { zonesContaining } from '../coverage.ts';
import { zoneTypeMeta } from '../zone-types.ts';
import { zoneLabel } from './zone-messages.ts';
import type { Rule } from './rule.ts';

export interface MountedIn {
  zoneType: ZoneRecord['zoneType'];
  /** The drawn zone containing the camera's position; absent when only declared through `camera.zoneType`. */
  zone?: ZoneRecord;
}

/** Every prohibited zone the camera is mounted in: the one it is declared in, and each drawn zone around its position. */
export function zonesMountedIn(ctx: Pick<RuleContext, 'zonesOf'>, camera: CameraRecord): MountedIn[] {
  const drawn: MountedIn[] = zonesContaining(camera.position, ctx.zonesOf(camera.siteId)).map((zone) => ({ zoneType: zone.zoneType, zone }));
  const declared = camera.zoneType !== null && !drawn.some((d) => d.zoneType === camera.zoneType) ? [{ zoneType: camera.zoneType }] : [];
  return [...declared, ...drawn];
}

function finding(camera: CameraRecord, m: MountedIn): Finding {
  const meta = zoneTypeMeta(m.zoneType);
  const label = zoneLabel(m.zoneType, m.zone?.name);
  return block({
    ruleId: 'REG-08-2',
    code: 'E_PROHIBITED_ZONE',
    article: meta.article,
    message: {
      zh: `摄像机位于${meta.articleZh}禁止安装区域(${label.zh})内,不得安装或启用`,
      en: `The camera is inside a zone where art. ${meta.article} prohibits installation (${label.en}); it may not be installed or activated`,
    },
    penaltyRef: '27.1',
    subject: cameraSubject(camera),
    gates: REGISTER_AND_ACTIVATE,
    refusal: 'INVALID',
    details: m.zone ? { zoneId: m.zone.id, zoneType: m.zoneType } : { zoneId: null, zoneType: m.zoneType, declared: true },
  });
}

export const prohibitedZoneRule: Rule = {
  name: 'prohibited-zone',
  evaluate: (ctx) => perCamera(ctx, (camera) => zonesMountedIn(ctx, camera).map((m) => finding(camera, m))),
};
