/**
 * Legal holds (REG-17-5, AMB-3): cameras × time ranges kept past eligibility, with a basis, a
 * citation, an owner and a review date (default +90 days), until released. A hold past its review
 * date is the finding HOLD_REVIEW_OVERDUE.
 */
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { holdReleased, notFound } from './errors.ts';
import type { RetentionFinding } from './findings.ts';
import { recordChange, type RetentionActor } from './history.ts';
import { HOLD_BASIS_TYPES, instantText, rangeInput, toRange, type CameraRange, type HoldBasisType } from './model.ts';
import { checkRanges } from './ranges.ts';
import { retentionDb, type RetentionHoldsTable } from './tables.ts';
import { camerasOfRanges, RetentionScope } from './retention-scope.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import type { Principal } from '../access/principal.ts';
import { holdInForceAt } from './hold-in-force.ts';

export const HOLD_REVIEW_DAYS = 90;
const DAY_MS = 86_400_000;

export const holdCreateInput = z.strictObject({
  basisType: z.enum(HOLD_BASIS_TYPES),
  citation: z.string().trim().min(1).max(2000),
  requestId: z.string().min(1).max(64).optional(),
  owner: z.string().trim().min(1).max(200),
  reviewAt: instantText.optional(),
  ranges: z.array(rangeInput).min(1).max(1000),
  reason: z.string().max(2000).optional(),
});
export const holdReleaseInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const holdReviewInput = z.strictObject({ reviewAt: instantText.optional(), reason: z.string().max(2000).optional() });

export interface Hold {
  id: string;
  basisType: HoldBasisType;
  citation: string;
  requestId: string | null;
  owner: string;
  createdAt: string;
  createdBy: string;
  reviewAt: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
  ranges: CameraRange[];
  reviewOverdue: boolean;
}

export class HoldsService {
  private readonly scope: RetentionScope;

  constructor(private readonly ctx: { db: Db; clock: Clock; gate?: ObjectGate }) {
    this.scope = new RetentionScope(ctx.db, ctx.gate);
  }

  async create(input: unknown, actor: RetentionActor): Promise<Hold> {
    const parsed = holdCreateInput.parse(input);
    const now = this.ctx.clock.now();
    const ranges = parsed.ranges.map(toRange);
    await this.scope.requireOver(actor, 'ADMINISTER', camerasOfRanges({ ranges }));
    const row: RetentionHoldsTable = {
      id: newId('hold'),
      basisType: parsed.basisType,
      citation: parsed.citation,
      requestId: parsed.requestId ?? null,
      owner: parsed.owner,
      createdAt: now.toISOString(),
      createdBy: actor.name,
      reviewAt: parsed.reviewAt ?? new Date(now.getTime() + HOLD_REVIEW_DAYS * DAY_MS).toISOString(),
      releasedAt: null,
      releasedBy: null,
      releaseReason: null,
    };
    return retentionDb(this.ctx.db)
      .transaction()
      .execute(async (tx) => {
        await checkRanges(tx as unknown as Db, ranges);
        await tx.insertInto('retentionHolds').values(row).execute();
        await tx
          .insertInto('retentionHoldRanges')
          .values(ranges.map((r) => ({ holdId: row.id, cameraId: r.cameraId, fromAt: r.from, toAt: r.to })))
          .execute();
        const hold = present(row, ranges, now);
        await recordChange(tx, { entityType: 'retention_hold', entityId: row.id, action: 'create', actor: { ...actor, reason: parsed.reason ?? actor.reason }, at: now, before: null, after: hold });
        return hold;
      });
  }

  /** A viewer sees the holds whose every camera lies within their reach. */
  async list(filter: { active?: boolean; cameraId?: string } = {}, viewer?: Principal): Promise<Hold[]> {
    const db = retentionDb(this.ctx.db);
    let query = db.selectFrom('retentionHolds').selectAll();
    const now = this.ctx.clock.now();
    if (filter.active === true) query = query.where(holdInForceAt('releasedAt', now));
    if (filter.active === false) query = query.where('releasedAt', '<=', now.toISOString());
    if (filter.cameraId) query = query.where('id', 'in', db.selectFrom('retentionHoldRanges').select('holdId').where('cameraId', '=', filter.cameraId));
    const rows = await query.orderBy('createdAt').orderBy('id').execute();
    const out: Hold[] = [];
    for (const row of rows) out.push(present(row, await this.ranges(db, row.id), now));
    return this.scope.visible(viewer, out, camerasOfRanges);
  }

