import { journalAgainstLedger } from '../../ledger/verify-journal.ts';
import { historyRepository, type HistoryEntry } from '../repositories/history-repository.ts';
import type { RegistryContext } from './context.ts';

export interface HistoryVerification {
  ok: boolean;
  entries: number;
  headHash: string;
  ledger: { leaves: number; head: number };
  firstBad?: { seq: number; problem: string };
}

/** The administration history (who changed which camera, grant, retention or user), a hash chain. */
export class HistoryService {
  constructor(private readonly ctx: RegistryContext) {}

  list(filter: { entityType?: string; entityId?: string; limit?: number }): Promise<HistoryEntry[]> {
    return historyRepository.list(this.ctx.db, filter);
  }

  /** The chain, then its entries against the ledger's HISTORY leaves (a cut-off head leaves the chain intact). */
  async verify(): Promise<HistoryVerification> {
    const chain = await historyRepository.verify(this.ctx.db);
    const ledger = await journalAgainstLedger(this.ctx.db, 'HISTORY');
    const [ledgerBad] = ledger.problems;
    const firstBad = chain.firstBad ?? (ledgerBad ? { seq: ledger.firstBadSeq ?? 0, problem: `LEDGER_${ledgerBad.code}` } : undefined);
    return { ok: chain.ok && ledger.problems.length === 0, entries: chain.entries, headHash: chain.headHash, ledger: { leaves: ledger.leaves, head: ledger.ledgerHead }, ...(firstBad ? { firstBad } : {}) };
  }
}
