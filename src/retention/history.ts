/** Every retention change goes to the administration history, in the caller's transaction. */
import type { Db } from '../db/connect.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { RetentionDb } from './tables.ts';
import type { Principal } from '../access/principal.ts';

export interface RetentionActor {
  name: string;
  reason?: string | null;
  /** The signed-in user acting (absent for the local operator and the system): checked against each camera. */
  principal?: Principal;
}

export async function recordChange(
  tx: Db | RetentionDb,
  entry: { entityType: string; entityId: string; action: string; actor: RetentionActor; at: Date; before: unknown; after: unknown },
): Promise<void> {
  await historyRepository.append(tx as Db, {
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    actor: entry.actor.name,
    reason: entry.actor.reason ?? null,
    at: entry.at.toISOString(),
    before: entry.before,
    after: entry.after,
  });
}
