/** Row shapes of the system archive tables (migration 0003), with the conventions of tables.ts. */
type Json = string;

interface Timestamps {
  createdAt: string;
  updatedAt: string;
}

/** REG-11-1: one document of a system's archive, as it reads at its latest version. */
export interface ArchiveDocumentsTable extends Timestamps {
  id: string;
  siteId: string;
  docType: string;
  title: string;
  authorUnit: string;
  effectiveDate: string;
  standardCodes: Json;
  currentVersion: number;
}

/** One stored version; its bytes live in the archive file store under <siteId>/<documentId>/v<version>. */
export interface ArchiveVersionsTable extends Timestamps {
  id: string;
  documentId: string;
  siteId: string;
  version: number;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  authorUnit: string;
  effectiveDate: string;
}
