/** Reads of the user's grants that sign-in needs: the actions they hold now, and whether any of their roles asks for TOTP. */
import type { Db } from '../../db/connect.ts';
import { ACTIONS, type Action } from '../actions.ts';
import { grantsRepository } from '../grants/grants-repository.ts';

export interface ActiveRole {
  grantId: string;
  roleId: string;
  actions: Action[];
  requireTotp: boolean;
}

/** The user's grants in force at `now`, with their roles as approved (grantsRepository.activeFor), never as edited since. */
export async function activeRolesOf(db: Db, userId: string, now: Date): Promise<ActiveRole[]> {
  return (await grantsRepository.activeFor(db, userId, now)).map(({ grant, role }) => ({
    grantId: grant.id,
    roleId: role.id,
    actions: role.actions,
    requireTotp: role.requireTotp,
  }));
}

export async function actionsOf(db: Db, userId: string, now: Date): Promise<Action[]> {
  const held = new Set((await activeRolesOf(db, userId, now)).flatMap((r) => r.actions));
  return ACTIONS.filter((a) => held.has(a));
}

export async function totpRequiredFor(db: Db, userId: string, now: Date): Promise<boolean> {
  return (await activeRolesOf(db, userId, now)).some((r) => r.requireTotp);
}
