/**
 * REG-11-1 and REG-11-2: the system archive. Uploads store the bytes first (hashed while written),
 * then record the metadata and the history in one transaction; if that transaction fails, the bytes
 * it would have described are removed, so a refused upload leaves neither a file nor a row.
 */
import type { Db } from '../db/connect.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { Actor, RegistryContext } from '../registry/services/context.ts';
import { requireSeen, requireWrite } from '../registry/services/object-access.ts';
import { siteTarget } from '../access/authorization/target.ts';
import type { Principal } from '../access/principal.ts';
import { ARCHIVE_RETENTION_YEARS_AFTER_DECOMMISSION } from '../policy/cn-order-799/archive-data.ts';
import { ConflictError, NotAllowedError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { ArchiveReads, type ArchiveContent } from './archive-reads.ts';
import { verifyArchive, type ArchiveVerification, type Progress } from './archive-verify.ts';
import { ARCHIVE_ENTITY, checkStandardCodes, requireDocument, requireSite, viewOf } from './archive-records.ts';
import type { ArchiveFileStore, ArchiveKey } from './file-store.ts';
import { archiveUploadInput, archiveVersionInput } from './inputs.ts';
import type { ArchiveDocumentRecord, ArchiveDocumentView, ArchiveVersionRecord } from './model.ts';
import { archiveDocumentsRepository, archiveVersionsRepository } from './repositories.ts';

export type UploadBody = AsyncIterable<Uint8Array | string>;

export interface ArchiveLimits {
  maxBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxBytes: 50 * 1024 * 1024 };

export class ArchiveService {
  constructor(
    private readonly ctx: RegistryContext,
    readonly store: ArchiveFileStore,
    readonly limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
  ) {}

  async list(siteId: string, viewer?: Principal): Promise<ArchiveDocumentView[]> {
    const site = await requireSite(this.ctx.db, siteId);
    await requireSeen(this.ctx, viewer, { unitId: site.unitId, siteId }, 'site', siteId);
    const documents = await archiveDocumentsRepository.list(this.ctx.db, { siteId });
    return Promise.all(documents.map((d) => viewOf(this.ctx.db, d)));
  }

  async get(documentId: string, viewer?: Principal): Promise<ArchiveDocumentView> {
    return viewOf(this.ctx.db, await this.requireVisibleDocument(documentId, viewer));
  }

  /** A document the viewer may see: one of a site within their reach (else E_NOT_FOUND, as if absent). */
  async requireVisibleDocument(documentId: string, viewer?: Principal): Promise<ArchiveDocumentRecord> {
    const document = await requireDocument(this.ctx.db, documentId);
    await requireSeen(this.ctx, viewer, () => siteTarget(this.ctx.db, document.siteId), ARCHIVE_ENTITY, documentId);
    return document;
  }

  /** A new document, as version 1. */
  async upload(siteId: string, input: unknown, body: UploadBody, actor: Actor): Promise<ArchiveDocumentView> {
    const meta = archiveUploadInput.parse(input);
    const standardCodes = checkStandardCodes(meta.type, meta.standardCodes);
    const site = await requireSite(this.ctx.db, siteId);
    // Checked before a byte is stored: an upload outside the actor's scope leaves no file behind.
    await requireWrite(this.ctx, actor, 'CONFIG', { unitId: site.unitId, siteId });
    const key = { siteId, documentId: newId('arc'), version: 1 };
    return this.storeThenRecord(key, body, meta, actor, async (tx, at) => {
      await requireSite(tx, siteId);
      const document: ArchiveDocumentRecord = {
        id: key.documentId,
        siteId,
        docType: meta.type,
        title: meta.title,
        authorUnit: meta.authorUnit,
        effectiveDate: meta.effectiveDate,
        standardCodes,
        currentVersion: 1,
      };
      await archiveDocumentsRepository.insert(tx, document, at);
      return { document, before: null, action: 'upload' };
    });
  }

  /** The next version of a document; earlier versions stay as they are, bytes and hash. */
  async addVersion(documentId: string, input: unknown, body: UploadBody, actor: Actor): Promise<ArchiveDocumentView> {
    const meta = archiveVersionInput.parse(input);
    const current = await requireDocument(this.ctx.db, documentId);
    await requireWrite(this.ctx, actor, 'CONFIG', () => siteTarget(this.ctx.db, current.siteId));
    const standardCodes = meta.standardCodes === undefined ? current.standardCodes : checkStandardCodes(current.docType, meta.standardCodes);
    const versionMeta = { authorUnit: meta.authorUnit ?? current.authorUnit, effectiveDate: meta.effectiveDate ?? current.effectiveDate, fileName: meta.fileName };
    const key = { siteId: current.siteId, documentId, version: current.currentVersion + 1 };
    return this.storeThenRecord(key, body, versionMeta, actor, async (tx, at) => {
      const before = await requireDocument(tx, documentId);
      if (before.currentVersion !== current.currentVersion) throw versionRace(documentId);
      const document: ArchiveDocumentRecord = {
        ...before,
        title: meta.title ?? before.title,
        authorUnit: versionMeta.authorUnit,
        effectiveDate: versionMeta.effectiveDate,
        standardCodes,
        currentVersion: key.version,
      };
      await archiveDocumentsRepository.update(tx, document, at);
      return { document, before, action: 'new-version' };
    });
  }

  /** REG-11-2: one stored version's bytes, for a stated reason that the history keeps. */
  download(documentId: string, version: number, input: unknown, actor: Actor): Promise<ArchiveContent> {
    return new ArchiveReads(this.ctx, this.store).download(documentId, version, input, actor);
  }

  /** REG-11-2: re-hash every stored version; altered or missing files are reported. */
  verify(actor: Actor, onProgress?: (progress: Progress) => void): Promise<ArchiveVerification> {
    return verifyArchive(this.ctx, this.store, actor, onProgress);
  }

  /** REG-11-2: archives are kept while the system lives and for years after it is decommissioned. */
  async delete(documentId: string, actor: Actor): Promise<never> {
    const document = await requireDocument(this.ctx.db, documentId);
    const site = await requireSite(this.ctx.db, document.siteId);
    await requireWrite(this.ctx, actor, 'ADMINISTER', { unitId: site.unitId });
    throw new NotAllowedError('E_ARCHIVE_RETENTION', {
      article: '11',
      message: {
        zh: `档案资料须依法保存:系统存续期间及停用后${ARCHIVE_RETENTION_YEARS_AFTER_DECOMMISSION}年内不得删除`,
        en: `Archive documents are kept by law: not deleted while the system is in service, nor for ${ARCHIVE_RETENTION_YEARS_AFTER_DECOMMISSION} years after it is decommissioned`,
      },
      details: { documentId, siteId: site.id, systemActive: site.active, retentionYearsAfterDecommission: ARCHIVE_RETENTION_YEARS_AFTER_DECOMMISSION },
    });
  }

  /**
   * Stores the bytes, then records the document (via `record`), the version and the history in one
   * transaction. A failed transaction removes the bytes it would have described.
   */
  private async storeThenRecord(
    key: ArchiveKey,
    body: UploadBody,
    meta: { authorUnit: string; effectiveDate: string; fileName: string },
    actor: Actor,
    record: (tx: Db, at: string) => Promise<{ document: ArchiveDocumentRecord; before: ArchiveDocumentRecord | null; action: string }>,
  ): Promise<ArchiveDocumentView> {
    const blob = await this.store.put(key, body, { maxBytes: this.limits.maxBytes });
    const at = this.ctx.clock.now().toISOString();
    const version: ArchiveVersionRecord = {
      id: newId('arv'),
      documentId: key.documentId,
      siteId: key.siteId,
      version: key.version,
      fileName: meta.fileName,
      sizeBytes: blob.sizeBytes,
      sha256: blob.sha256,
      uploadedBy: actor.name,
      uploadedAt: at,
      authorUnit: meta.authorUnit,
      effectiveDate: meta.effectiveDate,
    };
    try {
      return await this.ctx.db.transaction().execute(async (tx) => {
        const { document, before, action } = await record(tx, at);
        await archiveVersionsRepository.insert(tx, version, at);
        await historyRepository.append(tx, {
          entityType: ARCHIVE_ENTITY,
          entityId: key.documentId,
          action,
          actor: actor.name,
          at,
          before,
          after: { ...document, version },
          reason: actor.reason ?? null,
        });
        return viewOf(tx, document);
      });
    } catch (error) {
      await this.store.discardUncommitted(key);
      throw error;
    }
  }
}

function versionRace(documentId: string): ConflictError {
  return new ConflictError('E_ARCHIVE_VERSION_EXISTS', {
    message: { zh: `档案 ${documentId} 同时有另一版本在上传,请重试`, en: `Another version of ${documentId} was uploaded at the same time; try again` },
  });
}
