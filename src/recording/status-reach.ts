/**
 * The recording status a signed-in user may see: only cameras within their reach (the status names
 * cameras and their faults). The reach is read once, so a stream of events filters cheaply.
 */
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/connect.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import { targetLookup } from '../registry/services/object-access.ts';

export async function cameraFilterFor(db: Db, gate: ObjectGate, viewer: Principal): Promise<<T extends { cameraId: string }>(items: readonly T[]) => Promise<T[]>> {
  const reach = await gate.reach(viewer);
  const targets = targetLookup(db);
  return async (items) => {
    if (reach.everything) return [...items];
    const kept = [];
    for (const item of items) if (reach.covers(await targets.camera(item.cameraId))) kept.push(item);
    return kept;
  };
}
