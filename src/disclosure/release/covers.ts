import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import type { CoveredRange } from '../../access/video-access/basis-repository.ts';

/** A public release (art. 22) whose source range holds the camera and range. */
export async function publicReleaseCovers(_db: Db, _principal: Principal, _ref: string, _range: CoveredRange): Promise<boolean> {
  return false;
}
