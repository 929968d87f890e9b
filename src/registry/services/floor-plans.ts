/**
 * A site's floor plan: upload or replace the image (type from its magic bytes, size capped), set its
 * scale and origin, read both. Writes need CONFIG over the site; reads need the site in reach. Every
 * change is kept in the registry's history.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { siteTarget } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import { InvalidError, NotFoundError } from '../../shared/errors.ts';
import { historyRepository } from '../repositories/history-repository.ts';
import { imageTypeOf } from '../floor-plan/image-type.ts';
import { FLOOR_PLAN_MAX_BYTES, floorPlanPlacementInput, floorPlanUploadInput, type FloorPlanRecord } from '../floor-plan/model.ts';
import type { FloorPlanStore } from '../floor-plan/store.ts';
import type { Db } from '../../db/connect.ts';
import type { Actor, RegistryContext } from './context.ts';
import { requireSeen, requireWrite } from './object-access.ts';
import { requireActiveSite } from './sites.ts';

const tooLarge = () =>
  new InvalidError('E_FLOOR_PLAN_TOO_LARGE', {
    message: { zh: `平面图超过上限 ${FLOOR_PLAN_MAX_BYTES} 字节`, en: `The floor plan is larger than the limit of ${FLOOR_PLAN_MAX_BYTES} bytes` },
    details: { maxBytes: FLOOR_PLAN_MAX_BYTES },
  });

/** The whole body, refusing it as soon as it passes the limit. */
async function readLimited(body: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const piece = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += piece.length;
    if (size > FLOOR_PLAN_MAX_BYTES) throw tooLarge();
    chunks.push(piece);
  }
  return Buffer.concat(chunks);
}

const notFound = (siteId: string) =>
  new NotFoundError('E_FLOOR_PLAN_NONE', { message: { zh: `场所 ${siteId} 尚无平面图`, en: `Site ${siteId} has no floor plan` }, details: { kind: 'floorPlan', id: siteId } });

async function loadRecord(db: Db, siteId: string): Promise<FloorPlanRecord | undefined> {
  const row = await db.selectFrom('siteFloorPlans').selectAll().where('siteId', '=', siteId).executeTakeFirst();
  return row ? { ...row, mediaType: row.mediaType as FloorPlanRecord['mediaType'], sizeBytes: Number(row.sizeBytes) } : undefined;
}

export class FloorPlansService {
  constructor(
    private readonly ctx: RegistryContext,
    private readonly store: FloorPlanStore,
  ) {}

  async get(siteId: string, viewer?: Principal): Promise<FloorPlanRecord> {
    await requireSeen(this.ctx, viewer, () => siteTarget(this.ctx.db, siteId), 'site', siteId);
    const record = await loadRecord(this.ctx.db, siteId);
    if (!record) throw notFound(siteId);
    return record;
  }

  async image(siteId: string, viewer?: Principal): Promise<{ record: FloorPlanRecord; stream: Readable }> {
    const record = await this.get(siteId, viewer);
    return { record, stream: await this.store.get(siteId, record.sha256) };
  }

  /** Stores a new image (replacing the previous one) with its scale and origin. */
  async upload(siteId: string, query: unknown, body: AsyncIterable<Uint8Array | string>, actor: Actor): Promise<FloorPlanRecord> {
    const placement = floorPlanUploadInput.parse(query);
    // Checked before a byte is read: an upload outside the actor's scope leaves no file behind.
    await requireWrite(this.ctx, actor, 'CONFIG', () => siteTarget(this.ctx.db, siteId));
    await requireActiveSite(this.ctx.db, siteId);
    const bytes = await readLimited(body);
    const mediaType = imageTypeOf(bytes);
    if (!mediaType) {
      throw new InvalidError('E_FLOOR_PLAN_TYPE', {
        message: { zh: '平面图须为 PNG、JPEG 或 WebP 图片', en: 'The floor plan must be a PNG, JPEG or WebP image' },
      });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.store.put(siteId, sha256, bytes);
    const now = this.ctx.clock.now().toISOString();
    const record: FloorPlanRecord = { siteId, mediaType, sizeBytes: bytes.length, sha256, ...placement, updatedBy: actor.name, updatedAt: now };
    const previous = await this.ctx.db.transaction().execute(async (tx) => {
      const before = await loadRecord(tx, siteId);
      if (before) await tx.updateTable('siteFloorPlans').set(record).where('siteId', '=', siteId).execute();
      else await tx.insertInto('siteFloorPlans').values(record).execute();
      await historyRepository.append(tx, { entityType: 'floorPlan', entityId: siteId, action: before ? 'replace' : 'upload', actor: actor.name, at: now, before: before ?? null, after: record });
      return before;
    });
    if (previous && previous.sha256 !== sha256) await this.store.remove(siteId, previous.sha256);
    return record;
  }

  /** Changes the scale or origin of the current image. */
  async place(siteId: string, input: unknown, actor: Actor): Promise<FloorPlanRecord> {
    const patch = floorPlanPlacementInput.parse(input);
    await requireWrite(this.ctx, actor, 'CONFIG', () => siteTarget(this.ctx.db, siteId));
    const now = this.ctx.clock.now().toISOString();
    return this.ctx.db.transaction().execute(async (tx) => {
      const before = await loadRecord(tx, siteId);
      if (!before) throw notFound(siteId);
      const record: FloorPlanRecord = { ...before, ...patch, updatedBy: actor.name, updatedAt: now };
      await tx.updateTable('siteFloorPlans').set(record).where('siteId', '=', siteId).execute();
      await historyRepository.append(tx, { entityType: 'floorPlan', entityId: siteId, action: 'place', actor: actor.name, at: now, before, after: record });
      return record;
    });
  }
}
