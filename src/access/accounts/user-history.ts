/** Every change to a user goes to the administration history, in the caller's transaction, without secrets. */
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import type { Actor } from '../../registry/services/context.ts';
import { viewOf, type UserRow } from './user-model.ts';

export async function recordUserChange(
  tx: Db,
  change: { userId: string; action: string; actor: Actor; at: Date; before: UserRow | null; after: UserRow | null },
): Promise<void> {
  await historyRepository.append(tx, {
    entityType: 'user',
    entityId: change.userId,
    action: change.action,
    actor: change.actor.name,
    reason: change.actor.reason ?? null,
    at: change.at.toISOString(),
    before: change.before && viewOf(change.before),
    after: change.after && viewOf(change.after),
  });
}
