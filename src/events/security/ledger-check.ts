/**
 * The ledger verified as `custos ledger verify` does (segment files, chains, tree, checkpoints, the
 * anchor file), and a failure reported as VERIFICATION_FAILED (art. 23(5)): by the CLI and by the
 * background verification, so a tampered database is noticed without anyone asking.
 */
import { existsSync } from 'node:fs';
import type { Db } from '../../db/connect.ts';
import { defaultAnchorFile, readAnchor } from '../../ledger/anchor-file.ts';
import { verifyLedger, type LedgerVerifyResult, type VerifyLedgerOptions } from '../../ledger/ledger-verify.ts';
import { loadKey } from '../../ledger/signing-key.ts';
import { LocalSegmentStore, segmentsRoot } from '../../recording/local-segment-store.ts';
import type { SegmentReader } from '../../recording/segment-store.ts';
import type { SecurityObserver, VerificationFailure } from './security-observer.ts';

/** The failure event of a ledger verification, or undefined when it holds. */
export function ledgerFailure(result: LedgerVerifyResult, by: string): VerificationFailure | undefined {
  if (result.ok) return undefined;
  const first = result.firstProblem;
  const seq = first ? /(\d+)\s*$/.exec(first.ref) : null;
  return {
    what: 'LEDGER',
    firstBadSeq: seq ? Number(seq[1]) : null,
    problem: first ? `${first.layer}:${first.code}` : 'UNKNOWN',
    ...(first ? { detail: `${first.ref}: ${first.detail}` } : {}),
    by,
  };
}

export interface LedgerCheckOptions {
  dataDir: string;
  /** Where segment bytes are read; the local segments folder when absent. */
  segments?: SegmentReader | undefined;
  anchorFile?: string | undefined;
  by: string;
  onProgress?: VerifyLedgerOptions['onProgress'];
}

/** Verifies against the key on disk and the anchor file (when there is one) and reports a failure. */
export async function checkLedger(db: Db, observer: Pick<SecurityObserver, 'verificationFailed'>, options: LedgerCheckOptions): Promise<LedgerVerifyResult> {
  const file = options.anchorFile ?? defaultAnchorFile(options.dataDir);
  const anchor = existsSync(file) ? await readAnchor(file) : undefined;
  const disk = await loadKey(options.dataDir);
  const result = await verifyLedger(db, options.segments ?? new LocalSegmentStore(segmentsRoot(options.dataDir)), disk, { ...(anchor ? { anchor } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const failure = ledgerFailure(result, options.by);
  if (failure) observer.verificationFailed(failure);
  return result;
}
