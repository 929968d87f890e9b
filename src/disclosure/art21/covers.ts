import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import type { CoveredRange } from '../../access/video-access/basis-repository.ts';
import { art21Repository } from './repository.ts';
import { scopeHolds } from './scope.ts';

/**
 * A consented art. 21 request whose scope holds the camera and range (REG-21-3); viewing only: the
 * export path refuses this basis (E_VIEW_ONLY) and its sessions hand out VIEW_ONLY tokens.
 */
export async function art21RequestCovers(db: Db, _principal: Principal, ref: string, range: CoveredRange): Promise<boolean> {
  const scope = await art21Repository.approvedScope(db, ref);
  return scope !== undefined && scopeHolds(scope, { cameraId: range.cameraId, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() });
}
