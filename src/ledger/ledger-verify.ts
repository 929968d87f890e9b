/**
 * `custos ledger verify`: everything again from the database and the files, naming the first thing
 * that is wrong, in this order: segment files and chains (through tombstones), the register's and
 * the history's own chains, each leaf against its row, the tree, and the signed checkpoints.
 */
import { registerRepository } from '../access/register/register-repository.ts';
import type { Db } from '../db/connect.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import { ledgerRepository as repo } from './ledger-repository.ts';
import { verifySegments } from './verify-segments.ts';
import { verifySources } from './verify-sources.ts';
import { verifyTree } from './verify-tree.ts';
import { Problems, type LedgerProblem, type ProgressFn } from './verify-model.ts';

export interface LedgerVerifyResult {
  ok: boolean;
  leaves: number;
  checkpoints: number;
  firstProblem?: LedgerProblem;
  problems: LedgerProblem[];
}

export async function verifyLedger(
  db: Db,
  store: SegmentStore,
  publicKey: { keyId: string; publicKeyPem: string },
  onProgress: ProgressFn = () => undefined,
): Promise<LedgerVerifyResult> {
  const problems = new Problems();
  const size = await repo.size(db);
  await verifySegments(db, store, problems, onProgress);
  onProgress({ phase: 'chains', done: 0, total: 2 });
  const register = await registerRepository.verify(db);
  if (!register.ok && register.firstBad) {
    problems.add({ layer: 'REGISTER_CHAIN', code: register.firstBad.problem, ref: `register ${register.firstBad.seq}`, detail: `access register entry ${register.firstBad.seq} (${register.firstBadId ?? '?'}) does not verify: ${register.firstBad.problem}` });
  }
  const history = await historyRepository.verify(db);
  if (!history.ok && history.firstBad) {
    problems.add({ layer: 'HISTORY_CHAIN', code: history.firstBad.problem, ref: `history ${history.firstBad.seq}`, detail: `history entry ${history.firstBad.seq} does not verify: ${history.firstBad.problem}` });
  }
  onProgress({ phase: 'chains', done: 2, total: 2 });
  await verifySources(db, size, problems, onProgress);
  await verifyTree(db, size, publicKey, problems, onProgress);
  const checkpoints = (await repo.checkpoints(db, 1_000_000)).length;
  const [firstProblem] = problems.list;
  return { ok: problems.list.length === 0, leaves: size, checkpoints, ...(firstProblem ? { firstProblem } : {}), problems: problems.list };
}
