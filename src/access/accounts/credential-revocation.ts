/**
 * When a user's credentials change or the account ends (password change or reset, TOTP reset,
 * deactivation), everything that still speaks for the user ends with them: every session but the one
 * making the change, and every API token, each token's revocation in the history with the reason.
 * Called inside the transaction in which the change takes effect.
 */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../registry/services/context.ts';
import { sessionsRepository } from './sessions-repository.ts';
import { recordTokenChange } from './token-history.ts';
import { tokensRepository } from './tokens-repository.ts';

export type RevocationReason = 'change-password' | 'reset-password' | 'reset-totp' | 'deactivate';

export async function revokeCredentialsOf(
  tx: Db,
  userId: string,
  reason: RevocationReason,
  change: { actor: Actor; at: Date; keepSession?: string },
): Promise<void> {
  const at = change.at.toISOString();
  await sessionsRepository.revokeAllOf(tx, userId, at, change.keepSession);
  const live = (await tokensRepository.listOf(tx, userId)).filter((t) => t.revokedAt === null);
  for (const token of live) {
    await tokensRepository.revoke(tx, token.id, at);
    await recordTokenChange(tx, { ...token, revokedAt: at }, 'revoke', { name: change.actor.name, reason: `${reason}${change.actor.reason ? `: ${change.actor.reason}` : ''}` }, change.at);
  }
}
