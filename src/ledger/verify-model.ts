/** What `custos ledger verify` reports: problems by layer, the first one named. */

export type VerifyLayer = 'SEGMENT_FILE' | 'SEGMENT_CHAIN' | 'LEAF_SOURCE' | 'REGISTER_CHAIN' | 'HISTORY_CHAIN' | 'TREE' | 'CHECKPOINT' | 'ANCHOR';

export interface LedgerProblem {
  layer: VerifyLayer;
  code: string;
  /** What is wrong: a camera/seq, a leaf index, a checkpoint seq, an entry seq. */
  ref: string;
  detail: string;
}

export interface LedgerProgress {
  phase: 'segments' | 'sources' | 'chains' | 'tree' | 'checkpoints';
  done: number;
  total: number;
}

export type ProgressFn = (p: LedgerProgress) => void;

export const MAX_PROBLEMS = 1000;

export class Problems {
  readonly list: LedgerProblem[] = [];
  add(problem: LedgerProblem): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
  }
}
