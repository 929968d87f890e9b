import type { z } from 'zod';
import { cameraTarget } from '../../access/authorization/target.ts';
import type { Db } from '../../db/connect.ts';
import { camerasRepository } from '../../registry/repositories/index.ts';
import type { Actor, RegistryContext } from '../../registry/services/context.ts';
import { EntityService } from '../../registry/services/entity-service.ts';
import { InvalidError } from '../../shared/errors.ts';
import { onCameraGroupChanged } from '../grants/grant-suspension.ts';
import { cameraGroupsRepository } from '../repositories.ts';
import { requireActiveUnit } from '../require-unit.ts';
import { cameraGroupCreateInput, cameraGroupUpdateInput, type CameraGroupRecord } from './camera-group-model.ts';

async function requireCameras(tx: Db, cameraIds: readonly string[]): Promise<void> {
  const unknown: string[] = [];
  for (const cameraId of new Set(cameraIds)) if (!(await camerasRepository.get(tx, cameraId))) unknown.push(cameraId);
  if (unknown.length > 0) {
    throw new InvalidError('E_CAMERA_UNKNOWN', {
      message: { zh: `摄像机不存在:${unknown.join(', ')}`, en: `Unknown cameras: ${unknown.join(', ')}` },
      details: { field: 'cameraIds', cameraIds: unknown },
    });
  }
}

/** Camera groups: grant scopes and the camera sets of duty shifts. Adding cameras suspends the grants over the group. */
export class CameraGroupsService extends EntityService<
  CameraGroupRecord,
  z.output<typeof cameraGroupCreateInput>,
  z.output<typeof cameraGroupUpdateInput>
> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'cameraGroup',
      idPrefix: 'cgrp',
      repository: cameraGroupsRepository,
      targetOf: async (_db, group) => ({ unitId: group.unitId }),
      writeAction: 'ADMINISTER',
      createInput: cameraGroupCreateInput,
      updateInput: cameraGroupUpdateInput,
      build: async (tx, input, groupId) => {
        await requireActiveUnit(tx, input.unitId);
        return { ...input, cameraIds: [...new Set(input.cameraIds)], id: groupId, active: true };
      },
      check: async (tx, next) => requireCameras(tx, next.cameraIds),
      afterChange: (tx, next, _previous, now, actor) => onCameraGroupChanged(tx, next, actor, now),
    });
  }

  /** Beyond the group's unit: every camera put into the group must be within the actor's ADMINISTER reach. */
  protected override async authorize(tx: Db, actor: Actor, record: CameraGroupRecord, previous?: CameraGroupRecord): Promise<void> {
    await super.authorize(tx, actor, record, previous);
    if (!actor.principal || !this.ctx.gate) return;
    const already = new Set(previous?.cameraIds ?? []);
    for (const cameraId of record.cameraIds) {
      if (already.has(cameraId) || !(await camerasRepository.get(tx, cameraId))) continue;
      await this.ctx.gate.requireOver(actor.principal, 'ADMINISTER', await cameraTarget(tx, cameraId), { db: tx });
    }
  }

  async deactivate(groupId: string, actor: Actor): Promise<CameraGroupRecord> {
    return this.change(groupId, 'deactivate', actor, () => ({ active: false }));
  }
}
