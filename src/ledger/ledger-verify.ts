/**
 * `custos ledger verify`: everything again from the database and the files, naming the first thing
 * that is wrong, in this order: segment files and chains (through tombstones), the register's and
 * the history's own chains, each leaf against its row, the tree, the signed checkpoints, and the
 * checkpoints exported to the anchor file.
 */
import { registerRepository } from '../access/register/register-repository.ts';
import type { Db } from '../db/connect.ts';
import type { SegmentReader } from '../recording/segment-store.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import { ledgerRepository as repo } from './ledger-repository.ts';
import { verifySegments } from './verify-segments.ts';
import { verifySources } from './verify-sources.ts';
import { verifyTree } from './verify-tree.ts';
import { Problems, type LedgerProblem, type ProgressFn } from './verify-model.ts';
import type { AnchorRecord } from './anchor-file.ts';
import type { RotationStatement } from './key-rotation.ts';
import { trustedKeys, type PublicKeyRef, type Trust } from './trust.ts';
import { anchoredSizes, verifyAnchor } from './verify-anchor.ts';

/** The key rotations the history records (entity ledgerKey, action KEY_ROTATED), oldest first. */
async function rotationsInHistory(db: Db): Promise<RotationStatement[]> {
  const entries = await historyRepository.list(db, { entityType: 'ledgerKey', limit: 100_000 });
  return entries.filter((e) => e.action === 'KEY_ROTATED').map((e) => e.after as RotationStatement);
}

export interface LedgerVerifyResult {
  ok: boolean;
  leaves: number;
  checkpoints: number;
  /** Checkpoints of the anchor file checked (absent without one). */
  anchored?: number;
  /** The trusted key ids and where their roots came from (pinned, the anchor file, the disk). */
  trust: { source: Trust['source']; keyIds: string[] };
  warnings: string[];
  firstProblem?: LedgerProblem;
  problems: LedgerProblem[];
}

export interface VerifyLedgerOptions {
  /** Keys pinned by the operator (--public-key). */
  pinned?: PublicKeyRef[];
  /** Records of the anchor file (--checkpoints). */
  anchor?: AnchorRecord[];
  onProgress?: ProgressFn;
}

/** `disk`: the key on disk (undefined when it is gone); `options.pinned`/`anchor` make the trust come from outside. */
export async function verifyLedger(db: Db, store: SegmentReader, disk: PublicKeyRef | undefined, options: VerifyLedgerOptions = {}): Promise<LedgerVerifyResult> {
  const onProgress = options.onProgress ?? (() => undefined);
  const problems = new Problems();
  const trust = trustedKeys({ pinned: options.pinned ?? [], disk, anchor: options.anchor, rotations: await rotationsInHistory(db) });
  for (const p of trust.problems) problems.add(p);
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
  const roots = await verifyTree(db, size, trust.keys, problems, onProgress, options.anchor ? anchoredSizes(options.anchor) : []);
  const anchored = options.anchor ? verifyAnchor(options.anchor, size, roots, trust.keys, problems) : undefined;
  const checkpoints = (await repo.checkpoints(db, 1_000_000)).length;
  const [firstProblem] = problems.list;
  return {
    ok: problems.list.length === 0,
    leaves: size,
    checkpoints,
    ...(anchored === undefined ? {} : { anchored }),
    trust: { source: trust.source, keyIds: [...trust.keys.keys()] },
    warnings: trust.warnings,
    ...(firstProblem ? { firstProblem } : {}),
    problems: problems.list,
  };
}
