/**
 * The second factor: enrolment (a secret shown once, confirmed with a first code; an administrator can
 * reset it, UsersService.resetTotp) and every later check. Secrets are stored encrypted (totp-cipher.ts);
 * each code is accepted once: its time step must be later than the last step the user used.
 */
import { z } from 'zod';
import type { Actor } from '../../registry/services/context.ts';
import type { KeyRing } from '../../security/key-ring.ts';
import { ConflictError, NotFoundError } from '../../shared/errors.ts';
import { totpInvalid } from './auth-errors.ts';
import { sessionsRepository } from './sessions-repository.ts';
import { isSealed, openTotpSecret, sealTotpSecret } from './totp-cipher.ts';
import { newTotpSecret, totpStepOf, totpUri } from './totp.ts';
import { recordUserChange } from './user-history.ts';
import type { UserRow } from './user-model.ts';
import { usersRepository } from './users-repository.ts';
import type { AccessContext } from './users-service.ts';

export const totpConfirmInput = z.strictObject({ code: z.string().min(1).max(16) });

const alreadyEnabled = () =>
  new ConflictError('E_TOTP_ALREADY_ENABLED', {
    message: { zh: '已启用动态验证码;如需更换请联系管理员重置', en: 'TOTP is already enabled; ask an administrator to reset it to enrol again' },
  });

export class TotpService {
  constructor(
    private readonly ctx: AccessContext,
    private readonly keys: KeyRing,
  ) {}

  /** A new secret (replacing an unconfirmed one), returned this once. */
  async enroll(userId: string): Promise<{ secret: string; uri: string }> {
    const user = await usersRepository.get(this.ctx.db, userId);
    if (!user) throw new NotFoundError('E_NOT_FOUND', { details: { entityType: 'user', id: userId } });
    if (user.totpEnabled === 1) throw alreadyEnabled();
    const secret = newTotpSecret();
    const totpSecret = sealTotpSecret(await this.keys.totpKey(), userId, secret);
    await usersRepository.update(this.ctx.db, userId, { totpSecret, totpLastStep: null, updatedAt: this.ctx.clock.now().toISOString() });
    return { secret, uri: totpUri(secret, user.username) };
  }

  /** The first valid code turns TOTP on; the session it came from counts as having passed the second factor. */
  async confirm(userId: string, input: unknown, actor: Actor, sessionId?: string): Promise<void> {
    const { code } = totpConfirmInput.parse(input);
    const now = this.ctx.clock.now();
    const key = await this.keys.totpKey();
    await this.ctx.db.transaction().execute(async (tx) => {
      const before = await usersRepository.get(tx, userId);
      if (!before) throw new NotFoundError('E_NOT_FOUND', { details: { entityType: 'user', id: userId } });
      if (before.totpEnabled === 1) throw alreadyEnabled();
      if (!before.totpSecret) {
        throw new ConflictError('E_TOTP_NOT_ENROLLED', { message: { zh: '请先获取动态验证码密钥', en: 'Start the enrolment first' } });
      }
      const step = totpStepOf(openTotpSecret(key, userId, before.totpSecret), code, now);
      if (step === undefined) throw totpInvalid();
      const at = now.toISOString();
      // The confirming code is used up: it cannot sign in afterwards.
      await usersRepository.update(tx, userId, { totpEnabled: 1, totpLastStep: step, updatedAt: at });
      if (sessionId) await sessionsRepository.setSecondFactor(tx, sessionId);
      await recordUserChange(tx, { userId, action: 'enable-totp', actor, at: now, before, after: { ...before, totpEnabled: 1, updatedAt: at } });
    });
  }

  /**
   * A code of the user's enrolled secret, accepted once: false for a wrong code and for one whose time
   * step is not later than the last accepted (a replay, even within its 30 s window). The step is
   * claimed with a conditional update, so two requests racing with the same code cannot both pass.
   */
  async accept(user: UserRow, code: string, now: Date): Promise<boolean> {
    if (!user.totpSecret) return false;
    const step = totpStepOf(openTotpSecret(await this.keys.totpKey(), user.id, user.totpSecret), code, now);
    if (step === undefined) return false;
    return usersRepository.claimTotpStep(this.ctx.db, user.id, step);
  }

  /** Encrypts secrets stored in plain text by a version before encryption; run at start. Returns how many. */
  async sealPlainSecrets(): Promise<number> {
    const key = await this.keys.totpKey();
    const plain = (await usersRepository.withTotpSecret(this.ctx.db)).filter((u) => !isSealed(u.totpSecret));
    for (const user of plain) {
      await usersRepository.replaceTotpSecret(this.ctx.db, user.id, user.totpSecret, sealTotpSecret(key, user.id, user.totpSecret));
    }
    return plain.length;
  }
}
