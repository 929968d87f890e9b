import type { ChainVerification } from '../../ledger/hash-chain.ts';
import { historyRepository, type HistoryEntry } from '../repositories/history-repository.ts';
import type { RegistryContext } from './context.ts';

/** The administration history (who changed which camera, grant, retention or user), a hash chain. */
export class HistoryService {
  constructor(private readonly ctx: RegistryContext) {}

  list(filter: { entityType?: string; entityId?: string; limit?: number }): Promise<HistoryEntry[]> {
    return historyRepository.list(this.ctx.db, filter);
  }

  verify(): Promise<ChainVerification> {
    return historyRepository.verify(this.ctx.db);
  }
}
