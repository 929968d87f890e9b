/** Enrolling a second factor: a secret shown once, confirmed with a first code; an administrator can reset it (UsersService.resetTotp). */
import { z } from 'zod';
import type { Actor } from '../../registry/services/context.ts';
import { ConflictError, NotFoundError } from '../../shared/errors.ts';
import { totpInvalid } from './auth-errors.ts';
import { sessionsRepository } from './sessions-repository.ts';
import { newTotpSecret, totpUri, totpValid } from './totp.ts';
import { recordUserChange } from './user-history.ts';
import { usersRepository } from './users-repository.ts';
import type { AccessContext } from './users-service.ts';

export const totpConfirmInput = z.strictObject({ code: z.string().min(1).max(16) });

const alreadyEnabled = () =>
  new ConflictError('E_TOTP_ALREADY_ENABLED', {
    message: { zh: '已启用动态验证码;如需更换请联系管理员重置', en: 'TOTP is already enabled; ask an administrator to reset it to enrol again' },
  });

export class TotpService {
  constructor(private readonly ctx: AccessContext) {}

  /** A new secret (replacing an unconfirmed one), returned this once. */
  async enroll(userId: string): Promise<{ secret: string; uri: string }> {
    const user = await usersRepository.get(this.ctx.db, userId);
    if (!user) throw new NotFoundError('E_NOT_FOUND', { details: { entityType: 'user', id: userId } });
    if (user.totpEnabled === 1) throw alreadyEnabled();
    const secret = newTotpSecret();
    await usersRepository.update(this.ctx.db, userId, { totpSecret: secret, updatedAt: this.ctx.clock.now().toISOString() });
    return { secret, uri: totpUri(secret, user.username) };
  }

  /** The first valid code turns TOTP on; the session it came from counts as having passed the second factor. */
  async confirm(userId: string, input: unknown, actor: Actor, sessionId?: string): Promise<void> {
    const { code } = totpConfirmInput.parse(input);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (tx) => {
      const before = await usersRepository.get(tx, userId);
      if (!before) throw new NotFoundError('E_NOT_FOUND', { details: { entityType: 'user', id: userId } });
      if (before.totpEnabled === 1) throw alreadyEnabled();
      if (!before.totpSecret) {
        throw new ConflictError('E_TOTP_NOT_ENROLLED', { message: { zh: '请先获取动态验证码密钥', en: 'Start the enrolment first' } });
      }
      if (!totpValid(before.totpSecret, code, now)) throw totpInvalid();
      const at = now.toISOString();
      await usersRepository.update(tx, userId, { totpEnabled: 1, updatedAt: at });
      if (sessionId) await sessionsRepository.setSecondFactor(tx, sessionId);
      await recordUserChange(tx, { userId, action: 'enable-totp', actor, at: now, before, after: { ...before, totpEnabled: 1, updatedAt: at } });
    });
  }
}
