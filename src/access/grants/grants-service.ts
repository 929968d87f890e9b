import type { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { RegistryContext } from '../../registry/services/context.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { loadUserFacts, type UserFacts } from '../authorization/user-facts.ts';
import type { Principal } from '../principal.ts';
import { rolesRepository } from '../repositories.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import { grantDecisionInput, grantRequestInput, grantRevokeInput, type GrantRecord } from './grant-model.ts';
import { GrantAuthority } from './grant-authority.ts';
import { checkGrant } from './grant-rules.ts';
import { approvedRoleOf, groupCameraIds } from './grant-snapshot.ts';
import { bootstrapWindow, SYSTEM_BOOTSTRAP_WINDOW } from './bootstrap-window.ts';
import { grantsRepository } from './grants-repository.ts';
import type { SecurityObserver } from '../../events/security/security-observer.ts';

/**
 * Grants (REG-16-3): requested by one person, approved by another who is neither the grantee nor the
 * requester, revoked with a reason. An approval freezes the role's definition and the group's cameras
 * on the grant; changing either suspends it (grant-suspension.ts) until someone other than whoever
 * changed them approves it again. Each step is in the administration history.
 */
export class GrantsService {
  private readonly authority: GrantAuthority;

  constructor(
    private readonly ctx: RegistryContext,
    /** Told of each grant that takes effect (a new administrator, a grant over everything: art. 23(3)). */
    private readonly observer?: Pick<SecurityObserver, 'grantActivated'>,
  ) {
    this.authority = new GrantAuthority(ctx.gate);
  }

  /** A viewer sees the grants of their ADMINISTER or APPROVE reach (grantee's unit or whole scope). */
  async list(filter: { userId?: string; status?: string } = {}, viewer?: Principal): Promise<GrantRecord[]> {
    const grants = await grantsRepository.list(this.ctx.db, filter);
    return viewer ? this.authority.visible(viewer, this.ctx.db, grants, (id) => this.unitOf(id)) : grants;
  }

  async get(grantId: string, viewer?: Principal): Promise<GrantRecord> {
    const grant = await this.require(this.ctx.db, grantId);
    if (viewer) await this.authority.requireVisible(viewer, this.ctx.db, grant, (id) => this.unitOf(id));
    return grant;
  }

  async request(input: unknown, principal: Principal): Promise<GrantRecord> {
    const parsed = grantRequestInput.parse(input);
    const now = this.ctx.clock.now();
    const result = await this.ctx.db.transaction().execute(async (tx) => {
      const { user, role } = await this.subjects(tx, parsed.userId, parsed.roleId);
      await this.authority.requireRequest(principal, tx, parsed, user.unitId);
      const validTo = capValidity(parsed.validTo === null ? null : new Date(parsed.validTo).toISOString(), user);
      const grant: GrantRecord = {
        id: newId('grant'),
        userId: parsed.userId,
        roleId: parsed.roleId,
        scopeType: parsed.scopeType,
        scopeId: parsed.scopeId,
        status: 'PENDING',
        validFrom: parsed.validFrom ? new Date(parsed.validFrom).toISOString() : now.toISOString(),
        validTo,
        reason: parsed.reason,
        requestedBy: principal.userId,
        requestedAt: now.toISOString(),
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        revokedBy: null,
        revokedAt: null,
        approvedRole: null,
        scopeCameraIds: null,
        suspendedBy: null,
        suspendedAt: null,
      };
      await checkGrant(tx, grant, user, role);
      await grantsRepository.insert(tx, grant);
      await this.record(tx, grant, 'request', principal, null, parsed.reason);
      const window = await bootstrapWindow(tx, now);
      if (!window?.open || !opensWithWindow(grant, role, principal, window.firstAdministratorId)) return grant;
      const activated = await this.approved(tx, grant, role, SYSTEM_BOOTSTRAP_WINDOW, now.toISOString(), BOOTSTRAP_NOTE);
      await this.record(tx, activated, 'approve', { username: SYSTEM_BOOTSTRAP_WINDOW }, grant, BOOTSTRAP_NOTE);
      return activated;
    });
    if (result.status === 'ACTIVE') await this.activated(result, `${SYSTEM_BOOTSTRAP_WINDOW} (${principal.username})`, principal.clientAddress);
    return result;
  }

  /**
   * Approves a PENDING grant, or a SUSPENDED one again: either way the role's definition and the group's
   * cameras as they are now are what is approved, and frozen on the grant.
   */
  async approve(grantId: string, input: unknown, principal: Principal): Promise<GrantRecord> {
    const { note } = grantDecisionInput.parse(input ?? {});
    const approved = await this.decide(grantId, principal, 'ACTIVE', note ?? null, async (tx, grant) => {
      const { user, role } = await this.subjects(tx, grant.userId, grant.roleId);
      await this.authority.requireDecision(principal, tx, grant, role);
      await checkGrant(tx, grant, user, role);
      return { approvedRole: approvedRoleOf(role), scopeCameraIds: await groupCameraIds(tx, grant), suspendedBy: null, suspendedAt: null };
    });
    await this.activated(approved, principal.username, principal.clientAddress);
    return approved;
  }

  /** Tells the observer of a grant that took effect, once its transaction is committed. */
  private async activated(grant: GrantRecord, actor: string, sourceAddress: string): Promise<void> {
    if (!this.observer || grant.status !== 'ACTIVE') return;
    const target = await loadUserFacts(this.ctx.db, grant.userId);
    this.observer.grantActivated({
      grantId: grant.id,
      roleId: grant.roleId,
      scopeType: grant.scopeType,
      scopeId: grant.scopeId,
      actions: grant.approvedRole?.actions ?? [],
      target: { userId: grant.userId, username: target?.username ?? grant.userId },
      actor,
      sourceAddress,
    });
  }

  async reject(grantId: string, input: unknown, principal: Principal): Promise<GrantRecord> {
    const { note } = grantDecisionInput.parse(input ?? {});
    return this.decide(grantId, principal, 'REJECTED', note ?? null, async (tx, grant) => {
      await this.authority.requireDecision(principal, tx, grant, await rolesRepository.get(tx, grant.roleId));
      return {};
    });
  }

  async revoke(grantId: string, input: unknown, principal: Principal): Promise<GrantRecord> {
    const { reason } = grantRevokeInput.parse(input);
    const now = this.ctx.clock.now().toISOString();
    return this.ctx.db.transaction().execute(async (tx) => {
      const current = await this.require(tx, grantId);
      await this.authority.requireRevoke(principal, tx, current);
      if (current.status === 'REVOKED' || current.status === 'REJECTED') return current;
      const next: GrantRecord = { ...current, status: 'REVOKED', revokedBy: principal.userId, revokedAt: now };
      await grantsRepository.update(tx, next);
      await this.record(tx, next, 'revoke', principal, current, reason);
      return next;
    });
  }

  private async decide(
    grantId: string,
    principal: Principal,
    status: 'ACTIVE' | 'REJECTED',
    note: string | null,
    check: (tx: Db, grant: GrantRecord) => Promise<Partial<GrantRecord>>,
  ): Promise<GrantRecord> {
    const now = this.ctx.clock.now().toISOString();
    return this.ctx.db.transaction().execute(async (tx) => {
      const current = await this.require(tx, grantId);
      if (current.status !== 'PENDING' && current.status !== 'SUSPENDED') {
        throw new ConflictError('E_GRANT_NOT_PENDING', {
          message: { zh: `该授权已是 ${current.status} 状态`, en: `The grant is already ${current.status}` },
          details: { status: current.status },
        });
      }
      if (principal.userId === current.userId || principal.userId === current.requestedBy) {
        throw new ConflictError('E_SELF_APPROVAL', {
          article: '16.2(2)',
          message: { zh: '不得审批本人的授权或本人提出的申请', en: 'Nobody may decide on a grant for themselves or on their own request' },
        });
      }
      if (current.status === 'SUSPENDED' && principal.username === current.suspendedBy) {
        throw new ConflictError('E_SELF_APPROVAL', {
          article: '16.2(2)',
          message: {
            zh: '更改角色或摄像机组的人不得重新批准因此暂停的授权',
            en: 'Whoever changed the role or camera group cannot approve again the grants that the change suspended',
          },
          details: { suspendedBy: current.suspendedBy },
        });
      }
      const frozen = await check(tx, current);
      const next: GrantRecord = { ...current, ...frozen, status, decidedBy: principal.userId, decidedAt: now, decisionNote: note };
      await grantsRepository.update(tx, next);
      await this.record(tx, next, status === 'ACTIVE' ? 'approve' : 'reject', principal, current, note);
      return next;
    });
  }

  private async approved(tx: Db, grant: GrantRecord, role: RoleRecord, decidedBy: string, at: string, note: string): Promise<GrantRecord> {
    const next: GrantRecord = {
      ...grant,
      status: 'ACTIVE',
      decidedBy,
      decidedAt: at,
      decisionNote: note,
      approvedRole: approvedRoleOf(role),
      scopeCameraIds: await groupCameraIds(tx, grant),
    };
    await grantsRepository.update(tx, next);
    return next;
  }

  private async subjects(tx: Db, userId: string, roleId: string): Promise<{ user: UserFacts; role: RoleRecord }> {
    const user = await loadUserFacts(tx, userId);
    if (!user?.active) {
      throw new InvalidError('E_USER_UNKNOWN', { message: { zh: '用户不存在或已停用', en: 'Unknown or inactive user' }, details: { field: 'userId' } });
    }
    const role = await rolesRepository.get(tx, roleId);
    if (!role?.active) {
      throw new InvalidError('E_ROLE_UNKNOWN', { message: { zh: '角色不存在或已停用', en: 'Unknown or inactive role' }, details: { field: 'roleId' } });
    }
    return { user, role };
  }

  private async unitOf(userId: string): Promise<string | null> {
    return (await loadUserFacts(this.ctx.db, userId))?.unitId ?? null;
  }

  private async require(db: Db, grantId: string): Promise<GrantRecord> {
    const grant = await grantsRepository.get(db, grantId);
    if (!grant) throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到授权 ${grantId}`, en: `No grant ${grantId}` } });
    return grant;
  }

  private async record(tx: Db, grant: GrantRecord, action: string, principal: Pick<Principal, 'username'>, before: GrantRecord | null, reason: string | null): Promise<void> {
    await historyRepository.append(tx, {
      entityType: 'grant',
      entityId: grant.id,
      action,
      actor: principal.username,
      at: this.ctx.clock.now().toISOString(),
      before,
      after: grant,
      reason,
    });
  }
}

const BOOTSTRAP_NOTE = '启动窗口内首位管理员授予的第二管理员 / second administrator, granted by the first one within the bootstrap window';

/** The one grant the bootstrap window activates: the first administrator making another user an administrator over ALL. */
function opensWithWindow(grant: GrantRecord, role: RoleRecord, principal: Principal, firstAdministratorId: string): boolean {
  return (
    principal.userId === firstAdministratorId &&
    grant.userId !== principal.userId &&
    role.key === 'ADMINISTRATOR' &&
    grant.scopeType === 'ALL' &&
    grant.validFrom <= grant.requestedAt
  );
}

/** A contractor's grants end with the commission (REG-19-2). */
function capValidity(validTo: string | null, user: UserFacts): string | null {
  if (user.validUntil === null) return validTo;
  if (validTo === null || validTo > user.validUntil) return user.validUntil;
  return validTo;
}

export type GrantRequest = z.input<typeof grantRequestInput>;
