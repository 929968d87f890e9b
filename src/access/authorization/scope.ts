import type { GrantRecord } from '../grants/grant-model.ts';
import type { CameraGroupRecord } from '../duty/camera-group-model.ts';
import type { Target } from './target.ts';

/**
 * Whether a grant's scope covers an object (pure). A scope covers only what lies inside it: a SITE
 * scope covers the site, its zones, signs and cameras, never its unit; a CAMERA or CAMERA_GROUP scope
 * covers cameras only, never the site they stand in. A CAMERA_GROUP grant covers the cameras frozen at
 * its approval (`scopeCameraIds`), never cameras added to the group since; a group passed in `groups`
 * that is now inactive covers nothing.
 */
export function scopeCovers(
  grant: Pick<GrantRecord, 'scopeType' | 'scopeId'> & { scopeCameraIds?: readonly string[] | null },
  target: Target,
  groups: ReadonlyMap<string, CameraGroupRecord>,
): boolean {
  switch (grant.scopeType) {
    case 'ALL':
      return true;
    case 'UNIT':
      return grant.scopeId === target.unitId;
    case 'SITE':
      return target.siteId != null && grant.scopeId === target.siteId;
    case 'CAMERA':
      return target.cameraId != null && grant.scopeId === target.cameraId;
    case 'CAMERA_GROUP': {
      const group = grant.scopeId === null ? undefined : groups.get(grant.scopeId);
      if (group && !group.active) return false;
      return target.cameraId != null && (grant.scopeCameraIds ?? []).includes(target.cameraId);
    }
  }
}

/** Whether scope `outer` contains every object of scope `inner` (for approving and delegating). */
export function scopeContains(
  outer: Pick<GrantRecord, 'scopeType' | 'scopeId'>,
  inner: { scopeType: GrantRecord['scopeType']; targets: readonly Target[] },
  groups: ReadonlyMap<string, CameraGroupRecord>,
): boolean {
  if (outer.scopeType === 'ALL') return true;
  if (inner.scopeType === 'ALL') return false;
  return inner.targets.length > 0 && inner.targets.every((target) => scopeCovers(outer, target, groups));
}
