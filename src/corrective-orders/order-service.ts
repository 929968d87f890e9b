/**
 * Corrective orders 责令改正 (REG-24-3): the unit records the organ's order with its items, works the
 * items and closes each with evidence; the order closes itself when its last item closes. Recording
 * and closing need ADMINISTER over every site the order concerns (checked against the sites, not the
 * action alone); reading follows the caller's reach. Every step goes to the hash-chained history.
 */
import type { Db } from '../db/connect.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import type { Principal } from '../access/principal.ts';
import { siteTarget } from '../access/authorization/target.ts';
import { filingsRepository, sitesRepository, unitsRepository } from '../registry/repositories/index.ts';
import { remediationTasksRepository } from '../advisories/repositories.ts';
import type { ObjectGate, Actor } from '../registry/services/context.ts';
import { requireWrite } from '../registry/services/object-access.ts';
import { historyRepository, type HistoryEntry } from '../registry/repositories/history-repository.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { legalDateOf } from '../shared/legal-time.ts';
import { endDeadlineAlarms, syncDeadlineAlarms, type DeadlineAlarms } from './deadline-alarms.ts';
import { dueDateOf } from './deadline.ts';
import type { OrderDocumentStore } from './document-store.ts';
import * as E from './errors.ts';
import { closeItemInput, DOCUMENT_MAX_BYTES, recordInput, type DocumentInput, type FindingLink, type RecordInput, type StoredOrder, type TaskLink } from './model.ts';
import { ordersRepository as repo, type NewDocumentRow } from './repository.ts';
import { renderReportBack } from './report-back-pdf.ts';
import { alertsOf, orderView, type AlertView, type OrderView } from './view.ts';

export const ENTITY = 'correctiveOrder';

export interface OrderDeps {
  db: Db;
  clock: Clock;
  gate?: ObjectGate | undefined;
  documents: OrderDocumentStore;
  /** Where the deadline alarms go (REG-24-3's alerts); without it the alerts are shown only on the orders' pages. */
  alarms?: DeadlineAlarms | undefined;
}

function decode(d: DocumentInput): Buffer {
  const bytes = Buffer.from(d.contentBase64, 'base64');
  if (bytes.length === 0) throw E.documentEmpty(d.fileName);
  if (bytes.length > DOCUMENT_MAX_BYTES) throw E.documentTooLarge(d.fileName, DOCUMENT_MAX_BYTES);
  return bytes;
}

export class CorrectiveOrderService {
  constructor(private readonly deps: OrderDeps) {}

  /** Records an order with its items (and the scan of the order), due on the date of issue plus the limit. */
  async record(actor: Actor, raw: unknown): Promise<OrderView> {
    const { db, clock, documents } = this.deps;
    const input = recordInput.parse(raw);
    const now = clock.now();
    if ((input.limitDays === undefined) === (input.dueDate === undefined)) throw input.limitDays === undefined ? E.limitRequired() : E.limitAmbiguous();
    if (input.issuedOn > legalDateOf(now)) throw E.issuedInFuture(input.issuedOn, legalDateOf(now));
    const dueDate = dueDateOf(input.issuedOn, input);
    if (dueDate < input.issuedOn) throw E.dueBeforeIssue(input.issuedOn, dueDate);
    const siteIds = [...new Set(input.siteIds)];
    const targets = await Promise.all(siteIds.map((id) => siteTarget(db, id)));
    const unitIds = [...new Set(targets.map((t) => t.unitId))];
    if (unitIds.length !== 1) throw E.sitesOfSeveralUnits(unitIds);
    for (const target of targets) await requireWrite(this.deps, actor, 'ADMINISTER', target);
    const unitId = unitIds[0]!;
    await this.checkItems(input, unitId, siteIds, dueDate);
    const scanBytes = input.scan && decode(input.scan);

    const id = newId('cor');
    const at = now.toISOString();
    const stored: NewDocumentRow[] = [];
    if (input.scan && scanBytes) {
      const documentId = newId('doc');
      const { path, sha256 } = await documents.put(id, documentId, scanBytes);
      stored.push({ id: documentId, orderId: id, itemId: null, kind: 'ORDER_SCAN', fileName: input.scan.fileName, mediaType: input.scan.mediaType, bytes: scanBytes.length, sha256, path, uploadedBy: actor.name, uploadedAt: at });
    }
    const items = input.items.map((item, index) => ({
      id: newId('coi'),
      orderId: id,
      position: index + 1,
      text: item.text,
      dueDate: item.dueDate ?? null,
      assignee: item.assignee?.trim() || null,
      findingLinks: JSON.stringify(item.findings),
      taskLinks: JSON.stringify(item.tasks),
      status: 'OPEN',
      evidenceNote: null,
      closedBy: null,
      closedAt: null,
    }));
    const row = {
      id,
      unitId,
      reference: input.reference,
      issuingOrgan: input.issuingOrgan,
      issuedOn: input.issuedOn,
      articles: JSON.stringify([...new Set(input.articles)]),
      limitDays: input.limitDays ?? null,
      dueDate,
      siteIds: JSON.stringify(siteIds),
      summary: input.summary?.trim() || null,
      status: 'OPEN',
      recordedBy: actor.name,
      recordedAt: at,
      closedBy: null,
      closedAt: null,
    };
    try {
      await repo.insert(db, row, items, stored);
    } catch (error) {
      if (isUniqueViolation(error)) throw E.referenceTaken(input.reference);
      throw error;
    }
    const order = await this.load(id);
    await this.step(actor, id, 'RECORD', at, null, order);
    return orderView(order, now);
  }

