/**
 * The access register (REG-16-5, REG-16-6, REG-16-8): one truthful entry per access, written before
 * any media is served, from system facts (who, for which unit, from where, when). Entries are never
 * changed: the end of an access is a CLOSE entry, a refused request a DENIAL entry.
 */
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { legalDateOf } from '../../shared/legal-time.ts';
import type { Principal } from '../principal.ts';
import { DUTY_MONITORING, NO_REASON, type EntryContent, type Operation, type OpenEntry, type BasisRecord, type ReasonInput, type Reason, type RegisterEntry, type RegisterEntryView, type RegisterFilter, type RegisterPage } from './model.ts';
import { checkReason, reasonAsGiven } from './reason.ts';
import { entryNotClosable, entryNotFound, exportTooLarge, notEntryOwner } from './register-errors.ts';
import { registerRepository as repo, type NewRegisterRow } from './register-repository.ts';
import { journalAgainstLedger } from '../../ledger/verify-journal.ts';
import { registerCsv } from './register-csv.ts';
import { renderRegisterPdf } from './register-pdf.ts';
import type { ObjectGate } from '../../registry/services/context.ts';
import { CameraReach } from '../authorization/camera-reach.ts';
import { EVERYTHING } from '../authorization/target.ts';

/** Told of each entry appended and of each verification that fails (the security signals, art. 23). */
export interface RegisterWatcher {
  registerAppended(entry: RegisterEntry): void;
  verificationFailed(event: { what: 'REGISTER'; firstBadSeq: number | null; problem: string; by: string }): void;
}

/** At most this many entries in one CSV or PDF export. */
export const MAX_EXPORT = { csv: 100_000, pdf: 5_000 };

export interface DenialInput {
  operation: Operation;
  reason?: ReasonInput | null;
  content: EntryContent;
  basis?: BasisRecord | null;
  error: { code: string; article?: string };
}

