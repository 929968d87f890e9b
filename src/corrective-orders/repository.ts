/** Every read and write of the corrective-order tables (migration 0030). */
import type { Db } from '../db/connect.ts';
import type { FindingLink, OrderArticle, OrderDocument, OrderItem, OrderStatus, StoredOrder, TaskLink } from './model.ts';
import { ordersDb, type CorrectiveOrderDocumentsTable, type CorrectiveOrderItemsTable, type CorrectiveOrdersTable } from './tables.ts';

const parse = <T>(text: string): T => JSON.parse(text) as T;

function toDocument(row: CorrectiveOrderDocumentsTable): OrderDocument {
  return { id: row.id, itemId: row.itemId, kind: row.kind as OrderDocument['kind'], fileName: row.fileName, mediaType: row.mediaType, bytes: Number(row.bytes), sha256: row.sha256, uploadedBy: row.uploadedBy, uploadedAt: row.uploadedAt };
}

function toItem(row: CorrectiveOrderItemsTable, documents: OrderDocument[]): OrderItem {
  return {
    id: row.id,
    position: Number(row.position),
    text: row.text,
    dueDate: row.dueDate,
    assignee: row.assignee,
    findings: parse<FindingLink[]>(row.findingLinks),
    tasks: parse<TaskLink[]>(row.taskLinks),
    status: row.status as OrderStatus,
    evidenceNote: row.evidenceNote,
    closedBy: row.closedBy,
    closedAt: row.closedAt,
    evidence: documents.filter((d) => d.itemId === row.id),
  };
}

function toOrder(row: CorrectiveOrdersTable, items: CorrectiveOrderItemsTable[], documents: OrderDocument[]): StoredOrder {
  return {
    id: row.id,
    unitId: row.unitId,
    reference: row.reference,
    issuingOrgan: row.issuingOrgan,
    issuedOn: row.issuedOn,
    articles: parse<OrderArticle[]>(row.articles),
    limitDays: row.limitDays === null ? null : Number(row.limitDays),
    dueDate: row.dueDate,
    siteIds: parse<string[]>(row.siteIds),
    summary: row.summary,
    status: row.status as OrderStatus,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt,
    closedBy: row.closedBy,
    closedAt: row.closedAt,
    items: items.map((i) => toItem(i, documents)),
    scan: documents.find((d) => d.kind === 'ORDER_SCAN') ?? null,
  };
}

export type NewDocumentRow = CorrectiveOrderDocumentsTable;

export const ordersRepository = {
  async insert(db: Db, order: CorrectiveOrdersTable, items: CorrectiveOrderItemsTable[], documents: NewDocumentRow[]): Promise<void> {
    await db.transaction().execute(async (tx) => {
      const o = ordersDb(tx);
      await o.insertInto('correctiveOrders').values(order).execute();
      for (const item of items) await o.insertInto('correctiveOrderItems').values(item).execute();
      for (const d of documents) await o.insertInto('correctiveOrderDocuments').values(d).execute();
    });
  },

  async get(db: Db, id: string): Promise<StoredOrder | undefined> {
    const row = await ordersDb(db).selectFrom('correctiveOrders').selectAll().where('id', '=', id).executeTakeFirst();
    return row && (await this.assemble(db, [row]))[0];
  },

  async list(db: Db, filter: { status?: OrderStatus } = {}): Promise<StoredOrder[]> {
    let q = ordersDb(db).selectFrom('correctiveOrders').selectAll().orderBy('dueDate').orderBy('id');
    if (filter.status) q = q.where('status', '=', filter.status);
    return this.assemble(db, await q.execute());
  },

  async assemble(db: Db, rows: CorrectiveOrdersTable[]): Promise<StoredOrder[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const items = await ordersDb(db).selectFrom('correctiveOrderItems').selectAll().where('orderId', 'in', ids).orderBy('position').execute();
    const documents = await ordersDb(db).selectFrom('correctiveOrderDocuments').selectAll().where('orderId', 'in', ids).orderBy('uploadedAt').orderBy('id').execute();
    return rows.map((r) =>
      toOrder(
        r,
        items.filter((i) => i.orderId === r.id),
        documents.filter((d) => d.orderId === r.id).map(toDocument),
      ),
    );
  },

  async document(db: Db, orderId: string, documentId: string): Promise<(OrderDocument & { path: string }) | undefined> {
    const row = await ordersDb(db).selectFrom('correctiveOrderDocuments').selectAll().where('orderId', '=', orderId).where('id', '=', documentId).executeTakeFirst();
    return row && { ...toDocument(row), path: row.path };
  },

  /** Closes an open item with its evidence; false when it was no longer open. */
  async closeItem(db: Db, orderId: string, itemId: string, set: { evidenceNote: string; closedBy: string; closedAt: string }, documents: NewDocumentRow[]): Promise<boolean> {
    return db.transaction().execute(async (tx) => {
      const o = ordersDb(tx);
      const result = await o.updateTable('correctiveOrderItems').set({ ...set, status: 'CLOSED' }).where('id', '=', itemId).where('orderId', '=', orderId).where('status', '=', 'OPEN').executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      for (const d of documents) await o.insertInto('correctiveOrderDocuments').values(d).execute();
      return true;
    });
  },

  /** Closes the order once every item is closed; false when it was no longer open or an item is still open. */
  async closeOrder(db: Db, id: string, set: { closedBy: string; closedAt: string }): Promise<boolean> {
    const open = await ordersDb(db).selectFrom('correctiveOrderItems').select('id').where('orderId', '=', id).where('status', '=', 'OPEN').executeTakeFirst();
    if (open) return false;
    const result = await ordersDb(db).updateTable('correctiveOrders').set({ ...set, status: 'CLOSED' }).where('id', '=', id).where('status', '=', 'OPEN').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
