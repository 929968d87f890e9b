/**
 * User accounts: create, read, change, deactivate (never delete), unlock, password resets. Each change is
 * written to the administration history in the same transaction.
 */
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import { InvalidError, NotFoundError, UnauthenticatedError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, ObjectGate } from '../../registry/services/context.ts';
import type { Principal } from '../principal.ts';
import { UserAuthority } from './user-authority.ts';
import { splitChangeReason } from '../../registry/services/entity-service.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import { credentialResetsRepository, holdsPrivilege, resetViewOf, type CredentialResetView, type ResetKind } from './credential-resets.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { revokeCredentialsOf, type RevocationReason } from './credential-revocation.ts';
import type { SignInThrottle } from './login-throttle.ts';
import { contractorBasis, requireKindFitsUnit, requirePerson, requireUnit, requireUsernameFree } from './user-checks.ts';
import { recordUserChange } from './user-history.ts';
import { passwordChangeInput, passwordResetInput, userCreateInput, userUpdateInput, viewOf, type UserRow, type UserView } from './user-model.ts';
import { usersRepository } from './users-repository.ts';

export interface AccessContext {
  db: Db;
  clock: Clock;
  /** Present where signed-in users act: accounts are administered only within the actor's ADMINISTER reach. */
  gate?: ObjectGate;
}

/** A credential reset either took effect, or waits for a second administrator. */
export type ResetOutcome = { applied: UserView } | { pending: CredentialResetView };

function resetPatch(kind: ResetKind, passwordHash: string | null): (user: UserRow, tx: Db, now: string) => Partial<UserRow> {
  if (kind === 'TOTP') return () => ({ totpSecret: null, totpEnabled: 0 });
  if (passwordHash === null) throw new Error('a password reset without its new hash');
  return (_user, _tx, now) => ({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null });
}

export class UsersService {
  private readonly authority: UserAuthority;

  constructor(
    private readonly ctx: AccessContext,
    private readonly throttle?: SignInThrottle,
  ) {
    this.authority = new UserAuthority(ctx.gate);
  }

  async list(filter: { unitId?: string; active?: boolean } = {}, viewer?: Principal): Promise<UserView[]> {
    const rows = await usersRepository.list(this.ctx.db, filter);
    return (await this.authority.visible(viewer, this.ctx.db, rows)).map(viewOf);
  }

  async get(id: string, viewer?: Principal): Promise<UserView> {
    const user = await this.require(this.ctx.db, id);
    await this.authority.requireVisible(viewer, this.ctx.db, user);
    return viewOf(user);
  }

