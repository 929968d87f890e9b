/**
 * REG-11-1 and AMB-5: putting a system into use starts its filing clock (art. 14). On art. 7 places
 * the archive must hold an acceptance record first; on art. 9 places the step passes with an
 * advisory finding (art. 9.2). The change and its history are written in one transaction.
 */
import { putIntoUseInput } from '../../archive/inputs.ts';
import { evaluatePutIntoUse } from '../../policy/cn-order-799/put-into-use.ts';
import { ConflictError, NotFoundError } from '../../shared/errors.ts';
import type { SiteRecord } from '../model.ts';
import { historyRepository } from '../repositories/history-repository.ts';
import { sitesRepository } from '../repositories/index.ts';
import { loadSnapshot } from '../snapshot-loader.ts';
import type { Actor, RegistryContext } from './context.ts';
import { requireActiveSite } from './sites.ts';
import { requireWrite } from './object-access.ts';

export class PutIntoUseService {
  constructor(private readonly ctx: RegistryContext) {}

  async putIntoUse(siteId: string, input: unknown, actor: Actor): Promise<SiteRecord> {
    const { date } = putIntoUseInput.parse(input);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const found = await sitesRepository.get(tx, siteId);
      if (!found) {
        throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到系统:${siteId}`, en: `No system (site) with id ${siteId}` }, details: { entityType: 'site', id: siteId } });
      }
      // Putting into use starts the unit's filing clock: administration of the site's unit, not CONFIG over the site.
      await requireWrite(this.ctx, actor, 'ADMINISTER', { unitId: found.unitId }, tx);
      const site = await requireActiveSite(tx, siteId);
      if (site.putIntoUseDate === date) return site;
      if (site.putIntoUseDate !== null) {
        throw new ConflictError('E_SITE_ALREADY_IN_USE', {
          article: '14',
          message: {
            zh: `该系统已于 ${site.putIntoUseDate} 投入使用;如需更正日期,请修改系统信息并说明理由`,
            en: `The system was put into use on ${site.putIntoUseDate}; to correct the date, edit the system and give a reason`,
          },
          details: { putIntoUseDate: site.putIntoUseDate },
        });
      }
      const { refusals } = evaluatePutIntoUse(await loadSnapshot(tx, { siteId }), siteId, date, now);
      const [first] = refusals;
      if (first) {
        throw new ConflictError(first.code, {
          article: first.article,
          message: {
            zh: '该系统须先完成验收,并将验收文件存入系统档案,方可投入使用',
            en: 'The system needs an acceptance record in its archive before it is put into use',
          },
          details: { ruleId: first.ruleId, date, findings: refusals.map(({ ruleId, code, article, message }) => ({ ruleId, code, article, message })) },
        });
      }
      const next: SiteRecord = { ...site, putIntoUseDate: date };
      await sitesRepository.update(tx, next, now.toISOString());
      await historyRepository.append(tx, {
        entityType: 'site',
        entityId: siteId,
        action: 'put-into-use',
        actor: actor.name,
        at: now.toISOString(),
        before: site,
        after: next,
        reason: actor.reason ?? null,
      });
      return next;
    });
  }
}
