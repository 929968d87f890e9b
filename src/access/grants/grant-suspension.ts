/**
 * A changed role or camera group never widens what was approved (issue 10): each grant in force on it
 * either keeps its frozen definition narrowed to the change (when the change provably only narrows) or
 * is SUSPENDED until approved again. Runs in the transaction of the change; each grant's step goes to
 * the history.
 */
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import type { Actor } from '../../registry/services/context.ts';
import type { CameraGroupRecord } from '../duty/camera-group-model.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import type { GrantRecord } from './grant-model.ts';
import { approvedRoleOf, camerasNarrow, roleNarrows } from './grant-snapshot.ts';
import { grantsRepository } from './grants-repository.ts';

type Outcome = { narrowed: Partial<GrantRecord> } | 'suspend' | 'unchanged';

async function apply(tx: Db, grants: GrantRecord[], decide: (grant: GrantRecord) => Outcome, actor: Actor, now: Date, why: string): Promise<void> {
  const at = now.toISOString();
  for (const grant of grants) {
    const outcome = decide(grant);
    if (outcome === 'unchanged') continue;
    const next: GrantRecord = outcome === 'suspend' ? { ...grant, status: 'SUSPENDED', suspendedBy: actor.name, suspendedAt: at } : { ...grant, ...outcome.narrowed };
    await grantsRepository.update(tx, next);
    await historyRepository.append(tx, {
      entityType: 'grant',
      entityId: grant.id,
      action: outcome === 'suspend' ? 'suspend' : 'narrow',
      actor: actor.name,
      at,
      before: grant,
      after: next,
      reason: why,
    });
  }
}

export async function onRoleChanged(tx: Db, role: RoleRecord, actor: Actor, now: Date): Promise<void> {
  const definition = approvedRoleOf(role);
  const grants = await grantsRepository.list(tx, { roleId: role.id, status: 'ACTIVE' });
  await apply(
    tx,
    grants,
    (grant) => {
      if (grant.approvedRole === null) return 'suspend';
      if (JSON.stringify(grant.approvedRole) === JSON.stringify(definition)) return 'unchanged';
      return roleNarrows(definition, grant.approvedRole) ? { narrowed: { approvedRole: definition } } : 'suspend';
    },
    actor,
    now,
    `角色 ${role.name} 已更改 / role ${role.nameEn} changed`,
  );
}

export async function onCameraGroupChanged(tx: Db, group: CameraGroupRecord, actor: Actor, now: Date): Promise<void> {
  const cameraIds = group.active ? group.cameraIds : [];
  const grants = (await grantsRepository.list(tx, { scopeId: group.id, status: 'ACTIVE' })).filter((g) => g.scopeType === 'CAMERA_GROUP');
  await apply(
    tx,
    grants,
    (grant) => {
      const approved = grant.scopeCameraIds ?? [];
      if (cameraIds.length === approved.length && camerasNarrow(cameraIds, approved)) return 'unchanged';
      return camerasNarrow(cameraIds, approved) ? { narrowed: { scopeCameraIds: [...cameraIds] } } : 'suspend';
    },
    actor,
    now,
    `摄像机组 ${group.name} 已更改 / camera group ${group.name} changed`,
  );
}
