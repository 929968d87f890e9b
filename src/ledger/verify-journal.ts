/**
 * A journal (the access register or the administration history) against its ledger leaves: every
 * REGISTER / HISTORY leaf must still have its entry with the same hash, and the journal's head must
 * not lie below the newest entry the ledger logged. The journal's own chain cannot see its newest
 * entries cut off; the ledger can.
 */
import type { Db } from '../db/connect.ts';
import { ledgerRepository as repo } from './ledger-repository.ts';
import { checkEntries } from './verify-sources.ts';
import { Problems, type LedgerProblem } from './verify-model.ts';

const PAGE = 2000;

export interface JournalLedgerCheck {
  /** Leaves of this journal in the ledger. */
  leaves: number;
  /** The newest entry seq the ledger logged (0: none). */
  ledgerHead: number;
  /** The journal's newest seq (0: empty). */
  journalHead: number;
  problems: LedgerProblem[];
  /** The journal seq of the first problem. */
  firstBadSeq?: number;
}

export async function journalAgainstLedger(db: Db, kind: 'REGISTER' | 'HISTORY'): Promise<JournalLedgerCheck> {
  const table = kind === 'REGISTER' ? 'accessRegister' : 'history';
  const problems = new Problems();
  const head = await db.selectFrom(table).select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  const journalHead = head?.m === null || head?.m === undefined ? 0 : Number(head.m);
  // Leaves of a journal are appended in seq order: the newest leaf names the newest entry logged.
  const newest = await db.selectFrom('ledgerLeaves').select('ref').where('kind', '=', kind).orderBy('idx', 'desc').limit(1).executeTakeFirst();
  const ledgerHead = newest ? Number(newest.ref) : 0;
  if (journalHead < ledgerHead) {
    const name = kind === 'REGISTER' ? 'access register' : 'history';
    problems.add({ layer: 'LEAF_SOURCE', code: 'JOURNAL_TRUNCATED', ref: `${name} ${journalHead + 1}`, detail: `the ${name} ends at entry ${journalHead}; the ledger logged entries up to ${ledgerHead}` });
  }
  let firstBadSeq = journalHead < ledgerHead ? journalHead + 1 : undefined;
  let leaves = 0;
  for (let after = -1; ; ) {
    const page = await repo.leavesOfKind(db, kind, after, PAGE);
    leaves += page.length;
    const before = problems.list.length;
    await checkEntries(db, page, table, problems);
    const bad = problems.list[before];
    if (firstBadSeq === undefined && bad) firstBadSeq = Number(page.find((l) => `leaf ${l.idx}` === bad.ref)?.ref);
    if (page.length < PAGE) break;
    after = (page[page.length - 1] as { idx: number }).idx;
  }
  return { leaves, ledgerHead, journalHead, problems: problems.list, ...(firstBadSeq === undefined ? {} : { firstBadSeq }) };
}
