import type { GrantRecord } from '../grants/grant-model.ts';
import type { CameraGroupRecord } from '../duty/camera-group-model.ts';

/**
 * Whether a grant's scope covers a camera of a site (pure). A CAMERA_GROUP grant covers the cameras
 * frozen at its approval (`scopeCameraIds`), never cameras added to the group since; a group passed in
 * `groups` that is now inactive covers nothing.
 */
export function scopeCovers(
  grant: Pick<GrantRecord, 'scopeType' | 'scopeId'> & { scopeCameraIds?: readonly string[] | null },
  camera: { id: string; siteId: string },
  groups: ReadonlyMap<string, CameraGroupRecord>,
): boolean {
  switch (grant.scopeType) {
    case 'ALL':
      return true;
    case 'SITE':
      return grant.scopeId === camera.siteId;
    case 'CAMERA':
      return grant.scopeId === camera.id;
    case 'CAMERA_GROUP': {
      const group = grant.scopeId === null ? undefined : groups.get(grant.scopeId);
      if (group && !group.active) return false;
      return (grant.scopeCameraIds ?? []).includes(camera.id);
    }
  }
}
