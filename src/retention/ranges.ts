/** Checks the camera ranges of a hold, a purpose link or an order before they are stored. */
import type { Db } from '../db/connect.ts';
import { camerasRepository } from '../registry/repositories/index.ts';
import { notFound, rangeInvalid } from './errors.ts';
import type { CameraRange } from './model.ts';

export async function checkRanges(db: Db, ranges: readonly CameraRange[]): Promise<void> {
  if (ranges.length === 0) throw rangeInvalid('at least one camera range is needed');
  for (const r of ranges) {
    if (r.from !== null && r.to !== null && r.from >= r.to) throw rangeInvalid(`${r.cameraId}: from must be before to`);
    if (!(await camerasRepository.get(db, r.cameraId))) throw notFound('camera', r.cameraId);
  }
}
