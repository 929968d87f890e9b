import type { z } from 'zod';
import {  } from '../../access/authorization/target.ts';
import { validateAdminDivisionCode } from '../../policy/index.ts';
import { ConflictError, InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { SiteRecord } from '../model.ts';
import { siteCreateInput, siteUpdateInput } from '../inputs.ts';
import { camerasRepository, sitesRepository, unitsRepository } from '../repositories/index.ts';
import type { Actor, RegistryContext } from './context.ts';
import { EntityService } from './entity-service.ts';

async function requireUnit(tx: Db, unitId: string, field: string) {
  const unit = await unitsRepository.get(tx, unitId);
  if (!unit || !unit.active) {
    throw new InvalidError('E_UNIT_UNKNOWN', {
      message: { zh: `单位 ${unitId} 不存在或已停用`, en: `Unit ${unitId} does not exist or is inactive` },
      details: { field, unitId },
    });
  }
  return unit;
}

async function checkSite(tx: Db, next: SiteRecord): Promise<void> {
  const unit = await requireUnit(tx, next.unitId, 'unitId');
  const codeProblem = validateAdminDivisionCode(next.adminDivisionCode);
  if (codeProblem) {
    throw new InvalidError(codeProblem, {
      article: '5',
      message: {
        zh: `行政区划代码"${next.adminDivisionCode}"须为县级六位代码(末两位不为00)`,
        en: `Administrative division code "${next.adminDivisionCode}" must be a six-digit county-level code (not ending in 00)`,
      },
      details: { field: 'adminDivisionCode' },
    });
  }
  if (next.placeCategory === 'A7_1_GOV_INFRA' && unit.unitType !== 'GOV_DEPT') {
    throw new InvalidError('E_A7_1_REQUIRES_GOV_DEPT', {
      article: '7.1',
      message: {
        zh: '第七条第一款所列场所的系统应由县级以上地方人民政府有关部门建设管理',
        en: 'Systems in art. 7.1 places are built by government departments; the unit must be of type GOV_DEPT',
      },
    });
  }
  if (next.securityObligation) await requireUnit(tx, next.securityObligation.partyUnitId, 'securityObligation.partyUnitId');
}

export class SitesService extends EntityService<SiteRecord, z.output<typeof siteCreateInput>, z.output<typeof siteUpdateInput>> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'site',
      idPrefix: 'site',
      repository: sitesRepository,
      targetOf: async (_db, site) => ({ unitId: site.unitId, siteId: site.id }),
      createInput: siteCreateInput,
      updateInput: siteUpdateInput,
      build: async (_tx, input, id) => ({ ...input, id, active: true }),
      check: (tx, next) => checkSite(tx, next),
    });
  }

  async deactivate(id: string, actor: Actor): Promise<SiteRecord> {
    return this.change(id, 'deactivate', actor, async (_site, tx) => {
      const active = (await camerasRepository.list(tx, { siteId: id })).filter((c) => c.status === 'ACTIVE');
      if (active.length > 0) {
        throw new ConflictError('E_SITE_HAS_ACTIVE_CAMERAS', {
          message: { zh: '该系统仍有启用中的摄像机,请先停用', en: 'The system still has active cameras; deactivate them first' },
          details: { cameraIds: active.map((c) => c.id) },
        });
      }
      return { active: false };
    });
  }
}

export async function requireActiveSite(tx: Db, siteId: string): Promise<SiteRecord> {
  const site = await sitesRepository.get(tx, siteId);
  if (!site) {
    throw new InvalidError('E_SITE_UNKNOWN', {
      message: { zh: `系统 ${siteId} 不存在`, en: `System ${siteId} does not exist` },
      details: { field: 'siteId', siteId },
    });
  }
  if (!site.active) {
    throw new ConflictError('E_SITE_INACTIVE', {
      message: { zh: `系统 ${siteId} 已停用`, en: `System ${siteId} is inactive` },
      details: { siteId },
    });
  }
  return site;
}