  /** An order the viewer may see (absent otherwise: its existence is not told). */
  async get(viewer: Principal | undefined, id: string): Promise<StoredOrder> {
    const order = await repo.get(this.deps.db, id);
    if (!order || !(await this.visible(viewer, order))) throw E.orderNotFound(id);
    return order;
  }

  async list(viewer: Principal | undefined, filter: { status?: 'OPEN' | 'CLOSED' } = {}): Promise<StoredOrder[]> {
    const orders = await repo.list(this.deps.db, filter);
    const kept: StoredOrder[] = [];
    for (const order of orders) if (await this.visible(viewer, order)) kept.push(order);
    return kept;
  }

  /** Every order, for the compliance report and the exposure (filtered by reach there, per finding). */
  async all(): Promise<StoredOrder[]> {
    return repo.list(this.deps.db);
  }

  /** The deadline alarms of the open orders brought up to date (REG-24-3's alerts; run every minute by the server). */
  async checkDeadlines(at?: Date): Promise<number> {
    const { alarms, db, clock } = this.deps;
    if (!alarms) return 0;
    return syncDeadlineAlarms(await repo.list(db, { status: 'OPEN' }), alarms, at ?? clock.now());
  }

  /** Closes an item with its evidence (a note, and photos or documents with SHA-256); the order closes with its last item. */
  async closeItem(actor: Actor, orderId: string, itemId: string, raw: unknown): Promise<OrderView> {
    const { db, clock, documents } = this.deps;
    const input = closeItemInput.parse(raw);
    const order = await this.get(actor.principal, orderId);
    await this.requireAdminister(actor, order);
    const item = order.items.find((i) => i.id === itemId);
    if (!item) throw E.itemNotFound(orderId, itemId);
    if (item.status === 'CLOSED') throw E.itemClosed(itemId);
    const files = input.documents.map((d) => ({ ...d, bytes: decode(d) }));
    const at = clock.now().toISOString();
    const stored: NewDocumentRow[] = [];
    for (const f of files) {
      const documentId = newId('doc');
      const { path, sha256 } = await documents.put(orderId, documentId, f.bytes);
      stored.push({ id: documentId, orderId, itemId, kind: 'EVIDENCE', fileName: f.fileName, mediaType: f.mediaType, bytes: f.bytes.length, sha256, path, uploadedBy: actor.name, uploadedAt: at });
    }
    if (!(await repo.closeItem(db, orderId, itemId, { evidenceNote: input.note, closedBy: actor.name, closedAt: at }, stored))) throw E.itemClosed(itemId);
    const closed = (await this.load(orderId)).items.find((i) => i.id === itemId)!;
    // unitId in each snapshot: an auditor of the unit reads these steps (HistoryTargets).
    await this.step(actor, orderId, 'CLOSE_ITEM', at, { unitId: order.unitId, itemId, status: 'OPEN' }, { unitId: order.unitId, itemId, status: 'CLOSED', evidenceNote: closed.evidenceNote, evidence: closed.evidence.map((d) => ({ id: d.id, fileName: d.fileName, sha256: d.sha256 })) });
    if (await repo.closeOrder(db, orderId, { closedBy: actor.name, closedAt: at })) {
      await this.step(actor, orderId, 'CLOSE', at, { unitId: order.unitId, status: 'OPEN' }, { unitId: order.unitId, status: 'CLOSED', closedAt: at });
      if (this.deps.alarms) await endDeadlineAlarms(this.deps.alarms, orderId, at);
    }
    return orderView(await this.load(orderId), clock.now());
  }

