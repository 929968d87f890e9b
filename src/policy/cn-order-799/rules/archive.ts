/**
 * REG-11-1: a system in use has an acceptance record in its archive (art. 11: 设计、施工、检验、验收 …
 * 依法保存、管理相关档案资料). NONCOMPLIANT on art. 7 places; art. 9.2 lifts it to ADVISORY on A9 sites
 * (applied by the matrix); art. 33 sites do not run it. "In use" follows AMB-5: the recorded
 * put-into-use date, or else the first camera activation.
 */
import type { CameraRecord, SiteRecord } from '../../../registry/model.ts';
import { ACCEPTANCE_DOCUMENT_TYPE } from '../archive-data.ts';
import type { RuleContext } from '../context.ts';
import { putIntoUseOf } from '../filing/dataset.ts';
import { noncompliant } from '../finding.ts';
import type { Finding } from '../../types.ts';
import type { Rule } from './rule.ts';

function acceptanceFinding(ctx: RuleContext, site: SiteRecord, cameras: readonly CameraRecord[]): Finding[] {
  const inUse = putIntoUseOf(site, cameras);
  if (!inUse.date || inUse.date > ctx.today) return [];
  const archive = ctx.snapshot.archiveDocuments.filter((d) => d.siteId === site.id);
  if (archive.some((d) => d.docType === ACCEPTANCE_DOCUMENT_TYPE)) return [];
  return [
    noncompliant({
      ruleId: 'REG-11-1',
      code: 'E_ACCEPTANCE_RECORD_REQUIRED',
      article: '11',
      message: {
        zh: `系统自 ${inUse.date} 起投入使用,但档案资料中没有验收文件;应当依照相关标准开展验收并保存验收档案`,
        en: `The system has been in use since ${inUse.date} but its archive holds no acceptance record; acceptance must be carried out and its record kept`,
      },
      subject: { type: 'site', id: site.id },
      details: { putIntoUseDate: inUse.date, source: inUse.source, documentTypes: [...new Set(archive.map((d) => d.docType))].sort() },
    }),
  ];
}

export const archiveRule: Rule = {
  name: 'archive',
  evaluate: (ctx) => {
    const camerasOf = new Map<string, CameraRecord[]>();
    for (const camera of ctx.cameras) camerasOf.set(camera.siteId, [...(camerasOf.get(camera.siteId) ?? []), camera]);
    return ctx.sites.filter((s) => s.active).flatMap((site) => acceptanceFinding(ctx, site, camerasOf.get(site.id) ?? []));
  },
};
