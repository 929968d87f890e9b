import { journalAgainstLedger } from '../../ledger/verify-journal.ts';
import { EVERYTHING } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import { historyRepository, type HistoryEntry } from '../repositories/history-repository.ts';
import type { RegistryContext } from './context.ts';
import { HistoryTargets } from './history-targets.ts';
import type { SecurityObserver } from '../../events/security/security-observer.ts';

type HistoryFilter = { entityType?: string; entityId?: string; limit?: number };

const PAGE = 1000;

export interface HistoryVerification {
  ok: boolean;
  entries: number;
  headHash: string;
  ledger: { leaves: number; head: number };
  firstBad?: { seq: number; problem: string };
}

/** The administration history (who changed which camera, grant, retention or user), a hash chain. */
export class HistoryService {
  constructor(
    private readonly ctx: RegistryContext,
    /** Told of a verification that fails (VERIFICATION_FAILED, art. 23(5)). */
    private readonly observer?: Pick<SecurityObserver, 'verificationFailed'>,
  ) {}

  /**
   * The entries in chain order. A viewer (an auditor) reads only the entries whose every object lies
   * within their AUDIT reach; `limit` counts the entries they may read.
   */
  async list(filter: HistoryFilter, viewer?: Principal): Promise<HistoryEntry[]> {
    if (!viewer || !this.ctx.gate) return historyRepository.list(this.ctx.db, filter);
    const reach = await this.ctx.gate.reach(viewer, 'AUDIT');
    if (reach.everything) return historyRepository.list(this.ctx.db, filter);
    const limit = filter.limit ?? PAGE;
    const targets = new HistoryTargets(this.ctx.db);
    const kept: HistoryEntry[] = [];
    for (let afterSeq = 0; kept.length < limit; ) {
      const page = await historyRepository.list(this.ctx.db, { ...filter, limit: PAGE, afterSeq });
      for (const entry of page) if ((await targets.of(entry)).every((target) => reach.covers(target)) && kept.length < limit) kept.push(entry);
      if (page.length < PAGE) break;
      afterSeq = page[page.length - 1]!.seq;
    }
    return kept;
  }

  /** The chain, then its entries against the ledger's HISTORY leaves (a cut-off head leaves the chain intact). A viewer needs AUDIT over ALL. */
  async verify(viewer?: Principal, by?: string): Promise<HistoryVerification> {
    if (viewer && this.ctx.gate) await this.ctx.gate.requireOver(viewer, 'AUDIT', EVERYTHING);
    const chain = await historyRepository.verify(this.ctx.db);
    const ledger = await journalAgainstLedger(this.ctx.db, 'HISTORY');
    const [ledgerBad] = ledger.problems;
    const firstBad = chain.firstBad ?? (ledgerBad ? { seq: ledger.firstBadSeq ?? 0, problem: `LEDGER_${ledgerBad.code}` } : undefined);
    const ok = chain.ok && ledger.problems.length === 0;
    if (!ok) this.observer?.verificationFailed({ what: 'HISTORY', firstBadSeq: firstBad?.seq ?? null, problem: firstBad?.problem ?? 'UNKNOWN', by: viewer?.username ?? by ?? 'local' });
    return { ok, entries: chain.entries, headHash: chain.headHash, ledger: { leaves: ledger.leaves, head: ledger.ledgerHead }, ...(firstBad ? { firstBad } : {}) };
  }
}
