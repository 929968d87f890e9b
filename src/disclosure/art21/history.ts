/** Every art. 21 step (intake, decision, acknowledgement, session) goes to the hash-chained administration history. */
import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../access/principal.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';

export async function recordStep(db: Db, principal: Principal, step: { entityType: string; entityId: string; action: string; at: string; reason?: string | null; before: unknown; after: unknown }): Promise<void> {
  await historyRepository.append(db, {
    entityType: step.entityType,
    entityId: step.entityId,
    action: step.action,
    actor: principal.username,
    reason: step.reason ?? null,
    at: step.at,
    before: step.before,
    after: step.after,
  });
}
