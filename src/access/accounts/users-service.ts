/**
 * User accounts: create, read, change, deactivate (never delete), unlock, password resets. Each change is
 * written to the administration history in the same transaction.
 */
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import { InvalidError, NotFoundError, UnauthenticatedError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../../registry/services/context.ts';
import { splitChangeReason } from '../../registry/services/entity-service.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { sessionsRepository } from './sessions-repository.ts';
import { tokensRepository } from './tokens-repository.ts';
import { contractorBasis, requireKindFitsUnit, requirePerson, requireUnit, requireUsernameFree } from './user-checks.ts';
import { recordUserChange } from './user-history.ts';
import { passwordChangeInput, passwordResetInput, userCreateInput, userUpdateInput, viewOf, type UserRow, type UserView } from './user-model.ts';
import { usersRepository } from './users-repository.ts';

export interface AccessContext {
  db: Db;
  clock: Clock;
}

export class UsersService {
  constructor(
    private readonly ctx: AccessContext,
    private readonly throttle?: LoginThrottle,
  ) {}

  async list(filter: { unitId?: string; active?: boolean } = {}): Promise<UserView[]> {
    return (await usersRepository.list(this.ctx.db, filter)).map(viewOf);
  }

  async get(id: string): Promise<UserView> {
    return viewOf(await this.require(this.ctx.db, id));
  }

  async create(input: unknown, actor: Actor): Promise<UserView> {
    const parsed = userCreateInput.parse(input);
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
    return this.change(id, patch.active === false ? 'deactivate' : 'update', why, async (user, tx) => {
      if (patch.personId) await requirePerson(tx, patch.personId, user.unitId);
      return {
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(patch.personId !== undefined ? { personId: patch.personId } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      };
    });
  }

  /** Accounts are never deleted: the history and the access register keep pointing at them. */
  async deactivate(id: string, actor: Actor): Promise<UserView> {
    return this.change(id, 'deactivate', actor, () => ({ active: 0 }));
  }

  /** Ends every sign-in lock of the account, from whatever address (login-throttle.ts). */
  async unlock(id: string, actor: Actor): Promise<UserView> {
    const user = await this.change(id, 'unlock', actor, () => ({ failedLogins: 0, lockedUntil: null }));
    this.throttle?.forgetAccount(user.username);
    return user;
  }

  /** An administrator sets a new password; the user's sessions end. */
  async resetPassword(id: string, input: unknown, actor: Actor): Promise<UserView> {
    const { password } = passwordResetInput.parse(input);
    const user = await this.require(this.ctx.db, id);
    checkPasswordPolicy(user.username, password);
    const passwordHash = await hashPassword(password);
    return this.change(id, 'reset-password', actor, (_u, _tx, now) => ({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }));
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

  /** An administrator clears a user's second factor (lost phone); the user enrols again. */
  async resetTotp(id: string, actor: Actor): Promise<UserView> {
    return this.change(id, 'reset-totp', actor, () => ({ totpSecret: null, totpEnabled: 0 }));
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
      const patch = await compute(before, tx, at);
      const after: UserRow = { ...before, ...patch, updatedAt: at };
      await usersRepository.update(tx, id, { ...patch, updatedAt: at });
      const endsSessions = (before.active === 1 && after.active === 0) || after.passwordHash !== before.passwordHash || action === 'reset-totp';
      if (endsSessions) await sessionsRepository.revokeAllOf(tx, id, at, keepSession);
      if (before.active === 1 && after.active === 0) await tokensRepository.revokeAllOf(tx, id, at);
      await recordUserChange(tx, { userId: id, action, actor, at: now, before, after });
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
