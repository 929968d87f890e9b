/**
 * Holds and purpose links as a signed-in user sees and changes them: a hold is seen when every camera
 * it holds is within reach, a purpose link when its camera is; creating, releasing, reviewing or
 * closing them needs ADMINISTER over each camera concerned (E_OUT_OF_SCOPE otherwise). The local
 * operator (CLI) and the system use the services directly.
 */
import { cameraTarget } from '../access/authorization/target.ts';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/connect.ts';
import type { Actor, ObjectGate } from '../registry/services/context.ts';
import { targetLookup } from '../registry/services/object-access.ts';
import { notFound } from './errors.ts';
import { holdCreateInput, type Hold, type HoldsService } from './holds-service.ts';
import { purposeCloseCaseInput, purposeOpenInput, type PurposeLink, type PurposesService } from './purposes-service.ts';

export class HoldsReach {
  constructor(private readonly d: { db: Db; gate?: ObjectGate; holds: HoldsService; purposes: PurposesService }) {}

  private async seer(viewer?: Principal): Promise<(cameraIds: readonly string[]) => Promise<boolean>> {
    if (!viewer || !this.d.gate) return async () => true;
    const reach = await this.d.gate.reach(viewer);
    if (reach.everything) return async () => true;
    const targets = targetLookup(this.d.db);
    return async (cameraIds) => {
      for (const id of cameraIds) if (!reach.covers(await targets.camera(id))) return false;
      return true;
    };
  }

  private async requireOver(actor: Actor, cameraIds: readonly string[]): Promise<void> {
    if (!actor.principal || !this.d.gate) return;
    for (const id of new Set(cameraIds)) await this.d.gate.requireOver(actor.principal, 'ADMINISTER', await cameraTarget(this.d.db, id));
  }

  async listHolds(filter: { active?: boolean; cameraId?: string }, viewer?: Principal): Promise<Hold[]> {
    const sees = await this.seer(viewer);
    const kept: Hold[] = [];
    for (const hold of await this.d.holds.list(filter)) if (await sees(hold.ranges.map((r) => r.cameraId))) kept.push(hold);
    return kept;
  }

  async getHold(id: string, viewer?: Principal): Promise<Hold> {
    const hold = await this.d.holds.get(id);
    if (!(await (await this.seer(viewer))(hold.ranges.map((r) => r.cameraId)))) throw notFound('hold', id);
    return hold;
  }

  async createHold(input: unknown, actor: Actor): Promise<Hold> {
    await this.requireOver(actor, holdCreateInput.parse(input).ranges.map((r) => r.cameraId));
    return this.d.holds.create(input, actor);
  }

  async releaseHold(id: string, input: unknown, actor: Actor): Promise<Hold> {
    await this.requireOver(actor, (await this.d.holds.get(id)).ranges.map((r) => r.cameraId));
    return this.d.holds.release(id, input, actor);
  }

  async reviewHold(id: string, input: unknown, actor: Actor): Promise<Hold> {
    await this.requireOver(actor, (await this.d.holds.get(id)).ranges.map((r) => r.cameraId));
    return this.d.holds.review(id, input, actor);
  }

  async listPurposes(filter: { cameraId?: string; open?: boolean; ref?: string }, viewer?: Principal): Promise<PurposeLink[]> {
    const sees = await this.seer(viewer);
    const kept: PurposeLink[] = [];
    for (const link of await this.d.purposes.list(filter)) if (await sees([link.cameraId])) kept.push(link);
    return kept;
  }

  async openPurpose(input: unknown, actor: Actor): Promise<PurposeLink> {
    await this.requireOver(actor, [purposeOpenInput.parse(input).cameraId]);
    return this.d.purposes.open(input, actor);
  }

  async closePurpose(id: string, actor: Actor): Promise<PurposeLink> {
    const link = (await this.d.purposes.list()).find((l) => l.id === id);
    if (link) await this.requireOver(actor, [link.cameraId]);
    return this.d.purposes.close(id, actor);
  }

  /** A case is closed by someone who may close every link of it. */
  async closeCase(input: unknown, actor: Actor): Promise<PurposeLink[]> {
    const { ref, basisType } = purposeCloseCaseInput.parse(input);
    const links = (await this.d.purposes.list({ ref })).filter((l) => l.basisType === basisType && l.closedAt === null);
    await this.requireOver(actor, links.map((l) => l.cameraId));
    return this.d.purposes.closeCase(input, actor);
  }
}
