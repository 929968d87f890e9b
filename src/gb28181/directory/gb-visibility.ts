/**
 * Who sees what of the GB/T 28181 directory. Device-level data (every device, its address, channels not
 * yet linked, queries sent to a device) is for holders of CONFIG or ADMINISTER over everything. A channel linked to a registry camera is also visible to whoever holds CONFIG, LIVE
 * or PLAYBACK on that camera.
 */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import { cameraTarget } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import type { Db } from '../../db/connect.ts';
import { NotFoundError } from '../../shared/errors.ts';

export class GbVisibility {
  constructor(
    private readonly db: Db,
    private readonly gate: AuthorizationService,
  ) {}

  /** Devices belong to no unit: CONFIG or ADMINISTER over everything, never a grant scoped to one unit or camera. */
  async seesDevices(principal: Principal): Promise<boolean> {
    if ((await this.gate.reach(principal, 'CONFIG')).everything) return true;
    return (await this.gate.reach(principal, 'ADMINISTER')).everything;
  }

  /** Whether the principal holds one of the actions on the camera (a camera that no longer exists: no). */
  async onCamera(principal: Principal, cameraId: string, actions: ReadonlyArray<'CONFIG' | 'LIVE' | 'PLAYBACK'>): Promise<boolean> {
    let target;
    try {
      target = await cameraTarget(this.db, cameraId);
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
    for (const action of actions) if (await this.gate.may(principal, action, target)) return true;
    return false;
  }

  async seesChannel(principal: Principal, cameraId: string | null): Promise<boolean> {
    return cameraId !== null && this.onCamera(principal, cameraId, ['CONFIG', 'LIVE', 'PLAYBACK']);
  }
}
