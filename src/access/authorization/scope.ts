import type { GrantRecord } from '../grants/grant-model.ts';
import type { CameraGroupRecord } from '../duty/camera-group-model.ts';

/** Whether a grant's scope covers a camera of a site (pure; camera groups passed in). */
export function scopeCovers(
  grant: Pick<GrantRecord, 'scopeType' | 'scopeId'>,
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
      return group !== undefined && group.active && group.cameraIds.includes(camera.id);
    }
  }
}
