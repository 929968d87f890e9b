/**
 * A changed role or camera group never widens what was approved (issue 10): each grant in force on it
 * either keeps its frozen definition narrowed to the change (when the change provably only narrows) or
 * is SUSPENDED until approved again. Runs in the transaction of the change; each grant's step goes to
 * the history.
 */
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import type { Actor } from '../../registry/services/context.ts';
import { ConflictError } from '../../shared/errors.ts';
import type { CameraGroupRecord } from '../duty/camera-group-model.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import type { GrantRecord } from './grant-model.ts';
import { approvedRoleOf, camerasNarrow, roleNarrows } from './grant-snapshot.ts';
import { grantsRepository } from './grants-repository.ts';

type Outcome = { narrowed: Partial<GrantRecord> } | 'suspend' | 'unchanged';

async function apply(tx: Db, grants: GrantRecord[], decide: (grant: GrantRecord) => Outcome, actor: Actor, now: Date, why: string): Promise<void> {
  const at = now.toISOString();
  const outcomes = grants.map((grant) => ({ grant, outcome: decide(grant) }));
  await keepAnApprover(tx, outcomes.filter((o) => o.outcome === 'suspend').map((o) => o.grant), actor, now);
  for (const { grant, outcome } of outcomes) {
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

/**
 * A change that would suspend every approver but its author is refused: the suspended grants could
 * then never be approved again without editing the database.
 */
async function keepAnApprover(tx: Db, suspending: GrantRecord[], actor: Actor, now: Date): Promise<void> {
  if (!suspending.some((g) => g.approvedRole?.actions.includes('APPROVE'))) return;
  const suspended = new Set(suspending.map((g) => g.id));
  const author = await tx.selectFrom('users').select('id').where('username', '=', actor.name).executeTakeFirst();
  const approvers = await tx.selectFrom('users').select('id').where('active', '=', 1).where('id', '!=', author?.id ?? '').execute();
  for (const { id: userId } of approvers) {
    const grants = await grantsRepository.activeFor(tx, userId, now);
    if (grants.some(({ grant, role }) => !suspended.has(grant.id) && role.actions.includes('APPROVE'))) return;
  }
  throw new ConflictError('E_LAST_APPROVERS', {
    article: '16.2(2)',
    message: {
      zh: '此更改将暂停除您以外所有审批人的授权,之后无人能重新批准',
      en: 'This change would suspend every approver other than you, and nobody could approve the grants again',
    },
  });
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
