/**
 * Ordered deletions (arts. 26–28, REG-26-2): the public security organ orders collected footage
 * deleted (e.g. a camera found in a prohibited zone). The order is recorded with its reference and
 * scope, approved by two different people other than its recorder, then executed: every segment in scope goes, inside the
 * floor too, each with its deletion-log row (policy ORDERED, the document number), and the cameras
 * are deactivated when the order says so. Nothing else deletes footage before eligibility.
 */
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { legalDate } from '../registry/model.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { permitDeletion, ORDER_APPROVALS_REQUIRED, type ApprovedOrder, type DeletionPermit } from './deletion-gate.ts';
import { alreadyApproved, documentNoTaken, notFound, orderExecuted, recorderApproval, secondApproverRequired } from './errors.ts';
import { recordChange, type RetentionActor } from './history.ts';
import { rangeInput, toRange, type CameraRange } from './model.ts';
import { checkRanges } from './ranges.ts';
import type { SegmentDeleter } from './segment-deleter.ts';
import { camerasOfRanges, RetentionScope } from './retention-scope.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import type { Principal } from '../access/principal.ts';
import { retentionDb, type RetentionDb, type RetentionOrdersTable } from './tables.ts';

export const orderCreateInput = z.strictObject({
  authority: z.string().trim().min(1).max(200),
  documentNo: z.string().trim().min(1).max(200),
  orderDate: legalDate,
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  article: z.enum(['26', '27', '28']).default('26'),
  deactivateCameras: z.boolean().default(true),
  ranges: z.array(rangeInput).min(1).max(1000),
});

export interface OrderCertificate {
  documentNo: string;
  executedAt: string;
  segments: number;
  bytes: number;
  /** Per camera: segments deleted and the chain hash of the last one (the head the tombstones link to). */
  cameras: { cameraId: string; segments: number; lastSeq: number; chainHead: string }[];
}

export interface DeletionOrder {
  id: string;
  authority: string;
  documentNo: string;
  orderDate: string;
  documentSha256: string | null;
  article: string;
  deactivateCameras: boolean;
  status: 'RECORDED' | 'EXECUTED';
  approvals: { by: string; at: string }[];
  createdAt: string;
  createdBy: string;
  executedAt: string | null;
  certificate: OrderCertificate | null;
  ranges: CameraRange[];
}

export interface OrdersDeps {
  db: Db;
  clock: Clock;
  deleter: SegmentDeleter;
  /** Deactivates a camera in the registry (its own transaction and history). */
  deactivateCamera(cameraId: string, actor: RetentionActor): Promise<void>;
  gate?: ObjectGate;
}

const BATCH = 1000;

export class OrdersService {
  private readonly scope: RetentionScope;

  constructor(private readonly d: OrdersDeps) {
    this.scope = new RetentionScope(d.db, d.gate);
  }

  async record(input: unknown, actor: RetentionActor): Promise<DeletionOrder> {
    const parsed = orderCreateInput.parse(input);
    const now = this.d.clock.now();
    const ranges = parsed.ranges.map(toRange);
    await this.scope.requireOver(actor, 'ADMINISTER', camerasOfRanges({ ranges }));
    const row: RetentionOrdersTable = {
      id: newId('ord'),
      authority: parsed.authority,
      documentNo: parsed.documentNo,
      orderDate: parsed.orderDate,
      documentSha256: parsed.documentSha256 ?? null,
      article: parsed.article,
      deactivateCameras: parsed.deactivateCameras ? 1 : 0,
      status: 'RECORDED',
      approvals: '[]',
      createdAt: now.toISOString(),
      createdBy: actor.name,
      executedAt: null,
      certificate: null,
    };
    return retentionDb(this.d.db)
      .transaction()
      .execute(async (tx) => {
        await checkRanges(tx as unknown as Db, ranges);
        if (await tx.selectFrom('retentionOrders').select('id').where('documentNo', '=', row.documentNo).executeTakeFirst()) throw documentNoTaken(row.documentNo);
        await tx.insertInto('retentionOrders').values(row).execute();
        await tx
          .insertInto('retentionOrderRanges')
          .values(ranges.map((r) => ({ orderId: row.id, cameraId: r.cameraId, fromAt: r.from, toAt: r.to })))
          .execute();
        const order = present(row, ranges);
        await recordChange(tx, { entityType: 'retention_order', entityId: row.id, action: 'record', actor, at: now, before: null, after: order });
        return order;
      });
  }

  /** A viewer sees the orders whose every camera lies within their reach. */
  async list(viewer?: Principal): Promise<DeletionOrder[]> {
    const db = retentionDb(this.d.db);
    const rows = await db.selectFrom('retentionOrders').selectAll().orderBy('createdAt').orderBy('id').execute();
    const out: DeletionOrder[] = [];
    for (const row of rows) out.push(present(row, await ranges(db, row.id)));
    return this.scope.visible(viewer, out, camerasOfRanges);
  }