  async create(input: unknown, actor: Actor): Promise<UserView> {
    const parsed = userCreateInput.parse(input);
    await this.authority.requireOverUnit(actor, this.ctx.db, parsed.unitId);
    checkPasswordPolicy(parsed.username, parsed.password);
    const passwordHash = await hashPassword(parsed.password);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      await requireUsernameFree(tx, parsed.username);
      await requireUnit(tx, parsed.unitId);
      await requireKindFitsUnit(tx, parsed.unitId, parsed.kind);
      const basis = parsed.kind === 'CONTRACTOR' ? await contractorBasis(tx, parsed, now) : undefined;
      if (parsed.personId) await requirePerson(tx, parsed.personId, parsed.unitId);
      const at = now.toISOString();
      const row: UserRow = {
        id: newId('usr'),
        username: parsed.username,
        displayName: parsed.displayName,
        unitId: parsed.unitId,
        personId: parsed.personId ?? null,
        kind: parsed.kind,
        commissionId: basis?.commissionId ?? null,
        passwordHash,
        passwordChangedAt: at,
        totpSecret: null,
        totpEnabled: 0,
        failedLogins: 0,
        lockedUntil: null,
        validUntil: basis?.validUntil ?? null,
        active: 1,
        createdAt: at,
        updatedAt: at,
      };
      await usersRepository.insert(tx, row);
      await recordUserChange(tx, { userId: row.id, action: 'create', actor, at: now, before: null, after: row });
      return viewOf(row);
    });
  }

  async update(id: string, input: unknown, actor: Actor): Promise<UserView> {
    const { fields, reason } = splitChangeReason(input);
    const patch = userUpdateInput.parse(fields);
    const why = { ...actor, reason: reason ?? actor.reason };
    if (patch.unitId !== undefined) await this.authority.requireOverUnit(actor, this.ctx.db, patch.unitId);
    return this.change(id, patch.active === false ? 'deactivate' : 'update', why, async (user, tx) => {
      const unitId = patch.unitId ?? user.unitId;
      if (patch.unitId !== undefined && patch.unitId !== user.unitId) await this.requireMoveFits(tx, user, patch.unitId, patch.personId);
      if (patch.personId) await requirePerson(tx, patch.personId, unitId);
      return {
        ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(patch.personId !== undefined ? { personId: patch.personId } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      };
    });
  }

  /**
   * A move to another unit: the unit is active, the account's kind fits it (art. 19), and a linked staff
   * record that belongs to a unit belongs to the new one (a record without a unit, the first
   * administrator's, goes along).
   */
  private async requireMoveFits(tx: Db, user: UserRow, unitId: string, personId: string | null | undefined): Promise<void> {
    await requireUnit(tx, unitId);
    await requireKindFitsUnit(tx, unitId, user.kind === 'CONTRACTOR' ? 'CONTRACTOR' : 'STAFF');
    const linked = personId === undefined ? user.personId : personId;
    if (linked && personId === undefined) {
      const person = await usersRepository.person(tx, linked);
      if (person?.unitId) await requirePerson(tx, linked, unitId);
    }
  }

  /** Accounts are never deleted: the history and the access register keep pointing at them. */
  async deactivate(id: string, actor: Actor): Promise<UserView> {
    return this.change(id, 'deactivate', actor, () => ({ active: 0 }));
  }

  /** Ends every sign-in lock of the account, from whatever address (login-throttle.ts). */
  async unlock(id: string, actor: Actor): Promise<UserView> {
    const user = await this.change(id, 'unlock', actor, () => ({ failedLogins: 0, lockedUntil: null }));
    await this.throttle?.forgetAccount(user.username);
    return user;
  }

  /**
   * An administrator sets a new password; the user's sessions end. For a user with APPROVE or
   * administration power it is only requested, and applied when a second administrator approves.
   */
  async resetPassword(id: string, input: unknown, actor: Actor): Promise<ResetOutcome> {
    const { password } = passwordResetInput.parse(input);
    const user = await this.require(this.ctx.db, id);
    await this.authority.requireOverUnit(actor, this.ctx.db, user.unitId);
    checkPasswordPolicy(user.username, password);
    const passwordHash = await hashPassword(password);
    if (await holdsPrivilege(this.ctx.db, id, this.ctx.clock.now())) return { pending: await this.requestReset(id, 'PASSWORD', passwordHash, actor) };
    return { applied: await this.change(id, 'reset-password', actor, resetPatch('PASSWORD', passwordHash)) };
  }

  /** The user changes their own password, giving the current one; their other sessions end. */
  async changeOwnPassword(userId: string, input: unknown, actor: Actor, keepSession?: string): Promise<UserView> {
    const { currentPassword, newPassword } = passwordChangeInput.parse(input);
    const user = await this.require(this.ctx.db, userId);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new UnauthenticatedError('E_BAD_CREDENTIALS', {
        message: { zh: '当前密码不正确', en: 'The current password is not correct' },
        details: { field: 'currentPassword' },
      });
    }
    if (currentPassword === newPassword) {
      throw new InvalidError('E_PASSWORD_REUSED', {
        message: { zh: '新密码不得与当前密码相同', en: 'The new password must differ from the current one' },
        details: { field: 'newPassword' },
      });
    }
    checkPasswordPolicy(user.username, newPassword);
    const passwordHash = await hashPassword(newPassword);
    return this.change(userId, 'change-password', actor, (_u, _tx, now) => ({ passwordHash, passwordChangedAt: now }), keepSession);
  }

  /** An administrator clears a user's second factor (lost phone); the user enrols again. Privileged users: as resetPassword. */
  async resetTotp(id: string, actor: Actor): Promise<ResetOutcome> {
    await this.require(this.ctx.db, id);
    if (await holdsPrivilege(this.ctx.db, id, this.ctx.clock.now())) return { pending: await this.requestReset(id, 'TOTP', null, actor) };
    return { applied: await this.change(id, 'reset-totp', actor, resetPatch('TOTP', null)) };
  }

  /** Pending and decided resets of the accounts within the viewer's ADMINISTER reach. */
  async listResets(filter: { status?: string } = {}, viewer?: Principal): Promise<CredentialResetView[]> {
    const resets = await credentialResetsRepository.list(this.ctx.db, filter);
    const users = await this.authority.visible(viewer, this.ctx.db, await usersRepository.list(this.ctx.db, {}));
    const visible = new Set(users.map((u) => u.id));
    return resets.filter((r) => visible.has(r.userId)).map(resetViewOf);
  }

  /** A second administrator applies a pending reset (neither its requester nor the user concerned). */
  async approveReset(resetId: string, decider: Principal): Promise<UserView> {
    const now = this.ctx.clock.now();
    const pending = await credentialResetsRepository.requireDecidable(this.ctx.db, resetId, decider, now);
    const action = pending.kind === 'PASSWORD' ? 'reset-password' : 'reset-totp';
    // The approver must administer the account's unit too (checked in change()).
    const why = { name: decider.username, principal: decider, reason: `${pending.requestedBy} 申请 / requested by ${pending.requestedBy} (${resetId})` };
    return this.change(pending.userId, action, why, async (user, tx, at) => {
      const reset = await credentialResetsRepository.requireDecidable(tx, resetId, decider, now);
      await credentialResetsRepository.decide(tx, resetId, 'APPLIED', decider.username, now);
      return resetPatch(reset.kind as ResetKind, reset.passwordHash)(user, tx, at);
    });
  }

  async rejectReset(resetId: string, decider: Principal): Promise<CredentialResetView> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const reset = await credentialResetsRepository.requireDecidable(tx, resetId, decider, now);
      await this.authority.requireOverUnit({ name: decider.username, principal: decider }, tx, (await this.require(tx, reset.userId)).unitId);
      const decided = resetViewOf(await credentialResetsRepository.decide(tx, resetId, 'REJECTED', decider.username, now));
      await historyRepository.append(tx, {
        entityType: 'user',
        entityId: reset.userId,
        action: reset.kind === 'PASSWORD' ? 'reject-reset-password' : 'reject-reset-totp',
        actor: decider.username,
        at: now.toISOString(),
        before: resetViewOf(reset),
        after: decided,
      });
      return decided;
    });
  }

  private async requestReset(userId: string, kind: ResetKind, passwordHash: string | null, actor: Actor): Promise<CredentialResetView> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const view = resetViewOf(await credentialResetsRepository.request(tx, { userId, kind, passwordHash, requestedBy: actor.name }, now));
      await historyRepository.append(tx, {
        entityType: 'user',
        entityId: userId,
        action: kind === 'PASSWORD' ? 'request-reset-password' : 'request-reset-totp',
        actor: actor.name,
        reason: actor.reason ?? null,
        at: now.toISOString(),
        before: null,
        after: view,
      });
      return view;
    });
  }

  private async change(
    id: string,
    action: string,
    actor: Actor,
    compute: (user: UserRow, tx: Db, now: string) => Partial<UserRow> | Promise<Partial<UserRow>>,
    keepSession?: string,
  ): Promise<UserView> {
    const now = this.ctx.clock.now();
    const at = now.toISOString();
    return this.ctx.db.transaction().execute(async (tx) => {
      const before = await this.require(tx, id);
      if (before.id !== actor.principal?.userId) await this.authority.requireOverUnit(actor, tx, before.unitId);
      const patch = await compute(before, tx, at);
      const after: UserRow = { ...before, ...patch, updatedAt: at };
      await usersRepository.update(tx, id, { ...patch, updatedAt: at });
      await recordUserChange(tx, { userId: id, action, actor, at: now, before, after });
      const revocation = revocationReason(action, before, after);
      if (revocation) await revokeCredentialsOf(tx, id, revocation, { actor, at: now, keepSession });
      return viewOf(after);
    });
  }

  private async require(db: Db, id: string): Promise<UserRow> {
    const user = await usersRepository.get(db, id);
    if (!user) {
      throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到用户:${id}`, en: `No user with id ${id}` }, details: { entityType: 'user', id } });
    }
    return user;
  }
}

/** Why a change ends the user's sessions and API tokens, or undefined when it does not. */
function revocationReason(action: string, before: UserRow, after: UserRow): RevocationReason | undefined {
  if (before.active === 1 && after.active === 0) return 'deactivate';
  if (after.passwordHash !== before.passwordHash) return action === 'change-password' ? 'change-password' : 'reset-password';
  if (action === 'reset-totp') return 'reset-totp';
  return undefined;
}
