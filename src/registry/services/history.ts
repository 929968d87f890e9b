import { historyRepository, type HistoryEntry } from '../repositories/history-repository.ts';
import type { RegistryContext } from './context.ts';

export class HistoryService {
  constructor(private readonly ctx: RegistryContext) {}

  list(filter: { entityType?: string; entityId?: string; limit?: number }): Promise<HistoryEntry[]> {
    return historyRepository.list(this.ctx.db, filter);
  }
}
