/**
 * Purpose states (REG-17-4, AMB-2): footage is GENERAL_MONITORING, achieved at eligibleAt, unless a
 * case still open (incident, request, complaint) is linked to it: then PURPOSE_ONGOING. Closing the
 * case makes it ACHIEVED again, and the sweeper deletes it once it is eligible. Links are stored as
 * (camera, range, basis type, ref, opened, closed).
 */
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { notFound, purposeClosed } from './errors.ts';
import { recordChange, type RetentionActor } from './history.ts';
import { instantText, PURPOSE_BASIS_TYPES } from './model.ts';
import { checkRanges } from './ranges.ts';
import { retentionDb, type RetentionPurposeLinksTable } from './tables.ts';
import { RetentionScope } from './retention-scope.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import type { Principal } from '../access/principal.ts';

export const purposeOpenInput = z.strictObject({
  cameraId: z.string().min(1).max(64),
  from: instantText,
  to: instantText,
  basisType: z.enum(PURPOSE_BASIS_TYPES),
  ref: z.string().trim().min(1).max(200),
  reason: z.string().max(2000).optional(),
});
export const purposeCloseCaseInput = z.strictObject({ basisType: z.enum(PURPOSE_BASIS_TYPES), ref: z.string().trim().min(1).max(200) });

export type PurposeLink = RetentionPurposeLinksTable & { state: 'PURPOSE_ONGOING' | 'ACHIEVED' };

const present = (row: RetentionPurposeLinksTable): PurposeLink => ({ ...row, state: row.closedAt === null ? 'PURPOSE_ONGOING' : 'ACHIEVED' });

export class PurposesService {
  private readonly scope: RetentionScope;

  constructor(private readonly ctx: { db: Db; clock: Clock; gate?: ObjectGate }) {
    this.scope = new RetentionScope(ctx.db, ctx.gate);
  }

  async open(input: unknown, actor: RetentionActor): Promise<PurposeLink> {
    const parsed = purposeOpenInput.parse(input);
    await this.scope.requireOver(actor, 'ADMINISTER', [parsed.cameraId]);
    const now = this.ctx.clock.now();
    const row: RetentionPurposeLinksTable = {
      id: newId('pur'),
      cameraId: parsed.cameraId,
      fromAt: parsed.from,
      toAt: parsed.to,
      basisType: parsed.basisType,
      ref: parsed.ref,
      openedAt: now.toISOString(),
      openedBy: actor.name,
      closedAt: null,
      closedBy: null,
    };
    return retentionDb(this.ctx.db)
      .transaction()
      .execute(async (tx) => {
        await checkRanges(tx as unknown as Db, [{ cameraId: row.cameraId, from: row.fromAt, to: row.toAt }]);
        await tx.insertInto('retentionPurposeLinks').values(row).execute();
        await recordChange(tx, { entityType: 'retention_purpose', entityId: row.id, action: 'open', actor: { ...actor, reason: parsed.reason ?? actor.reason }, at: now, before: null, after: row });
        return present(row);
      });
  }

  /** A viewer sees the links of cameras within their reach. */
  async list(filter: { cameraId?: string; open?: boolean; ref?: string } = {}, viewer?: Principal): Promise<PurposeLink[]> {
    let query = retentionDb(this.ctx.db).selectFrom('retentionPurposeLinks').selectAll();
    if (filter.cameraId) query = query.where('cameraId', '=', filter.cameraId);
    if (filter.ref) query = query.where('ref', '=', filter.ref);
    if (filter.open === true) query = query.where('closedAt', 'is', null);
    if (filter.open === false) query = query.where('closedAt', 'is not', null);
    const links = (await query.orderBy('openedAt').orderBy('id').execute()).map(present);
    return this.scope.visible(viewer, links, (link) => [link.cameraId]);
  }

  async close(id: string, actor: RetentionActor): Promise<PurposeLink> {
    const [closed] = await this.closeWhere(actor, { id });
    if (!closed) throw notFound('purpose link', id);
    return closed;
  }

  /** Closes every open link of the case (the incident, request or complaint is closed). */
  async closeCase(input: unknown, actor: RetentionActor): Promise<PurposeLink[]> {
    const { basisType, ref } = purposeCloseCaseInput.parse(input);
    return this.closeWhere(actor, { basisType, ref });
  }

  private async closeWhere(actor: RetentionActor, where: { id: string } | { basisType: string; ref: string }): Promise<PurposeLink[]> {
    // Every link the change would close must be of a camera the actor administers (a case may span units).
    let scoped = retentionDb(this.ctx.db).selectFrom('retentionPurposeLinks').select('cameraId');
    scoped = 'id' in where ? scoped.where('id', '=', where.id) : scoped.where('basisType', '=', where.basisType).where('ref', '=', where.ref);
    await this.scope.requireOver(actor, 'ADMINISTER', (await scoped.execute()).map((r) => r.cameraId));
    const now = this.ctx.clock.now();
    return retentionDb(this.ctx.db)
      .transaction()
      .execute(async (tx) => {
        let query = tx.selectFrom('retentionPurposeLinks').selectAll();
        query = 'id' in where ? query.where('id', '=', where.id) : query.where('basisType', '=', where.basisType).where('ref', '=', where.ref);
        const rows = await query.orderBy('id').execute();
        if ('id' in where && rows[0]?.closedAt) throw purposeClosed(where.id);
        const out: PurposeLink[] = [];
        for (const row of rows.filter((r) => r.closedAt === null)) {
          const next = { ...row, closedAt: now.toISOString(), closedBy: actor.name };
          await tx.updateTable('retentionPurposeLinks').set({ closedAt: next.closedAt, closedBy: next.closedBy }).where('id', '=', row.id).execute();
          await recordChange(tx, { entityType: 'retention_purpose', entityId: row.id, action: 'close', actor, at: now, before: row, after: next });
          out.push(present(next));
        }
        return out;
      });
  }
}
