/**
 * Filings (备案, art. 14): drafts built live from the registry, manual edits with reasons,
 * submission with attestation, the PSB's receipt or return, and the export as JSON or PDF.
 */
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import {
  applyManualEdit,
  assertSubmission,
  attachmentChecklist,
  buildFilingDataset,
  FILING_ATTACHMENT_TYPES,
  transitionFiling,
  type FilingDataset,
  type FilingEvent,
} from '../policy/cn-order-799/filing/index.ts';
import type { FilingRecord } from '../registry/model.ts';
import { filingsRepository, sitesRepository } from '../registry/repositories/index.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { Actor, RegistryContext } from '../registry/services/context.ts';
import { loadSnapshot } from '../registry/snapshot-loader.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';

import { requireSeen, requireWrite, targetLookup, withinReach } from '../registry/services/object-access.ts';
import { siteTarget } from '../access/authorization/target.ts';
import type { Principal } from '../access/principal.ts';

export const filingEditInput = z.strictObject({
  path: z.string().min(1).max(100),
  value: z.unknown(),
  reason: z.string().min(1).max(2000),
});
export const filingSubmitInput = z.strictObject({
  responsiblePerson: z.string().max(100),
  position: z.string().max(100).optional(),
});
export const filingReceiptInput = z.strictObject({
  receiptNo: z.string().min(1).max(100),
  filedAt: z.string(),
  /** Defaults to the filing authority named in the dataset. */
  authority: z.string().max(200).optional(),
});
export const filingReturnInput = z.strictObject({ reason: z.string().max(2000) });
export const filingAttachmentsInput = z.partialRecord(z.enum(FILING_ATTACHMENT_TYPES), z.boolean());

const OPEN_STATUSES = new Set(['DRAFT', 'SUBMITTED', 'RETURNED']);

export class FilingsService {
  constructor(private readonly ctx: RegistryContext) {}

  /** The dataset a filing of this system would carry now (REG-14-1). */
  async draftFor(siteId: string, viewer?: Principal): Promise<FilingDataset> {
    await this.requireSite(this.ctx.db, siteId);
    await requireSeen(this.ctx, viewer, () => siteTarget(this.ctx.db, siteId), 'site', siteId);
    return buildFilingDataset(await loadSnapshot(this.ctx.db, { siteId }), siteId, this.ctx.clock.now());
  }

  async list(filter: { siteId?: string } = {}, viewer?: Principal): Promise<FilingRecord[]> {
    const filings = await filingsRepository.list(this.ctx.db, filter.siteId ? { siteId: filter.siteId } : {});
    const targets = targetLookup(this.ctx.db);
    return withinReach(this.ctx, viewer, filings, (f) => targets.site(f.siteId));
  }

  /** One filing; a viewer sees only filings of sites within their reach (else E_NOT_FOUND). */
  async get(id: string, viewer?: Principal): Promise<FilingRecord> {
    const filing = await this.require(this.ctx.db, id);
    await requireSeen(this.ctx, viewer, () => siteTarget(this.ctx.db, filing.siteId), 'filing', id);
    return filing;
  }

