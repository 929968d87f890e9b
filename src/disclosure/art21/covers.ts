import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import type { CoveredRange } from '../../access/video-access/basis-repository.ts';

/** A consented art. 21 request whose scope holds the camera and range (REG-21-3); viewing only. */
export async function art21RequestCovers(_db: Db, _principal: Principal, _ref: string, _range: CoveredRange): Promise<boolean> {
  return false;
}