export class RegisterService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly gate: ObjectGate | undefined;
  private readonly watchers: RegisterWatcher[] = [];

  /** `gate`: where signed-in auditors read, each reads only the entries within their AUDIT reach. */
  constructor(ctx: { db: Db; clock: Clock; gate?: ObjectGate }) {
    this.db = ctx.db;
    this.clock = ctx.clock;
    this.gate = ctx.gate;
  }

  watch(watcher: RegisterWatcher): void {
    this.watchers.push(watcher);
  }

  private appended(entry: RegisterEntry): RegisterEntry {
    for (const watcher of this.watchers) watcher.registerAppended(entry);
    return entry;
  }

  /**
   * Records an access. The reason is checked here (E_REASON_REQUIRED); DUTY_MONITORING is accepted
   * only for a LIVE_DUTY entry that names its shift, which the system itself fills in.
   * Pass `db` to write inside the caller's transaction.
   */
  async open(principal: Principal, input: Omit<OpenEntry, 'reason'> & { reason: ReasonInput | Reason | null | undefined }, db: Db = this.db): Promise<RegisterEntry> {
    const duty = input.reason?.category === DUTY_MONITORING && input.operation === 'LIVE_DUTY' && Boolean(input.shiftId);
    const reason = duty ? { category: DUTY_MONITORING, text: input.reason?.text ?? '' } : checkReason(input.reason);
    const now = this.clock.now().toISOString();
    const recipient = input.recipient ? { actorName: input.recipient.name, actorUnitName: input.recipient.unit, actorIdDocument: input.recipient.idDocument } : {};
    const entry = await repo.append(db, {
      ...(await this.actorColumns(principal, db)),
      ...recipient,
      id: newId('reg'),
      kind: 'ACCESS',
      operation: input.operation,
      at: now,
      reasonCategory: reason.category,
      reasonText: reason.text,
      ...contentColumns(input.content),
      approverUserId: input.approver?.userId ?? null,
      approverName: input.approver?.name ?? null,
      basisType: input.basis?.type ?? null,
      basisRef: input.basis?.ref ?? null,
      shiftId: input.shiftId ?? null,
      startedAt: now,
      endedAt: null,
      refersTo: null,
    });
    return this.appended(entry);
  }

  /** Ends an access: appends a CLOSE entry that refers to it (only the person who opened it may). */
  async close(entryId: string, principal: Principal): Promise<RegisterEntry> {
    const entry = await repo.get(this.db, entryId);
    if (!entry) throw entryNotFound(entryId);
    if (entry.kind !== 'ACCESS') throw entryNotClosable(entryId, 'NOT_AN_ACCESS');
    if (entry.actor.userId !== principal.userId) throw notEntryOwner(entryId);
    if ((await repo.closings(this.db, [entryId])).has(entryId)) throw entryNotClosable(entryId, 'ALREADY_CLOSED');
    const now = this.clock.now().toISOString();
    return repo.append(this.db, {
      ...(await this.actorColumns(principal, this.db)),
      id: newId('reg'),
      kind: 'CLOSE',
      operation: entry.operation,
      at: now,
      reasonCategory: entry.reason.category,
      reasonText: entry.reason.text,
      ...contentColumns(entry.content),
      approverUserId: entry.approver?.userId ?? null,
      approverName: entry.approver?.name ?? null,
      basisType: entry.basis?.type ?? null,
      basisRef: entry.basis?.ref ?? null,
      shiftId: entry.shiftId,
      startedAt: entry.startedAt,
      endedAt: now,
      refersTo: entry.id,
    });
  }

  /** Records a refused video request (REG-16-3: the denial is logged), with whatever reason it gave. */
  async deny(principal: Principal, input: DenialInput): Promise<RegisterEntry> {
    const reason = reasonAsGiven(input.reason, NO_REASON);
    const now = this.clock.now().toISOString();
    const denied = { code: input.error.code, ...(input.error.article ? { article: input.error.article } : {}) };
    const entry = await repo.append(this.db, {
      ...(await this.actorColumns(principal, this.db)),
      id: newId('reg'),
      kind: 'DENIAL',
      operation: input.operation,
      at: now,
      reasonCategory: reason.category,
      reasonText: reason.text,
      ...contentColumns({ ...input.content, denied }),
      approverUserId: null,
      approverName: null,
      basisType: input.basis?.type ?? null,
      basisRef: input.basis?.ref ?? null,
      shiftId: null,
      startedAt: now,
      endedAt: now,
      refersTo: null,
    });
    return this.appended(entry);
  }

  async get(id: string, viewer?: Principal): Promise<RegisterEntryView> {
    const entry = await repo.get(this.db, id);
    if (!entry) throw entryNotFound(id);
    const reach = await this.auditReach(viewer);
    if (reach && !(await reach.coversAll(entry.content.cameraIds))) throw entryNotFound(id);
    return (await this.withClosings([entry]))[0] as RegisterEntryView;
  }

  /** The entry itself, for services that act on it (undefined when there is none). */
  async find(id: string): Promise<RegisterEntry | undefined> {
    return repo.get(this.db, id);
  }

  async isClosed(id: string): Promise<boolean> {
    return (await repo.closings(this.db, [id])).has(id);
  }

  /** A viewer (an auditor) finds only the entries whose every camera lies within their AUDIT reach. */
  async search(filter: RegisterFilter, page: RegisterPage, viewer?: Principal): Promise<{ total: number; limit: number; offset: number; entries: RegisterEntryView[] }> {
    const reach = await this.auditReach(viewer);
    if (reach) {
      const visible = (await this.within(filter, reach)).reverse();
      const entries = visible.slice(page.offset, page.offset + page.limit);
      return { total: visible.length, limit: page.limit, offset: page.offset, entries: await this.withClosings(entries) };
    }
    const { total, entries } = await repo.search(this.db, filter, page);
    return { total, limit: page.limit, offset: page.offset, entries: await this.withClosings(entries) };
  }

  async csv(filter: RegisterFilter, viewer?: Principal): Promise<string> {
    return registerCsv(await this.all(filter, MAX_EXPORT.csv, viewer));
  }

  async pdf(filter: RegisterFilter, viewer?: Principal): Promise<Buffer> {
    const entries = await this.all(filter, MAX_EXPORT.pdf, viewer);
    return renderRegisterPdf(entries, { filter, generatedAt: this.clock.now(), chain: await repo.verify(this.db) });
  }

  /** access-register-<legal date>.<ext>, for downloads. */
  fileName(ext: 'csv' | 'pdf'): string {
    return `access-register-${legalDateOf(this.clock.now())}.${ext}`;
  }

  /**
   * Walks the chain, then holds its entries against the ledger (a cut-off head leaves the chain
   * intact; the ledger's REGISTER leaves still name the entries). Names the first entry that does not verify.
   */
  async verify(viewer?: Principal, by?: string): Promise<{ ok: boolean; entries: number; headHash: string; ledger: { leaves: number; head: number }; firstBad?: { seq: number; id: string | null; problem: string } }> {
    if (viewer && this.gate) await this.gate.requireOver(viewer, 'AUDIT', EVERYTHING);
    const result = await repo.verify(this.db);
    const ledger = await journalAgainstLedger(this.db, 'REGISTER');
    const [ledgerBad] = ledger.problems;
    const firstBad = result.firstBad
      ? { ...result.firstBad, id: result.firstBadId ?? null }
      : ledgerBad
        ? { seq: ledger.firstBadSeq ?? 0, id: null, problem: `LEDGER_${ledgerBad.code}` }
        : undefined;
    const ok = result.ok && ledger.problems.length === 0;
    if (!ok) {
      const event = { what: 'REGISTER' as const, firstBadSeq: firstBad?.seq ?? null, problem: firstBad?.problem ?? 'UNKNOWN', by: viewer?.username ?? by ?? 'local' };
      for (const watcher of this.watchers) watcher.verificationFailed(event);
    }
    return {
      ok,
      entries: result.entries,
      headHash: result.headHash,
      ledger: { leaves: ledger.leaves, head: ledger.ledgerHead },
      ...(firstBad ? { firstBad } : {}),
    };
  }

  /** Every matching entry in chain order, refused past `max` (narrow the filter instead). */
  private async all(filter: RegisterFilter, max: number, viewer?: Principal): Promise<RegisterEntryView[]> {
    const reach = await this.auditReach(viewer);
    if (reach) {
      const visible = await this.within(filter, reach);
      if (visible.length > max) throw exportTooLarge(visible.length, max);
      return this.withClosings(visible);
    }
    const pageSize = 1000;
    const first = await repo.search(this.db, filter, { limit: pageSize, offset: 0 }, 'asc');
    if (first.total > max) throw exportTooLarge(first.total, max);
    const entries = [...first.entries];
    while (entries.length < first.total) {
      const next = await repo.search(this.db, filter, { limit: pageSize, offset: entries.length }, 'asc');
      if (next.entries.length === 0) break;
      entries.push(...next.entries);
    }
    return this.withClosings(entries);
  }

  /** The viewer's AUDIT reach; undefined when nothing is to be hidden (no viewer, or AUDIT over ALL). */
  private async auditReach(viewer: Principal | undefined): Promise<CameraReach | undefined> {
    if (!viewer || !this.gate) return undefined;
    const reach = await this.gate.reach(viewer, 'AUDIT');
    return reach.everything ? undefined : new CameraReach(this.db, reach);
  }

  /**
   * Every matching entry within the reach, in chain order. An entry naming several cameras is shown
   * only when all of them are within reach (never in part); an entry naming none only to AUDIT over ALL.
   */
  private async within(filter: RegisterFilter, reach: CameraReach): Promise<RegisterEntry[]> {
    const pageSize = 1000;
    const kept: RegisterEntry[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const { entries } = await repo.search(this.db, filter, { limit: pageSize, offset }, 'asc');
      for (const entry of entries) if (await reach.coversAll(entry.content.cameraIds)) kept.push(entry);
      if (entries.length < pageSize) return kept;
    }
  }

  private async withClosings(entries: RegisterEntry[]): Promise<RegisterEntryView[]> {
    const closings = await repo.closings(
      this.db,
      entries.filter((e) => e.kind === 'ACCESS').map((e) => e.id),
    );
    return entries.map((e) => ({ ...e, closedAt: closings.get(e.id) ?? null }));
  }

  /** 单位, 姓名 and the rest of who acted: from the principal and the person record, never from the request. */
  private async actorColumns(principal: Principal, db: Db): Promise<Pick<NewRegisterRow, 'actorUserId' | 'actorName' | 'actorUnitId' | 'actorUnitName' | 'actorIdDocument' | 'clientAddress'>> {
    return {
      actorUserId: principal.userId,
      actorName: principal.displayName,
      actorUnitId: principal.unitId,
      actorUnitName: principal.unitName,
      // 证件号 only for people from outside the unit (REG-16-5): the unit's own staff are known by their account.
      actorIdDocument: principal.kind === 'CONTRACTOR' ? await repo.idDocumentOf(db, principal.userId) : null,
      clientAddress: principal.clientAddress,
    };
  }
}

function contentColumns(content: EntryContent): Pick<NewRegisterRow, 'content' | 'cameraIds'> {
  const cameraIds = [...new Set(content.cameraIds)];
  return { content: JSON.stringify({ ...content, cameraIds }), cameraIds: JSON.stringify(cameraIds) };
}
