import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import type { CoveredRange } from '../../access/video-access/basis-repository.ts';
import { releaseRepository } from './release-repository.ts';

/**
 * A public release (art. 22) whose source range holds the camera and range: the editor plays the
 * source while the release is in progress (a draft or approved, not yet published or rejected). The
 * caller's PLAYBACK grant on the camera was checked by the gate first; the playback is registered
 * with the release as its basis.
 */
export async function publicReleaseCovers(db: Db, _principal: Principal, ref: string, range: CoveredRange): Promise<boolean> {
  return releaseRepository.openCovering(db, ref, range.cameraId, range.from, range.to);
}
