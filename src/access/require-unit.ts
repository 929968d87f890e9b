import type { Db } from '../db/connect.ts';
import { unitsRepository } from '../registry/repositories/index.ts';
import type { UnitRecord } from '../registry/model.ts';
import { ConflictError, InvalidError } from '../shared/errors.ts';

export async function requireActiveUnit(tx: Db, unitId: string): Promise<UnitRecord> {
  const unit = await unitsRepository.get(tx, unitId);
  if (!unit) {
    throw new InvalidError('E_UNIT_UNKNOWN', {
      message: { zh: `单位 ${unitId} 不存在`, en: `Unit ${unitId} does not exist` },
      details: { field: 'unitId', unitId },
    });
  }
  if (!unit.active) {
    throw new ConflictError('E_UNIT_INACTIVE', { message: { zh: `单位 ${unitId} 已停用`, en: `Unit ${unitId} is inactive` }, details: { unitId } });
  }
  return unit;
}
