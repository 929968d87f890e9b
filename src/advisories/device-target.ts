import type { Target } from '../access/authorization/target.ts';
import type { targetLookup } from '../registry/services/object-access.ts';

/** Where a device sits: a camera is checked as the camera, an asset as its site. */
export function deviceTarget(targets: ReturnType<typeof targetLookup>, device: { kind: 'camera' | 'asset'; id: string; siteId: string }): Promise<Target> {
  return device.kind === 'camera' ? targets.camera(device.id) : targets.site(device.siteId);
}
