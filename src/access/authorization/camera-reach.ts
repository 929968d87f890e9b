import type { Db } from '../../db/connect.ts';
import type { Reach } from './authorization-service.ts';
import { cameraTarget } from './target.ts';

/**
 * Whether records naming cameras (export requests, retention holds and orders, register entries) lie
 * within a reach: every camera they name must be covered. A record naming no camera, or a camera that
 * no longer exists, is within an ALL reach only. Camera lookups are cached for one listing.
 */
export class CameraReach {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly db: Db,
    readonly reach: Reach,
  ) {}

  async coversAll(cameraIds: readonly string[]): Promise<boolean> {
    if (this.reach.everything) return true;
    if (cameraIds.length === 0) return false;
    for (const cameraId of cameraIds) if (!(await this.covers(cameraId))) return false;
    return true;
  }

  private async covers(cameraId: string): Promise<boolean> {
    let answer = this.known.get(cameraId);
    if (answer === undefined) {
      answer = await cameraTarget(this.db, cameraId).then(
        (target) => this.reach.covers(target),
        () => false,
      );
      this.known.set(cameraId, answer);
    }
    return answer;
  }
}

/** Keeps the records whose cameras all lie within the reach. */
export async function withinReach<T>(records: readonly T[], reach: CameraReach, camerasOf: (record: T) => readonly string[]): Promise<T[]> {
  if (reach.reach.everything) return [...records];
  const kept: T[] = [];
  for (const record of records) if (await reach.coversAll(camerasOf(record))) kept.push(record);
  return kept;
}