  /** Opens a filing for the system: an initial filing, or a change filing once one has been filed. */
  async create(siteId: string, actor: Actor): Promise<FilingRecord> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      await this.requireSite(tx, siteId);
      await requireWrite(this.ctx, actor, 'ADMINISTER', async () => ({ unitId: (await siteTarget(tx, siteId)).unitId }), tx);
      const existing = await filingsRepository.list(tx, { siteId });
      const open = existing.find((f) => OPEN_STATUSES.has(f.status));
      if (open) {
        throw new ConflictError('E_FILING_OPEN', {
          article: '14',
          message: { zh: '该系统已有未完成的备案', en: 'This system already has a filing in progress' },
          details: { filingId: open.id, status: open.status },
        });
      }
      const filing: FilingRecord = {
        id: newId('filing'),
        siteId,
        kind: existing.some((f) => f.status === 'FILED') ? 'CHANGE' : 'INITIAL',
        status: 'DRAFT',
        dataset: null,
        datasetSha256: null,
        attestedBy: null,
        submittedAt: null,
        receiptNo: null,
        filedAt: null,
        authority: null,
        returnedReason: null,
        createdAt: now.toISOString(),
      };
      await filingsRepository.insert(tx, filing, now.toISOString());
      await this.record(tx, filing, 'create', actor, null);
      return filing;
    });
  }

  /** A manual edit of one field of a draft, allowed only with a reason (REG-14-1, REG-14-5). */
  async edit(id: string, input: unknown, actor: Actor): Promise<FilingRecord> {
    const { path, value, reason } = filingEditInput.parse(input);
    return this.change(id, 'edit', actor, async (filing, tx, now) => {
      this.requireStatus(filing, ['DRAFT', 'RETURNED']);
      const base = (filing.dataset as FilingDataset | null) ?? buildFilingDataset(await loadSnapshot(tx, { siteId: filing.siteId }), filing.siteId, now);
      const edited = applyManualEdit(base, path, value, reason);
      return { ...filing, dataset: edited as unknown as Record<string, unknown>, datasetSha256: edited.sha256 };
    });
  }

  async submit(id: string, input: unknown, actor: Actor): Promise<FilingRecord> {
    const attestation = filingSubmitInput.parse(input);
    return this.change(id, 'submit', actor, async (filing, tx, now) => {
      const snapshot = await loadSnapshot(tx, { siteId: filing.siteId });
      const edited = (filing.dataset as FilingDataset | null) ?? undefined;
      const others = { ...snapshot, filings: snapshot.filings.filter((f) => f.id !== filing.id) };
      const dataset = assertSubmission(others, filing.siteId, attestation, { at: now, dataset: edited });
      return transitionFiling(filing, { type: 'SUBMIT', at: now, attestedBy: attestation.responsiblePerson, dataset });
    });
  }

  async recordReceipt(id: string, input: unknown, actor: Actor): Promise<FilingRecord> {
    const receipt = filingReceiptInput.parse(input);
    return this.change(id, 'record-receipt', actor, async (filing) => {
      const authority = receipt.authority ?? (filing.dataset as FilingDataset | null)?.filingAuthority ?? '';
      const event: FilingEvent = { type: 'RECORD_RECEIPT', receiptNo: receipt.receiptNo, filedAt: receipt.filedAt, authority: authority ?? '' };
      return transitionFiling(filing, event);
    });
  }

  async returnFiling(id: string, input: unknown, actor: Actor): Promise<FilingRecord> {
    const { reason } = filingReturnInput.parse(input);
    return this.change(id, 'return', actor, async (filing) => transitionFiling(filing, { type: 'RETURN', reason }));
  }

  /** The dataset the filing carries: as submitted, or as the draft reads now. */
  async datasetOf(id: string, viewer?: Principal): Promise<FilingDataset> {
    const filing = await this.get(id, viewer);
    return (filing.dataset as FilingDataset | null) ?? this.draftFor(filing.siteId);
  }

  async exportJson(id: string, attachments: unknown = {}, viewer?: Principal) {
    const filing = await this.get(id, viewer);
    return {
      filing: { id: filing.id, kind: filing.kind, status: filing.status, receiptNo: filing.receiptNo, filedAt: filing.filedAt },
      dataset: await this.datasetOf(id),
      attachments: attachmentChecklist(filingAttachmentsInput.parse(attachments)),
    };
  }

  async exportPdf(id: string, attachments: unknown = {}, viewer?: Principal): Promise<Buffer> {
    const filing = await this.get(id, viewer);
    const { renderFilingPdf } = await import('../filing-pdf/render.ts');
    return renderFilingPdf(await this.datasetOf(id), {
      filing,
      attachments: attachmentChecklist(filingAttachmentsInput.parse(attachments)),
      generatedAt: this.ctx.clock.now(),
    });
  }

  private async change(
    id: string,
    action: string,
    actor: Actor,
    compute: (filing: FilingRecord, tx: Db, now: Date) => Promise<FilingRecord>,
  ): Promise<FilingRecord> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const current = await this.require(tx, id);
      // Filing is the unit's own act (art. 14): administration of the site's unit.
      await requireWrite(this.ctx, actor, 'ADMINISTER', async () => ({ unitId: (await siteTarget(tx, current.siteId)).unitId }), tx);
      const next = await compute(current, tx, now);
      await filingsRepository.update(tx, next, now.toISOString());
      await this.record(tx, next, action, actor, current);
      return next;
    });
  }

  private requireStatus(filing: FilingRecord, allowed: FilingRecord['status'][]): void {
    if (!allowed.includes(filing.status)) {
      throw new ConflictError('E_FILING_STATE', {
        article: '14',
        message: { zh: `备案当前状态为${filing.status},不能修改`, en: `A filing in state ${filing.status} cannot be edited` },
        details: { filingId: filing.id, status: filing.status },
      });
    }
  }

  private async record(tx: Db, filing: FilingRecord, action: string, actor: Actor, before: FilingRecord | null): Promise<void> {
    await historyRepository.append(tx, {
      entityType: 'filing',
      entityId: filing.id,
      action,
      actor: actor.name,
      reason: actor.reason ?? null,
      at: this.ctx.clock.now().toISOString(),
      before,
      after: filing,
    });
  }

  private async require(db: Db, id: string): Promise<FilingRecord> {
    const filing = await filingsRepository.get(db, id);
    if (!filing) throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到备案 ${id}`, en: `No filing with id ${id}` } });
    return filing;
  }

  private async requireSite(db: Db, siteId: string): Promise<void> {
    if (!(await sitesRepository.get(db, siteId))) {
      throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到系统 ${siteId}`, en: `No system with id ${siteId}` } });
    }
  }
}