  /** The orders the viewer may see, each with its deadline as seen now (or at `at`). */
  async views(viewer: Principal | undefined, filter: { status?: 'OPEN' | 'CLOSED' } = {}, at?: Date): Promise<OrderView[]> {
    const when = at ?? this.deps.clock.now();
    return (await this.list(viewer, filter)).map((o) => orderView(o, when));
  }

  async view(viewer: Principal | undefined, id: string, at?: Date): Promise<OrderView> {
    return orderView(await this.get(viewer, id), at ?? this.deps.clock.now());
  }

  /** REG-24-3: the alert standing for each open order the viewer may see: 7 days before, 1 day before, overdue. */
  async alerts(viewer: Principal | undefined, at?: Date): Promise<AlertView[]> {
    return alertsOf(await this.list(viewer, { status: 'OPEN' }), at ?? this.deps.clock.now());
  }

  /** The report back to the organ (PDF): the items, what was done, and the evidence hashes. */
  async reportBack(viewer: Principal | undefined, id: string): Promise<{ reference: string; pdf: Buffer }> {
    const now = this.deps.clock.now();
    const order = orderView(await this.get(viewer, id), now);
    const unit = await unitsRepository.get(this.deps.db, order.unitId);
    const siteNames = await Promise.all(order.siteIds.map(async (siteId) => (await sitesRepository.get(this.deps.db, siteId))?.name ?? siteId));
    return { reference: order.reference, pdf: await renderReportBack(order, { unitName: unit?.name ?? order.unitId, siteNames, at: now }) };
  }

  /** A document's bytes (the scan or evidence), for someone who may see the order. */
  async document(viewer: Principal | undefined, orderId: string, documentId: string): Promise<{ fileName: string; mediaType: string; sha256: string; bytes: Buffer }> {
    await this.get(viewer, orderId);
    const doc = await repo.document(this.deps.db, orderId, documentId);
    if (!doc) throw E.orderNotFound(`${orderId}/${documentId}`);
    return { fileName: doc.fileName, mediaType: doc.mediaType, sha256: doc.sha256, bytes: await this.deps.documents.read(doc.path) };
  }

  /** The order's steps as the administration history keeps them (actor and time each). */
  async history(viewer: Principal | undefined, orderId: string): Promise<HistoryEntry[]> {
    await this.get(viewer, orderId);
    return historyRepository.list(this.deps.db, { entityType: ENTITY, entityId: orderId });
  }

  private async requireAdminister(actor: Actor, order: StoredOrder): Promise<void> {
    for (const siteId of order.siteIds) await requireWrite(this.deps, actor, 'ADMINISTER', () => siteTarget(this.deps.db, siteId));
  }

  private async visible(viewer: Principal | undefined, order: StoredOrder): Promise<boolean> {
    if (!viewer || !this.deps.gate) return true;
    const reach = await this.deps.gate.reach(viewer);
    return reach.everything || order.siteIds.some((siteId) => reach.covers({ unitId: order.unitId, siteId }));
  }

  /** Item due dates within the order's, finding links about the order's sites or unit, tasks that exist there. */
  private async checkItems(input: RecordInput, unitId: string, siteIds: string[], dueDate: string): Promise<void> {
    const within = (link: FindingLink) => (link.subject.type === 'unit' ? link.subject.id === unitId : link.subject.type === 'site' ? siteIds.includes(link.subject.id) : link.subject.siteId !== undefined && siteIds.includes(link.subject.siteId));
    for (const [index, item] of input.items.entries()) {
      const position = index + 1;
      if (item.dueDate && item.dueDate > dueDate) throw E.itemDueAfterOrder(position, item.dueDate, dueDate);
      for (const link of item.findings) if (!within(link)) throw E.findingOutsideOrder(position, link);
      for (const task of item.tasks) await this.checkTask(position, task, siteIds);
    }
  }

  private async checkTask(position: number, task: TaskLink, siteIds: string[]): Promise<void> {
    if (task.kind === 'TEXT') return;
    const found = task.kind === 'FILING' ? await filingsRepository.get(this.deps.db, task.id) : await remediationTasksRepository.get(this.deps.db, task.id);
    if (!found || !siteIds.includes(found.siteId)) throw E.taskNotFound(position, task.kind, task.id);
  }

  private async step(actor: Actor, orderId: string, action: string, at: string, before: unknown, after: unknown): Promise<void> {
    await historyRepository.append(this.deps.db, { entityType: ENTITY, entityId: orderId, action, actor: actor.name, reason: actor.reason ?? null, at, before, after });
  }

  private async load(id: string): Promise<StoredOrder> {
    const order = await repo.get(this.deps.db, id);
    if (!order) throw E.orderNotFound(id);
    return order;
  }
}