  async get(id: string, viewer?: Principal): Promise<DeletionOrder> {
    const db = retentionDb(this.d.db);
    const row = await db.selectFrom('retentionOrders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('order', id);
    const order = present(row, await ranges(db, id));
    await this.scope.requireVisible(viewer, camerasOfRanges(order), 'order', id);
    return order;
  }

  /** One approver's approval; the same person cannot approve twice, and whoever recorded the order never approves it. */
  async approve(id: string, actor: RetentionActor): Promise<DeletionOrder> {
    await this.scope.requireOver(actor, 'APPROVE', camerasOfRanges(await this.get(id)));
    const now = this.d.clock.now();
    return retentionDb(this.d.db)
      .transaction()
      .execute(async (tx) => {
        const before = await this.load(tx, id);
        if (before.status === 'EXECUTED') throw orderExecuted(id);
        if (before.createdBy === actor.name) throw recorderApproval(id, actor.name);
        if (before.approvals.some((a) => a.by === actor.name)) throw alreadyApproved(id, actor.name);
        const approvals = [...before.approvals, { by: actor.name, at: now.toISOString() }];
        await tx.updateTable('retentionOrders').set({ approvals: JSON.stringify(approvals) }).where('id', '=', id).execute();
        const after = { ...before, approvals };
        await recordChange(tx, { entityType: 'retention_order', entityId: id, action: 'approve', actor, at: now, before, after });
        return after;
      });
  }

  /** Deletes every segment in the order's scope (batches; a re-run after a crash finishes the rest). */
  async execute(id: string, actor: RetentionActor): Promise<DeletionOrder> {
    const order = await this.get(id);
    await this.scope.requireOver(actor, 'ADMINISTER', camerasOfRanges(order));
    if (order.status === 'EXECUTED') throw orderExecuted(id);
    if (order.approvals.length < ORDER_APPROVALS_REQUIRED) throw secondApproverRequired(id, order.approvals.length);
    const approved: ApprovedOrder = { orderId: id, documentNo: order.documentNo, approvals: order.approvals.length, ranges: order.ranges };
    const now = this.d.clock.now();
    // Recording stops first, so that the footage named is all there is to delete.
    if (order.deactivateCameras) {
      for (const cameraId of new Set(order.ranges.map((r) => r.cameraId))) await this.d.deactivateCamera(cameraId, { ...actor, reason: `${order.authority} ${order.documentNo}` });
    }
    // An open end means "until now": footage collected up to the execution.
    for (const range of order.ranges) await this.deleteRange({ ...range, to: range.to ?? now.toISOString() }, approved, now);
    return retentionDb(this.d.db)
      .transaction()
      .execute(async (tx) => {
        const before = await this.load(tx, id);
        if (before.status === 'EXECUTED') throw orderExecuted(id);
        const certificate = await certify(tx, order.documentNo, now);
        await tx.updateTable('retentionOrders').set({ status: 'EXECUTED', executedAt: now.toISOString(), certificate: JSON.stringify(certificate) }).where('id', '=', id).execute();
        const after: DeletionOrder = { ...before, status: 'EXECUTED', executedAt: now.toISOString(), certificate };
        await recordChange(tx, { entityType: 'retention_order', entityId: id, action: 'execute', actor, at: now, before, after });
        return after;
      });
  }

  private async deleteRange(range: CameraRange, order: ApprovedOrder, now: Date): Promise<void> {
    for (;;) {
      let query = this.d.db.selectFrom('segments').selectAll().where('cameraId', '=', range.cameraId);
      if (range.to !== null) query = query.where('startAt', '<', range.to);
      if (range.from !== null) query = query.where('endAt', '>', range.from);
      const page = await query.orderBy('seq').limit(BATCH).execute();
      const permits = page.map((s) => permitDeletion(s, { kind: 'ORDERED', order }, now)).filter((p): p is DeletionPermit => p.permitted);
      await this.d.deleter.delete(permits, now);
      if (page.length < BATCH) return;
    }
  }

  private async load(db: RetentionDb, id: string): Promise<DeletionOrder> {
    const row = await db.selectFrom('retentionOrders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('order', id);
    return present(row, await ranges(db, id));
  }
}

async function ranges(db: RetentionDb, orderId: string): Promise<CameraRange[]> {
  const rows = await db.selectFrom('retentionOrderRanges').selectAll().where('orderId', '=', orderId).orderBy('cameraId').execute();
  return rows.map((r) => ({ cameraId: r.cameraId, from: r.fromAt, to: r.toAt }));
}

async function certify(db: RetentionDb, documentNo: string, now: Date): Promise<OrderCertificate> {
  const rows = await db
    .selectFrom('segmentDeletions')
    .select(['cameraId', 'segmentSeq', 'chainHash', 'bytes'])
    .where('policy', '=', 'ORDERED')
    .where('orderRef', '=', documentNo)
    .orderBy('cameraId')
    .orderBy('segmentSeq')
    .execute();
  const cameras = new Map<string, OrderCertificate['cameras'][number]>();
  for (const r of rows) {
    const c = cameras.get(r.cameraId) ?? { cameraId: r.cameraId, segments: 0, lastSeq: 0, chainHead: '' };
    c.segments++;
    c.lastSeq = r.segmentSeq;
    c.chainHead = r.chainHash;
    cameras.set(r.cameraId, c);
  }
  return { documentNo, executedAt: now.toISOString(), segments: rows.length, bytes: rows.reduce((n, r) => n + Number(r.bytes), 0), cameras: [...cameras.values()] };
}

function present(row: RetentionOrdersTable, orderRanges: CameraRange[]): DeletionOrder {
  return {
    ...row,
    deactivateCameras: row.deactivateCameras === 1,
    status: row.status as DeletionOrder['status'],
    approvals: JSON.parse(row.approvals) as DeletionOrder['approvals'],
    certificate: row.certificate ? (JSON.parse(row.certificate) as OrderCertificate) : null,
    ranges: orderRanges,
  };
}
