import type { z } from 'zod';
import {  } from '../../access/authorization/target.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { CommissionRecord } from '../model.ts';
import { commissionCreateInput, commissionUpdateInput } from '../inputs.ts';
import { commissionsRepository, unitsRepository } from '../repositories/index.ts';
import type { RegistryContext } from './context.ts';
import { EntityService } from './entity-service.ts';

async function checkCommission(tx: Db, next: CommissionRecord): Promise<void> {
  for (const field of ['contractorUnitId', 'principalUnitId'] as const) {
    if (!(await unitsRepository.get(tx, next[field]))) {
      throw new InvalidError('E_UNIT_UNKNOWN', {
        message: { zh: `单位 ${next[field]} 不存在`, en: `Unit ${next[field]} does not exist` },
        details: { field },
      });
    }
  }
  if (next.contractorUnitId === next.principalUnitId || next.validTo < next.validFrom) {
    throw new InvalidError('E_COMMISSION_INVALID', {
      message: { zh: '委托须在两个不同单位之间,且有效期结束不早于开始', en: 'A commission joins two different units and ends no earlier than it starts' },
    });
  }
}

export class CommissionsService extends EntityService<
  CommissionRecord,
  z.output<typeof commissionCreateInput>,
  z.output<typeof commissionUpdateInput>
> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'commission',
      idPrefix: 'comm',
      repository: commissionsRepository,
      // A commission is the principal unit's act; a contractor never writes its own.
      targetOf: async (_db, commission) => ({ unitId: commission.principalUnitId }),
      writeAction: 'ADMINISTER',
      createInput: commissionCreateInput,
      updateInput: commissionUpdateInput,
      build: async (_tx, input, id) => ({ ...input, id }),
      check: (tx, next) => checkCommission(tx, next),
    });
  }
}
