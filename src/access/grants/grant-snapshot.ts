/**
 * What a grant's approval binds (issue 10): the role definition and, for a camera group, its cameras,
 * frozen at approval. A later change keeps the grant in force only when it provably narrows it.
 */
import type { Db } from '../../db/connect.ts';
import { cameraGroupsRepository } from '../repositories.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import type { ApprovedRole, GrantRecord } from './grant-model.ts';

/** Contractors may play back at most this far (REG-19-2). */
export const CONTRACTOR_PLAYBACK_DEPTH_HOURS = 1;

export function approvedRoleOf(role: Pick<RoleRecord, 'actions' | 'importantPosition' | 'requireTotp' | 'playbackDepthHours'>): ApprovedRole {
  return { actions: [...role.actions], importantPosition: role.importantPosition, requireTotp: role.requireTotp, playbackDepthHours: role.playbackDepthHours };
}

/** A camera group's cameras as a grant over it covers them now (none once the group is deactivated). */
export async function groupCameraIds(db: Db, grant: Pick<GrantRecord, 'scopeType' | 'scopeId'>): Promise<string[] | null> {
  if (grant.scopeType !== 'CAMERA_GROUP' || grant.scopeId === null) return null;
  const group = await cameraGroupsRepository.get(db, grant.scopeId);
  return group?.active ? [...group.cameraIds] : [];
}

/** Whether `next` allows nothing that `approved` did not: fewer actions, shallower playback, more conditions. */
export function roleNarrows(next: ApprovedRole, approved: ApprovedRole): boolean {
  const depthNarrows = next.playbackDepthHours !== null && (approved.playbackDepthHours === null || next.playbackDepthHours <= approved.playbackDepthHours);
  return (
    next.actions.every((a) => approved.actions.includes(a)) &&
    (depthNarrows || next.playbackDepthHours === approved.playbackDepthHours) &&
    (next.requireTotp || !approved.requireTotp) &&
    (next.importantPosition || !approved.importantPosition)
  );
}

export function camerasNarrow(next: readonly string[], approved: readonly string[]): boolean {
  return next.every((cameraId) => approved.includes(cameraId));
}

/**
 * Art. 19 limits applied at every request, whatever the approved role says: a contractor's staff never
 * exports and plays back at most CONTRACTOR_PLAYBACK_DEPTH_HOURS (REG-19-2).
 */
export function capForUser(role: ApprovedRole, userKind: string): ApprovedRole {
  if (userKind !== 'CONTRACTOR') return role;
  const depth = role.playbackDepthHours;
  return {
    ...role,
    actions: role.actions.filter((a) => a !== 'EXPORT'),
    playbackDepthHours: depth === null ? CONTRACTOR_PLAYBACK_DEPTH_HOURS : Math.min(depth, CONTRACTOR_PLAYBACK_DEPTH_HOURS),
  };
}
