/** The archive as the policy pack sees it: each document's metadata and its current version's hash. */
import type { Db } from '../db/connect.ts';
import type { ArchiveDocumentMeta } from './model.ts';
import { archiveDocumentsRepository, archiveVersionsRepository } from './repositories.ts';

export async function loadArchiveMeta(db: Db): Promise<ArchiveDocumentMeta[]> {
  const [documents, versions] = await Promise.all([archiveDocumentsRepository.list(db), archiveVersionsRepository.list(db)]);
  const hashOf = new Map(versions.map((v) => [`${v.documentId}#${v.version}`, v.sha256]));
  return documents.flatMap((d) => {
    const sha256 = hashOf.get(`${d.id}#${d.currentVersion}`);
    return sha256 ? [{ ...d, sha256 }] : [];
  });
}
