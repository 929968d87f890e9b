/**
 * REG-07-4 (art. 7.3) and REG-09-1 (art. 9.1): only the responsible party, or a contractor it has
 * commissioned for construction, may install. Penalty: art. 26.
 */
import type { CameraRecord, SiteRecord } from '../../../registry/model.ts';
import type { Finding } from '../../types.ts';
import type { RuleContext } from '../context.ts';
import { perCamera } from '../context.ts';
import { block, cameraSubject, ACTIVATE_ONLY, REGISTER_AND_ACTIVATE } from '../finding.ts';
import type { Rule } from './rule.ts';

export type InstallerVerdict =
  | { ok: true; onBehalfOf?: string; commissionId?: string }
  | { ok: false; code: 'E_INSTALLER_REQUIRED' | 'E_UNAUTHORIZED_INSTALLER' | 'E_CONTRACTOR_COMMISSION_EXPIRED'; commissionIds?: string[] };

/** Whether `installerId` may install for `partyId` on `date` (the installation date, or today if unknown). */
export function checkInstaller(ctx: Pick<RuleContext, 'commissionsOf'>, installerId: string | null, partyId: string, date: string): InstallerVerdict {
  if (installerId === null) return { ok: false, code: 'E_INSTALLER_REQUIRED' };
  if (installerId === partyId) return { ok: true };
  const commissions = ctx.commissionsOf(installerId).filter((c) => c.principalUnitId === partyId && c.scope.includes('CONSTRUCTION'));
  const valid = commissions.find((c) => c.validFrom <= date && date <= c.validTo);
  if (valid) return { ok: true, onBehalfOf: partyId, commissionId: valid.id };
  if (commissions.length > 0) return { ok: false, code: 'E_CONTRACTOR_COMMISSION_EXPIRED', commissionIds: commissions.map((c) => c.id) };
  return { ok: false, code: 'E_UNAUTHORIZED_INSTALLER' };
}

function installerFinding(
  ctx: RuleContext,
  camera: CameraRecord,
  ruleId: string,
  article: string,
  partyId: string,
  verdict: Extract<InstallerVerdict, { ok: false }>,
  date: string,
): Finding {
  const who = camera.installedByUnitId === null ? '' : (ctx.unit(camera.installedByUnitId)?.name ?? camera.installedByUnitId);
  const duty = article === '7.3' ? { zh: '公共安全视频系统管理单位', en: 'the management unit of the system' } : { zh: '对该场所负有安全防范义务的单位或者个人', en: 'the party with the security-precaution duty for the place' };
  const details = { installedByUnitId: camera.installedByUnitId, responsiblePartyId: partyId, installedAt: camera.installedAt, checkedOn: date, ...(verdict.commissionIds ? { commissionIds: verdict.commissionIds } : {}) };
  if (verdict.code === 'E_INSTALLER_REQUIRED') {
    return block({
      ruleId,
      code: verdict.code,
      article,
      message: { zh: `启用前须登记安装单位,以核实其为${duty.zh}或其委托的施工单位`, en: `Record who installed the camera before activation, to confirm it is ${duty.en} or its commissioned contractor` },
      subject: cameraSubject(camera),
      gates: ACTIVATE_ONLY,
      refusal: 'PRECONDITION',
      details,
    });
  }
  const message =
    verdict.code === 'E_CONTRACTOR_COMMISSION_EXPIRED'
      ? { zh: `安装单位“${who}”在安装日期${date}不持有有效的施工委托,不得代为安装`, en: `Installer “${who}” held no valid construction commission on ${date} and may not install on the responsible party’s behalf` }
      : { zh: `安装单位“${who}”不是${duty.zh},也不是其委托的施工单位,不得安装`, en: `Installer “${who}” is neither ${duty.en} nor a contractor it commissioned, and may not install` };
  return block({ ruleId, code: verdict.code, article, message, penaltyRef: '26', subject: cameraSubject(camera), gates: REGISTER_AND_ACTIVATE, refusal: 'INVALID', details });
}

function obligationMissing(site: SiteRecord): Finding {
  return block({
    ruleId: 'REG-09-1',
    code: 'E_SECURITY_OBLIGATION_BASIS_REQUIRED',
    article: '9.1',
    message: {
      zh: '第九条场所须登记对该场所负有安全防范义务的单位或者个人及其依据,方可启用摄像机',
      en: 'An art. 9 place must record the party with the security-precaution duty and its basis before cameras can be activated',
    },
    subject: { type: 'site', id: site.id },
    gates: ACTIVATE_ONLY,
    refusal: 'PRECONDITION',
  });
}

export const installerRule: Rule = {
  name: 'installer',
  evaluate(ctx) {
    const siteFindings = ctx.sites.filter((s) => ctx.classOf(s.id) === 'A9' && s.securityObligation === null).map(obligationMissing);
    const cameraFindings = perCamera(ctx, (camera, site) => {
      const cls = ctx.classOf(site.id);
      const date = camera.installedAt ?? ctx.today;
      if (cls === 'A7') {
        const verdict = checkInstaller(ctx, camera.installedByUnitId, site.unitId, date);
        return verdict.ok ? [] : [installerFinding(ctx, camera, 'REG-07-4', '7.3', site.unitId, verdict, date)];
      }
      if (cls === 'A9' && site.securityObligation) {
        const party = site.securityObligation.partyUnitId;
        const verdict = checkInstaller(ctx, camera.installedByUnitId, party, date);
        return verdict.ok ? [] : [installerFinding(ctx, camera, 'REG-09-1', '9.1', party, verdict, date)];
      }
      return [];
    });
    return [...siteFindings, ...cameraFindings];
  },
};
