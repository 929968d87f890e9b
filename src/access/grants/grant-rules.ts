/** The rules a grant must keep: scope targets exist, prerequisites of important positions, art. 19 limits on contractors. */
import type { Db } from '../../db/connect.ts';
import { camerasRepository, sitesRepository, unitsRepository } from '../../registry/repositories/index.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { UserFacts } from '../authorization/user-facts.ts';
import { requirePrerequisitesForGrant } from '../personnel/prerequisites.ts';
import { cameraGroupsRepository } from '../repositories.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import type { GrantRecord } from './grant-model.ts';
import { CONTRACTOR_PLAYBACK_DEPTH_HOURS } from './grant-snapshot.ts';


export async function requireScopeTarget(db: Db, grant: Pick<GrantRecord, 'scopeType' | 'scopeId'>): Promise<void> {
  if (grant.scopeType === 'ALL' || grant.scopeId === null) return;
  const exists =
    grant.scopeType === 'UNIT'
      ? await unitsRepository.get(db, grant.scopeId)
      : grant.scopeType === 'SITE'
      ? await sitesRepository.get(db, grant.scopeId)
      : grant.scopeType === 'CAMERA'
        ? await camerasRepository.get(db, grant.scopeId)
        : await cameraGroupsRepository.get(db, grant.scopeId);
  if (!exists) {
    throw new InvalidError('E_GRANT_SCOPE_UNKNOWN', {
      message: { zh: `授权范围 ${grant.scopeType} ${grant.scopeId} 不存在`, en: `The grant's scope ${grant.scopeType} ${grant.scopeId} does not exist` },
      details: { field: 'scopeId' },
    });
  }
}

export function requireContractorLimits(user: UserFacts, role: RoleRecord): void {
  if (user.kind !== 'CONTRACTOR') return;
  if (role.actions.includes('EXPORT')) {
    throw new InvalidError('E_CONTRACTOR_EXPORT_FORBIDDEN', {
      article: '19',
      message: { zh: '受托单位人员不得被授予导出(调取)权限', en: "A contractor's staff cannot be given the export permission" },
      details: { roleId: role.id },
    });
  }
  if (role.actions.includes('PLAYBACK') && (role.playbackDepthHours === null || role.playbackDepthHours > CONTRACTOR_PLAYBACK_DEPTH_HOURS)) {
    throw new InvalidError('E_CONTRACTOR_PLAYBACK_DEPTH', {
      article: '19',
      message: {
        zh: `受托单位人员的回放范围不得超过 ${CONTRACTOR_PLAYBACK_DEPTH_HOURS} 小时`,
        en: `A contractor's staff may play back at most ${CONTRACTOR_PLAYBACK_DEPTH_HOURS} h`,
      },
      details: { roleId: role.id, playbackDepthHours: role.playbackDepthHours },
    });
  }
}

/** Every rule a grant must satisfy to be requested or approved. */
export async function checkGrant(db: Db, grant: GrantRecord, user: UserFacts, role: RoleRecord): Promise<void> {
  await requireScopeTarget(db, grant);
  if (role.importantPosition) requirePrerequisitesForGrant(user.person, role.name);
  requireContractorLimits(user, role);
}
