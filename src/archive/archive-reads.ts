/**
 * REG-11-2: reading a stored version. Every download states a reason and is written to the history
 * (who, when, why, which version) before the first byte leaves.
 */
import type { Readable } from 'node:stream';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { Actor, RegistryContext } from '../registry/services/context.ts';
import { requireSeen } from '../registry/services/object-access.ts';
import { siteTarget } from '../access/authorization/target.ts';
import { InvalidError, NotFoundError } from '../shared/errors.ts';
import { ARCHIVE_ENTITY, requireDocument } from './archive-records.ts';
import type { ArchiveFileStore } from './file-store.ts';
import { archiveDownloadInput } from './inputs.ts';
import type { ArchiveVersionRecord } from './model.ts';
import { archiveVersionsRepository } from './repositories.ts';

export interface ArchiveContent {
  version: ArchiveVersionRecord;
  stream: Readable;
}

export class ArchiveReads {
  constructor(
    private readonly ctx: RegistryContext,
    private readonly store: ArchiveFileStore,
  ) {}

  async download(documentId: string, versionNo: number, input: unknown, actor: Actor): Promise<ArchiveContent> {
    const { reason, unit } = archiveDownloadInput.parse(input);
    const why = reason?.trim() ?? '';
    if (!why) {
      throw new InvalidError('E_REASON_REQUIRED', {
        article: '11',
        message: { zh: '下载档案资料须说明事由', en: 'A download of an archive document needs a reason' },
        details: { field: 'reason' },
      });
    }
    const document = await requireDocument(this.ctx.db, documentId);
    await requireSeen(this.ctx, actor.principal, () => siteTarget(this.ctx.db, document.siteId), ARCHIVE_ENTITY, documentId);
    const version = Number.isSafeInteger(versionNo) && versionNo >= 1 ? await archiveVersionsRepository.get(this.ctx.db, documentId, versionNo) : undefined;
    if (!version) {
      throw new NotFoundError('E_NOT_FOUND', {
        message: { zh: `档案 ${documentId} 没有第 ${versionNo} 版`, en: `Archive document ${documentId} has no version ${versionNo}` },
        details: { entityType: ARCHIVE_ENTITY, id: documentId, version: versionNo },
      });
    }
    const stream = await this.store.get({ siteId: version.siteId, documentId, version: version.version });
    try {
      await historyRepository.append(this.ctx.db, {
        entityType: ARCHIVE_ENTITY,
        entityId: documentId,
        action: 'download',
        actor: actor.name,
        at: this.ctx.clock.now().toISOString(),
        before: null,
        after: { version: version.version, sha256: version.sha256, fileName: version.fileName, reason: why, viewerUnit: unit?.trim() || null },
        reason: why,
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { version, stream };
  }
}
