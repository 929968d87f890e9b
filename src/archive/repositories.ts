/** The archive's metadata tables, with the registry's storage conventions (JSON as text). */
import type { Db } from '../db/connect.ts';
import { RecordRepository } from '../registry/repositories/record-repository.ts';
import { archiveDocumentRecord, archiveVersionRecord, type ArchiveVersionRecord } from './model.ts';

export const archiveDocumentsRepository = new RecordRepository({
  table: 'archiveDocuments',
  schema: archiveDocumentRecord,
  json: ['standardCodes'],
  bool: [],
});

const versionRecords = new RecordRepository({ table: 'archiveVersions', schema: archiveVersionRecord, json: [], bool: [] });

export const archiveVersionsRepository = {
  insert: (db: Db, record: ArchiveVersionRecord, at: string) => versionRecords.insert(db, record, at),

  /** Versions in version order (not insertion time: two uploads may share an instant). */
  async list(db: Db, filter: { documentId?: string; siteId?: string } = {}): Promise<ArchiveVersionRecord[]> {
    const rows = await versionRecords.list(db, filter);
    return rows.sort((a, b) => a.documentId.localeCompare(b.documentId) || a.version - b.version);
  },

  async get(db: Db, documentId: string, version: number): Promise<ArchiveVersionRecord | undefined> {
    return (await versionRecords.list(db, { documentId, version }))[0];
  },
};
