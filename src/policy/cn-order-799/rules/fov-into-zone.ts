/** REG-08-3: a field of view that looks into a prohibited zone through an opening or a transparent edge. Penalty: art. 27.1. */
import type { CameraRecord, ZoneRecord } from '../../../registry/model.ts';
import type { Finding } from '../../types.ts';
import { perCamera, type RuleContext } from '../context.ts';
import { block, cameraSubject, info, REGISTER_AND_ACTIVATE } from '../finding.ts';
import { FOV_INTO_ZONE_ARTICLE, zonesSeenBy } from '../coverage.ts';
import type { ZoneSight } from '../sight.ts';
import { zoneLabel } from './zone-messages.ts';
import type { Rule } from './rule.ts';

/** The zones (not containing the camera) that its coverage sees into, masked or not. */
export function zonesSeen(ctx: Pick<RuleContext, 'zonesOf'>, camera: CameraRecord): { zone: ZoneRecord; sight: ZoneSight }[] {
  return zonesSeenBy(camera, ctx.zonesOf(camera.siteId));
}

const VIA: Record<string, { zh: string; en: string }> = {
  opening: { zh: '门窗开口', en: 'a door or window opening' },
  transparent_edge: { zh: '透明或开放的边界', en: 'a transparent or open side' },
};

function finding(camera: CameraRecord, zone: ZoneRecord, sight: ZoneSight): Finding {
  const label = zoneLabel(zone.zoneType, zone.name);
  const via = VIA[sight.via ?? 'opening']!;
  const details = { zoneId: zone.id, zoneType: zone.zoneType, via: sight.via };
  if (!sight.unmasked) {
    return info({
      ruleId: 'REG-08-3',
      code: 'MASKED_PRIVACY_VIEW',
      article: FOV_INTO_ZONE_ARTICLE,
      message: {
        zh: `摄像机视场经${via.zh}朝向${label.zh}内部,已被隐私遮挡完全覆盖;该遮挡已锁定,变更须经审批`,
        en: `The camera’s view into the ${label.en} through ${via.en} is fully covered by privacy masks; the masks are locked and need an approver to change`,
      },
      subject: cameraSubject(camera),
      details: { ...details, maskLocked: true },
    });
  }
  return block({
    ruleId: 'REG-08-3',
    code: 'E_FOV_INTO_PROHIBITED_ZONE',
    article: FOV_INTO_ZONE_ARTICLE,
    message: {
      zh: `摄像机视场经${via.zh}可拍摄到${label.zh}内部,可能窥视他人隐私,须调整角度、范围或设置隐私遮挡`,
      en: `The camera can see inside the ${label.en} through ${via.en} and could peep at others’ privacy; change its angle or range, or mask the view`,
    },
    penaltyRef: '27.1',
    subject: cameraSubject(camera),
    gates: REGISTER_AND_ACTIVATE,
    refusal: 'INVALID',
    details,
  });
}

export const fovIntoZoneRule: Rule = {
  name: 'fov-into-zone',
  evaluate: (ctx) => perCamera(ctx, (camera) => zonesSeen(ctx, camera).map(({ zone, sight }) => finding(camera, zone, sight))),
};
