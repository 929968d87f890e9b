/**
 * Who may request, decide, revoke and read a grant (REG-16-3): each is checked against the grant's
 * whole scope and the grantee's unit, never against "some grant of mine has this action".
 */
import type { Db } from '../../db/connect.ts';
import type { ObjectGate } from '../../registry/services/context.ts';
import { ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import type { Action } from '../actions.ts';
import { cameraTarget, EVERYTHING, NO_UNIT, siteTarget, unitTarget, type Target } from '../authorization/target.ts';
import type { Principal } from '../principal.ts';
import { cameraGroupsRepository } from '../repositories.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import type { GrantRecord } from './grant-model.ts';
import { requireScopeTarget } from './grant-rules.ts';

type Scope = Pick<GrantRecord, 'scopeType' | 'scopeId'>;

/**
 * The objects a scope consists of. A camera group is its cameras (an empty group: its unit, so
 * that only unit-wide power hands it out, since cameras may be added later).
 */
export async function scopeTargets(db: Db, scope: Scope): Promise<Target[]> {
  await requireScopeTarget(db, scope);
  const id = scope.scopeId ?? '';
  switch (scope.scopeType) {
    case 'ALL':
      return [EVERYTHING];
    case 'UNIT':
      return [await unitTarget(db, id)];
    case 'SITE':
      return [await siteTarget(db, id)];
    case 'CAMERA':
      return [await cameraTarget(db, id)];
    case 'CAMERA_GROUP': {
      const group = await cameraGroupsRepository.get(db, id);
      if (!group || group.cameraIds.length === 0) return [{ unitId: group?.unitId ?? NO_UNIT }];
      const targets: Target[] = [];
      for (const cameraId of group.cameraIds) targets.push(await cameraTarget(db, cameraId).catch(() => ({ unitId: group.unitId })));
      return targets;
    }
  }
}

function granteeTarget(unitId: string | null): Target {
  return { unitId: unitId ?? NO_UNIT };
}

/** Powers that let their holder hand out access: only someone who administers the scope may approve them. */
const HANDING_OUT: readonly Action[] = ['ADMINISTER', 'APPROVE'];

export class GrantAuthority {
  constructor(private readonly gate: ObjectGate | undefined) {}

  /** Requesting: ADMINISTER over the grantee's unit and over the whole scope. */
  async requireRequest(principal: Principal, db: Db, grant: Scope, granteeUnitId: string | null): Promise<void> {
    if (!this.gate) return;
    await this.gate.requireOver(principal, 'ADMINISTER', granteeTarget(granteeUnitId), { db });
    await this.requireOverScope(principal, 'ADMINISTER', db, grant);
  }

  /** Approving or rejecting: APPROVE over the whole scope; a role that hands out access needs ADMINISTER over it too. */
  async requireDecision(principal: Principal, db: Db, grant: Scope, role: Pick<RoleRecord, 'actions'> | undefined): Promise<void> {
    if (!this.gate) return;
    await this.requireOverScope(principal, 'APPROVE', db, grant);
    if (role && role.actions.some((a) => HANDING_OUT.includes(a))) await this.requireOverScope(principal, 'ADMINISTER', db, grant);
  }

  /** Revoking: ADMINISTER or APPROVE over the whole scope. */
  async requireRevoke(principal: Principal, db: Db, grant: Scope): Promise<void> {
    if (!this.gate) return;
    try {
      await this.requireOverScope(principal, 'ADMINISTER', db, grant);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      await this.requireOverScope(principal, 'APPROVE', db, grant);
    }
  }

  /** The grants the principal may read: grantee's unit or whole scope within their ADMINISTER or APPROVE reach. */
  async visible(principal: Principal, db: Db, grants: GrantRecord[], unitOf: (userId: string) => Promise<string | null>): Promise<GrantRecord[]> {
    if (!this.gate) return grants;
    const reaches = await Promise.all(HANDING_OUT.map((action) => this.gate!.reach(principal, action, db)));
    if (reaches.some((r) => r.everything)) return grants;
    const within = (target: Target) => reaches.some((r) => r.covers(target));
    const out: GrantRecord[] = [];
    for (const grant of grants) {
      if (within(granteeTarget(await unitOf(grant.userId)))) {
        out.push(grant);
        continue;
      }
      const targets = await scopeTargets(db, grant).catch(() => [EVERYTHING]);
      if (targets.every(within)) out.push(grant);
    }
    return out;
  }

  /** One grant outside the principal's reach is answered as absent. */
  async requireVisible(principal: Principal, db: Db, grant: GrantRecord, unitOf: (userId: string) => Promise<string | null>): Promise<void> {
    if ((await this.visible(principal, db, [grant], unitOf)).length === 1) return;
    throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到授权 ${grant.id}`, en: `No grant ${grant.id}` } });
  }

  private async requireOverScope(principal: Principal, action: Action, db: Db, grant: Scope): Promise<void> {
    for (const target of await scopeTargets(db, grant)) await this.gate!.requireOver(principal, action, target, { db });
  }
}
