/**
 * REG-08-4 (AMB-19): audio needs a justification and is never allowed in or near a prohibited zone
 * (art. 8.1(4) 窃听). Near means either the lens's coverage sector touches the zone, or the zone lies
 * within the microphone's pickup radius, whatever the heading: a microphone hears in every direction.
 * A refusal for a zone nearby carries the art. 27 ¶1 penalty reference.
 */
import type { CameraRecord } from '../../../registry/model.ts';
import type { Finding } from '../../types.ts';
import { perCamera, type RuleContext } from '../context.ts';
import { block, cameraSubject, REGISTER_AND_ACTIVATE } from '../finding.ts';
import { coverageSectors } from '../geometry.ts';
import { sectorsTouchZone } from '../sight.ts';
import { zonesMountedIn } from './prohibited-zone.ts';
import { DEFAULT_AUDIO_PICKUP_RADIUS_M, zonesInEarshot, type ZoneInEarshot } from '../pickup.ts';
import type { Rule } from './rule.ts';

/** Zones the camera is in, or whose area its coverage sector touches, whatever the walls and masks. */
export type ZonesNear = {
  zoneIds: string[];
  declaredZoneType: CameraRecord['zoneType'];
  /** The zones within the pickup radius, with their distance. */
  inEarshot: ZoneInEarshot[];
  pickupRadiusM: number;
};

/** Zones the camera is in, whose area its coverage sector touches (whatever the walls and masks), or within its pickup radius. */
export function zonesNear(ctx: Pick<RuleContext, 'zonesOf'>, camera: CameraRecord): ZonesNear {
  const sectors = coverageSectors(camera);
  const mounted = zonesMountedIn(ctx, camera);
  const zones = ctx.zonesOf(camera.siteId);
  const inEarshot = zonesInEarshot(camera, zones);
  const zoneIds = zones
    .filter((z) => mounted.some((m) => m.zone?.id === z.id) || sectorsTouchZone(sectors, z) || inEarshot.some((e) => e.zoneId === z.id))
    .map((z) => z.id);
  const declared = mounted.find((m) => !m.zone);
  return { zoneIds, declaredZoneType: declared?.zoneType ?? null, inEarshot, pickupRadiusM: camera.audioPickupRadiusM ?? DEFAULT_AUDIO_PICKUP_RADIUS_M };
}

export const audioRule: Rule = {
  name: 'audio',
  evaluate: (ctx) =>
    perCamera(ctx, (camera): Finding[] => {
      if (!camera.audioEnabled) return [];
      const findings: Finding[] = [];
      if ((camera.audioJustification ?? '').trim() === '') {
        findings.push(
          block({
            ruleId: 'REG-08-4',
            code: 'E_AUDIO_JUSTIFICATION_REQUIRED',
            article: '8.1(4)',
            message: { zh: '开启音频采集须填写理由并经审批', en: 'Enabling audio capture needs a written justification and an approver' },
            subject: cameraSubject(camera),
            gates: REGISTER_AND_ACTIVATE,
            refusal: 'INVALID',
          }),
        );
      }
      const near = zonesNear(ctx, camera);
      if (near.zoneIds.length > 0 || near.declaredZoneType !== null) {
        findings.push(
          block({
            ruleId: 'REG-08-4',
            code: 'E_AUDIO_NEAR_PROHIBITED_ZONE',
            article: '8.1(4)',
            message: {
              zh: `摄像机覆盖范围触及禁止安装区域(即使已遮挡),或禁止安装区域位于拾音半径 ${near.pickupRadiusM} 米以内,不得开启音频采集,以免窃听他人隐私(第八条第一款第四项)`,
              en: `The camera’s coverage touches a prohibited zone (even a masked one), or a prohibited zone lies within the ${near.pickupRadiusM} m pickup radius, so audio may not be enabled: it could eavesdrop on others’ privacy (art. 8.1(4))`,
            },
            penaltyRef: '27.1',
            subject: cameraSubject(camera),
            gates: REGISTER_AND_ACTIVATE,
            refusal: 'INVALID',
            details: near,
          }),
        );
      }
      return findings;
    }),
};
