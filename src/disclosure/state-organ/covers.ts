import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import type { CoveredRange } from '../../access/video-access/basis-repository.ts';

/** An approved state-organ request (art. 20) whose scope holds the camera and range (REG-20-2). */
export async function stateOrganRequestCovers(_db: Db, _principal: Principal, _ref: string, _range: CoveredRange): Promise<boolean> {
  return false;
}
