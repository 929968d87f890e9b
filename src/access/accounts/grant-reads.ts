/** Reads of the user's grants that sign-in needs: the actions they hold now, and whether any of their roles asks for TOTP. */
import type { Db } from '../../db/connect.ts';
import { ACTIONS, type Action } from '../actions.ts';

export interface ActiveRole {
  grantId: string;
  roleId: string;
  actions: Action[];
  requireTotp: boolean;
}

/** Roles of the user's grants that are ACTIVE and in their validity window at `now`. */
export async function activeRolesOf(db: Db, userId: string, now: Date): Promise<ActiveRole[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('grants')
    .innerJoin('roles', 'roles.id', 'grants.roleId')
    .select(['grants.id as grantId', 'roles.id as roleId', 'roles.actions', 'roles.requireTotp', 'roles.active'])
    .where('grants.userId', '=', userId)
    .where('grants.status', '=', 'ACTIVE')
    .where('grants.validFrom', '<=', at)
    .where((eb) => eb.or([eb('grants.validTo', 'is', null), eb('grants.validTo', '>', at)]))
    .execute();
  return rows
    .filter((r) => r.active === 1)
    .map((r) => ({
      grantId: r.grantId,
      roleId: r.roleId,
      actions: (JSON.parse(r.actions) as string[]).filter((a): a is Action => (ACTIONS as readonly string[]).includes(a)),
      requireTotp: r.requireTotp === 1,
    }));
}

export async function actionsOf(db: Db, userId: string, now: Date): Promise<Action[]> {
  const held = new Set((await activeRolesOf(db, userId, now)).flatMap((r) => r.actions));
  return ACTIONS.filter((a) => held.has(a));
}

export async function totpRequiredFor(db: Db, userId: string, now: Date): Promise<boolean> {
  return (await activeRolesOf(db, userId, now)).some((r) => r.requireTotp);
}
