/** Lookups and checks the archive's services share. */
import type { Db } from '../db/connect.ts';
import { sitesRepository } from '../registry/repositories/index.ts';
import type { SiteRecord } from '../registry/model.ts';
import { InvalidError, NotFoundError } from '../shared/errors.ts';
import type { ArchiveDocumentRecord, ArchiveDocumentType, ArchiveDocumentView } from './model.ts';
import { archiveDocumentsRepository, archiveVersionsRepository } from './repositories.ts';

export const ARCHIVE_ENTITY = 'archiveDocument';

/** The system an archive belongs to. A deactivated system keeps its archive and may still receive documents. */
export async function requireSite(db: Db, siteId: string): Promise<SiteRecord> {
  const site = await sitesRepository.get(db, siteId);
  if (!site) {
    throw new NotFoundError('E_NOT_FOUND', {
      message: { zh: `未找到系统:${siteId}`, en: `No system (site) with id ${siteId}` },
      details: { entityType: 'site', id: siteId },
    });
  }
  return site;
}

export async function requireDocument(db: Db, documentId: string): Promise<ArchiveDocumentRecord> {
  const document = await archiveDocumentsRepository.get(db, documentId);
  if (!document) {
    throw new NotFoundError('E_NOT_FOUND', {
      message: { zh: `未找到档案资料:${documentId}`, en: `No archive document with id ${documentId}` },
      details: { entityType: ARCHIVE_ENTITY, id: documentId },
    });
  }
  return document;
}

export async function viewOf(db: Db, document: ArchiveDocumentRecord): Promise<ArchiveDocumentView> {
  return { ...document, versions: await archiveVersionsRepository.list(db, { documentId: document.id }) };
}

/** STANDARDS_APPLIED documents list at least one standard; other types list none. */
export function checkStandardCodes(docType: ArchiveDocumentType, codes: readonly string[] | undefined): string[] {
  const list = [...(codes ?? [])];
  if (docType === 'STANDARDS_APPLIED' && list.length === 0) {
    throw new InvalidError('E_STANDARD_CODES_REQUIRED', {
      article: '11',
      message: {
        zh: '"执行标准"类档案须列出所依据的标准编号,例如 GB 50348-2018',
        en: 'A STANDARDS_APPLIED document lists the standards applied, e.g. GB 50348-2018',
      },
      details: { field: 'standardCodes' },
    });
  }
  if (docType !== 'STANDARDS_APPLIED' && list.length > 0) {
    throw new InvalidError('E_STANDARD_CODES_NOT_APPLICABLE', {
      message: { zh: '只有"执行标准"类档案可列出标准编号', en: 'Only STANDARDS_APPLIED documents list standard codes' },
      details: { field: 'standardCodes', docType },
    });
  }
  return list;
}
