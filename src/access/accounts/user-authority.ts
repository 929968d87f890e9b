/** Accounts are administered, listed and read only within the actor's ADMINISTER reach (the user's unit). */
import type { Db } from '../../db/connect.ts';
import type { Actor, ObjectGate } from '../../registry/services/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { NO_UNIT, type Target } from '../authorization/target.ts';
import type { Principal } from '../principal.ts';
import type { UserRow } from './user-model.ts';

function unitOf(unitId: string | null): Target {
  return { unitId: unitId ?? NO_UNIT };
}

export class UserAuthority {
  constructor(private readonly gate: ObjectGate | undefined) {}

  /** ADMINISTER over the account's unit (an account of no unit: only ALL); the local operator is not checked. */
  async requireOverUnit(actor: Actor, db: Db, unitId: string | null): Promise<void> {
    if (!actor.principal || !this.gate) return;
    await this.gate.requireOver(actor.principal, 'ADMINISTER', unitOf(unitId), { db });
  }

  async visible(viewer: Principal | undefined, db: Db, users: UserRow[]): Promise<UserRow[]> {
    if (!viewer || !this.gate) return users;
    const reach = await this.gate.reach(viewer, 'ADMINISTER', db);
    return reach.everything ? users : users.filter((u) => reach.covers(unitOf(u.unitId)));
  }

  /** An account outside the viewer's reach is answered as absent. */
  async requireVisible(viewer: Principal | undefined, db: Db, user: UserRow): Promise<void> {
    if ((await this.visible(viewer, db, [user])).length === 1) return;
    throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到用户:${user.id}`, en: `No user with id ${user.id}` }, details: { entityType: 'user', id: user.id } });
  }
}
