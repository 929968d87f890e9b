/**
 * Retention records (holds, purpose links, ordered deletions, camera settings) are checked against
 * the cameras they name: a signed-in actor needs the action over every one of them, and sees only
 * records whose every camera lies within their reach. The local operator (CLI, jobs) is not checked.
 */
import type { Action } from '../access/actions.ts';
import { CameraReach, withinReach } from '../access/authorization/camera-reach.ts';
import { cameraTarget } from '../access/authorization/target.ts';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/connect.ts';
import { camerasRepository } from '../registry/repositories/index.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import { notFound } from './errors.ts';
import type { RetentionActor } from './history.ts';

export class RetentionScope {
  constructor(
    private readonly db: Db,
    private readonly gate: ObjectGate | undefined,
  ) {}

  /** `action` over every camera named (unknown cameras are left to the range checks, which name them). */
  async requireOver(actor: RetentionActor, action: Action, cameraIds: readonly string[]): Promise<void> {
    if (!actor.principal || !this.gate) return;
    for (const cameraId of new Set(cameraIds)) {
      if (!(await camerasRepository.get(this.db, cameraId))) continue;
      await this.gate.requireOver(actor.principal, action, await cameraTarget(this.db, cameraId));
    }
  }

  async visible<T>(viewer: Principal | undefined, records: readonly T[], camerasOf: (record: T) => readonly string[]): Promise<T[]> {
    if (!viewer || !this.gate) return [...records];
    return withinReach(records, new CameraReach(this.db, await this.gate.reach(viewer)), camerasOf);
  }

  /** A record outside the viewer's reach is answered as absent. */
  async requireVisible(viewer: Principal | undefined, cameraIds: readonly string[], kind: Parameters<typeof notFound>[0], id: string): Promise<void> {
    if ((await this.visible(viewer, [cameraIds], (c) => c)).length === 0) throw notFound(kind, id);
  }
}

export const camerasOfRanges = (record: { ranges: readonly { cameraId: string }[] }): string[] => [...new Set(record.ranges.map((r) => r.cameraId))];
