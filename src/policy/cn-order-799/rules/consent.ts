/** REG-10-1 and REG-10-2: prior consent of the confidential unit for cameras near it (art. 10). Penalty: art. 28. */
import type { CameraRecord, ConsentedPlacement, ConsentRecord, PtzLimits } from '../../../registry/model.ts';
import type { Finding } from '../../types.ts';
import { perCamera } from '../context.ts';
import { block, cameraSubject, ACTIVATE_ONLY, REGISTER_AND_ACTIVATE } from '../finding.ts';
import { normalizeDeg } from '../geometry.ts';
import type { Rule } from './rule.ts';

const TOL = 1e-9;

function sameNumber(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : Math.abs(a - b) <= TOL;
}

function sameHeading(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  const d = normalizeDeg(a - b);
  return d <= TOL || 360 - d <= TOL;
}

function samePtz(a: PtzLimits | null, b: PtzLimits | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    sameNumber(a.panMinDeg, b.panMinDeg) &&
    sameNumber(a.panMaxDeg, b.panMaxDeg) &&
    sameNumber(a.maxRangeM, b.maxRangeM) &&
    a.presets.length === b.presets.length &&
    a.presets.every((p, i) => sameHeading(p.headingDeg, b.presets[i]!.headingDeg))
  );
}

/** The placement fields that differ from what the consenting unit agreed to. */
export function placementChanges(camera: Pick<CameraRecord, 'position' | 'headingDeg' | 'hfovDeg' | 'rangeM' | 'ptz'>, consented: ConsentedPlacement): string[] {
  const changed: string[] = [];
  const samePosition =
    camera.position === null || consented.position === null
      ? camera.position === consented.position
      : sameNumber(camera.position.x, consented.position.x) && sameNumber(camera.position.y, consented.position.y);
  if (!samePosition) changed.push('position');
  if (!sameHeading(camera.headingDeg, consented.headingDeg)) changed.push('headingDeg');
  if (!sameNumber(camera.hfovDeg, consented.hfovDeg)) changed.push('hfovDeg');
  if (!sameNumber(camera.rangeM, consented.rangeM)) changed.push('rangeM');
  if (!samePtz(camera.ptz, consented.ptz)) changed.push('ptz');
  return changed;
}

function evaluateCamera(camera: CameraRecord, consents: ConsentRecord[]): Finding[] {
  if (camera.confidentialProximity === null) return [];
  const subject = cameraSubject(camera);
  const covering = consents.flatMap((consent) => consent.placements.filter((p) => p.cameraId === camera.id).map((placement) => ({ consent, placement })));
  if (covering.length === 0) {
    return [
      block({
        ruleId: 'REG-10-1',
        code: 'E_CONFIDENTIAL_CONSENT_REQUIRED',
        article: '10',
        message: {
          zh: '摄像机位于军事禁区、军事管理区或涉密单位周边,须事先征得相关涉密单位同意并登记同意文件,方可启用',
          en: 'The camera is near a military zone or a confidential unit; the unit’s prior consent must be recorded before activation',
        },
        penaltyRef: '28',
        subject,
        gates: ACTIVATE_ONLY,
        refusal: 'PRECONDITION',
        details: { confidentialProximity: camera.confidentialProximity },
      }),
    ];
  }
  const installedAt = camera.installedAt;
  const prior = installedAt === null ? covering : covering.filter((c) => c.consent.consentDate <= installedAt);
  if (prior.length === 0) {
    const earliest = covering.map((c) => c.consent.consentDate).sort()[0];
    return [
      block({
        ruleId: 'REG-10-2',
        code: 'E_CONSENT_NOT_PRIOR',
        article: '10',
        message: {
          zh: `涉密单位的同意(${earliest})晚于摄像机安装日期(${installedAt}),不属于“事先”征得同意`,
          en: `The confidential unit’s consent (${earliest}) is dated after the camera was installed (${installedAt}); consent must be obtained beforehand`,
        },
        penaltyRef: '28',
        subject,
        gates: REGISTER_AND_ACTIVATE,
        refusal: 'INVALID',
        details: { installedAt, consentDate: earliest, consentIds: covering.map((c) => c.consent.id) },
      }),
    ];
  }
  if (prior.some((c) => placementChanges(camera, c.placement).length === 0)) return [];
  const latest = [...prior].sort((a, b) => (a.consent.consentDate < b.consent.consentDate ? 1 : -1))[0]!;
  return [
    block({
      ruleId: 'REG-10-1',
      code: 'CONSENT_SCOPE_INVALIDATED',
      article: '10',
      message: {
        zh: '摄像机的位置、角度、视场或云台范围已不同于涉密单位同意时的设置,原同意失效,须重新征得同意',
        en: 'The camera’s position, heading, field of view or PTZ limits differ from what the confidential unit consented to; the consent no longer covers it and must be renewed',
      },
      penaltyRef: '28',
      subject,
      gates: ACTIVATE_ONLY,
      refusal: 'PRECONDITION',
      details: { consentId: latest.consent.id, changed: placementChanges(camera, latest.placement) },
    }),
  ];
}

export const consentRule: Rule = {
  name: 'consent',
  evaluate: (ctx) => perCamera(ctx, (camera) => evaluateCamera(camera, ctx.consentsOf(camera.siteId))),
};