  async get(id: string, viewer?: Principal): Promise<Hold> {
    const db = retentionDb(this.ctx.db);
    const row = await db.selectFrom('retentionHolds').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('hold', id);
    const hold = present(row, await this.ranges(db, id), this.ctx.clock.now());
    await this.scope.requireVisible(viewer, camerasOfRanges(hold), 'hold', id);
    return hold;
  }

  async release(id: string, input: unknown, actor: RetentionActor): Promise<Hold> {
    const { reason } = holdReleaseInput.parse(input);
    return this.change(id, 'release', { ...actor, reason }, (row, now) => {
      if (isReleased(row, now)) throw holdReleased(id);
      return { releasedAt: now.toISOString(), releasedBy: actor.name, releaseReason: reason };
    });
  }

  /**
   * Schedules the release for `at` (the hold stays in force until then), e.g. a closed state-organ
   * request's hold: closing date + postCloseDays (REG-20-5). Done by the system for a service that
   * checked the caller itself.
   */
  async scheduleRelease(id: string, at: string, reason: string, actor: RetentionActor): Promise<Hold> {
    return this.change(id, 'schedule-release', { ...actor, reason }, (row, now) => {
      if (isReleased(row, now)) throw holdReleased(id);
      return { releasedAt: new Date(at).toISOString(), releasedBy: actor.name, releaseReason: reason };
    });
  }

  /** The owner has looked at the hold again: the next review is due at `reviewAt` (default +90 days). */
  async review(id: string, input: unknown, actor: RetentionActor): Promise<Hold> {
    const parsed = holdReviewInput.parse(input ?? {});
    return this.change(id, 'review', { ...actor, reason: parsed.reason ?? actor.reason }, (row, now) => {
      if (isReleased(row, now)) throw holdReleased(id);
      return { reviewAt: parsed.reviewAt ?? new Date(now.getTime() + HOLD_REVIEW_DAYS * DAY_MS).toISOString() };
    });
  }

  /** HOLD_REVIEW_OVERDUE for each hold in force whose review date has passed. */
  async findings(): Promise<RetentionFinding[]> {
    return (await this.list({ active: true }))
      .filter((h) => h.reviewOverdue)
      .map((h) => ({
        ruleId: 'REG-17-5',
        code: 'HOLD_REVIEW_OVERDUE',
        article: '17',
        severity: 'NONCOMPLIANT',
        message: { zh: `保全 ${h.id}(${h.citation})已过复核日期 ${h.reviewAt}`, en: `Hold ${h.id} (${h.citation}) is past its review date ${h.reviewAt}` },
        subject: { type: 'hold', id: h.id },
        details: { holdId: h.id, owner: h.owner, reviewAt: h.reviewAt, basisType: h.basisType },
      }));
  }

  private async change(id: string, action: string, actor: RetentionActor, compute: (row: RetentionHoldsTable, now: Date) => Partial<RetentionHoldsTable>): Promise<Hold> {
    const existing = await retentionDb(this.ctx.db).selectFrom('retentionHoldRanges').select('cameraId').where('holdId', '=', id).execute();
    await this.scope.requireOver(actor, 'ADMINISTER', existing.map((r) => r.cameraId));
    const now = this.ctx.clock.now();
    return retentionDb(this.ctx.db)
      .transaction()
      .execute(async (tx) => {
        const row = await tx.selectFrom('retentionHolds').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw notFound('hold', id);
        const next = { ...row, ...compute(row, now) };
        await tx.updateTable('retentionHolds').set(next).where('id', '=', id).execute();
        const ranges = await this.ranges(tx, id);
        const before = present(row, ranges, now);
        const after = present(next, ranges, now);
        await recordChange(tx, { entityType: 'retention_hold', entityId: id, action, actor, at: now, before, after });
        return after;
      });
  }

  private async ranges(db: ReturnType<typeof retentionDb>, holdId: string): Promise<CameraRange[]> {
    const rows = await db.selectFrom('retentionHoldRanges').selectAll().where('holdId', '=', holdId).orderBy('cameraId').orderBy('fromAt').execute();
    return rows.map((r) => ({ cameraId: r.cameraId, from: r.fromAt, to: r.toAt }));
  }
}

/** Released once its release time has come (a scheduled release lies in the future until then). */
function isReleased(row: RetentionHoldsTable, now: Date): boolean {
  return row.releasedAt !== null && Date.parse(row.releasedAt) <= now.getTime();
}

function present(row: RetentionHoldsTable, ranges: CameraRange[], now: Date): Hold {
  return { ...row, basisType: row.basisType as HoldBasisType, ranges, reviewOverdue: !isReleased(row, now) && Date.parse(row.reviewAt) < now.getTime() };
}
