import type { z } from 'zod';
import {  } from '../../access/authorization/target.ts';
import { validateUscc } from '../../policy/index.ts';
import { ConflictError, InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { UnitRecord } from '../model.ts';
import { unitCreateInput, unitUpdateInput } from '../inputs.ts';
import { sitesRepository, unitsRepository } from '../repositories/index.ts';
import type { Actor, RegistryContext } from './context.ts';
import { EntityService } from './entity-service.ts';

async function checkUnit(tx: Db, next: UnitRecord, previous: UnitRecord | undefined): Promise<void> {
  if (next.uscc !== null && next.uscc !== previous?.uscc) {
    const problem = validateUscc(next.uscc);
    if (problem) {
      throw new InvalidError(problem, {
        article: '7.3',
        message: { zh: `统一社会信用代码"${next.uscc}"无效`, en: `Unified social credit code "${next.uscc}" is not valid` },
        details: { field: 'uscc' },
      });
    }
    const taken = (await unitsRepository.list(tx, { uscc: next.uscc })).some((u) => u.id !== next.id);
    if (taken) {
      throw new ConflictError('E_USCC_TAKEN', {
        message: { zh: '该统一社会信用代码已登记', en: 'A unit with this unified social credit code is already registered' },
      });
    }
  }
  if (next.uscc === null && next.unitType !== 'INDIVIDUAL') {
    throw new InvalidError('E_USCC_REQUIRED', {
      message: { zh: '单位须填写统一社会信用代码', en: 'A unit needs its unified social credit code' },
      details: { field: 'uscc' },
    });
  }
}

export class UnitsService extends EntityService<UnitRecord, z.output<typeof unitCreateInput>, z.output<typeof unitUpdateInput>> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'unit',
      idPrefix: 'unit',
      repository: unitsRepository,
      targetOf: async (_db, unit) => ({ unitId: unit.id }),
      writeAction: 'ADMINISTER',
      createInput: unitCreateInput,
      updateInput: unitUpdateInput,
      build: async (_tx, input, id) => ({ ...input, id, active: true }),
      check: (tx, next, previous) => checkUnit(tx, next, previous),
    });
  }

  async deactivate(id: string, actor: Actor): Promise<UnitRecord> {
    return this.change(id, 'deactivate', actor, async (_unit, tx) => {
      const sites = await sitesRepository.list(tx, { unitId: id, active: true });
      if (sites.length > 0) {
        throw new ConflictError('E_UNIT_HAS_ACTIVE_SITES', {
          message: { zh: '该单位仍有在用的系统,请先停用', en: 'The unit still has active systems; deactivate them first' },
          details: { siteIds: sites.map((s) => s.id) },
        });
      }
      return { active: false };
    });
  }
}
