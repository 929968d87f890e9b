/** Every change to an API token goes to the administration history, in the caller's transaction, never its hash. */
import type { ApiTokensTable } from '../../db/access-tables.ts';
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import type { Actor } from '../../registry/services/context.ts';

export async function recordTokenChange(tx: Db, row: ApiTokensTable, action: string, actor: Actor, at: Date): Promise<void> {
  const { tokenHash: _hash, ...kept } = row;
  await historyRepository.append(tx, {
    entityType: 'apiToken',
    entityId: row.id,
    action,
    actor: actor.name,
    reason: actor.reason ?? null,
    at: at.toISOString(),
    before: null,
    after: { ...kept, scopes: JSON.parse(row.scopes) as unknown },
  });
}
