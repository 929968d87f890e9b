import type { z } from 'zod';
import { NO_UNIT } from '../../access/authorization/target.ts';
import type { Db } from '../../db/connect.ts';
import type { Actor, RegistryContext } from '../../registry/services/context.ts';
import { EntityService } from '../../registry/services/entity-service.ts';
import { InvalidError } from '../../shared/errors.ts';
import { cameraGroupsRepository, dutyShiftsRepository } from '../repositories.ts';
import { dutyShiftCreateInput, type DutyShiftRecord } from './duty-shift-model.ts';
import { z as zod } from 'zod';

async function requireUserAndGroup(tx: Db, shift: DutyShiftRecord): Promise<void> {
  const user = await tx.selectFrom('users').select(['id', 'active']).where('id', '=', shift.userId).executeTakeFirst();
  if (!user || !user.active) {
    throw new InvalidError('E_USER_UNKNOWN', { message: { zh: '用户不存在或已停用', en: 'Unknown or inactive user' }, details: { field: 'userId' } });
  }
  const group = await cameraGroupsRepository.get(tx, shift.cameraGroupId);
  if (!group || !group.active) {
    throw new InvalidError('E_CAMERA_GROUP_UNKNOWN', {
      message: { zh: '摄像机组不存在或已停用', en: 'Unknown or inactive camera group' },
      details: { field: 'cameraGroupId' },
    });
  }
}

/** Duty shifts (REG-16-8): who watches which camera group, when. */
export class DutyShiftsService extends EntityService<DutyShiftRecord, z.output<typeof dutyShiftCreateInput>, Record<string, never>> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'dutyShift',
      idPrefix: 'shift',
      repository: dutyShiftsRepository,
      targetOf: async (db, shift) => ({ unitId: (await cameraGroupsRepository.get(db, shift.cameraGroupId))?.unitId ?? NO_UNIT }),
      writeAction: 'ADMINISTER',
      createInput: dutyShiftCreateInput,
      updateInput: zod.strictObject({}),
      build: async (_tx, input, shiftId) => ({
        ...input,
        id: shiftId,
        startsAt: new Date(input.startsAt).toISOString(),
        endsAt: new Date(input.endsAt).toISOString(),
      }),
      check: requireUserAndGroup,
    });
  }

  /** Beyond the group's unit: the user put on duty must be of a unit within the actor's ADMINISTER reach. */
  protected override async authorize(tx: Db, actor: Actor, record: DutyShiftRecord, previous?: DutyShiftRecord): Promise<void> {
    await super.authorize(tx, actor, record, previous);
    if (!actor.principal || !this.ctx.gate || previous) return;
    const user = await tx.selectFrom('users').select(['unitId']).where('id', '=', record.userId).executeTakeFirst();
    if (user) await this.ctx.gate.requireOver(actor.principal, 'ADMINISTER', { unitId: user.unitId ?? NO_UNIT }, { db: tx });
  }
}
