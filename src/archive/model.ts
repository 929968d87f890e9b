/**
 * REG-11-1 system archive (档案资料, art. 11): typed documents per system, each kept in versions.
 * A version's bytes never change once stored; its SHA-256 proves it. Dates are legal dates
 * ('YYYY-MM-DD', Asia/Shanghai); instants are ISO UTC.
 */
import { z } from 'zod';
import { id, instant, legalDate } from '../registry/model.ts';

/** Art. 11: design, construction, inspection and testing, acceptance; plus the standards applied and later changes. */
export const ARCHIVE_DOCUMENT_TYPES = ['DESIGN', 'CONSTRUCTION', 'INSPECTION_TEST', 'ACCEPTANCE', 'STANDARDS_APPLIED', 'CHANGE'] as const;
export type ArchiveDocumentType = (typeof ARCHIVE_DOCUMENT_TYPES)[number];

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A standard code as printed on its cover: GB 50348-2018, GB/T 28181-2022, GA/T 367-2001, DB33/T 1234-2020. */
export const standardCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{1,3}[0-9]{0,2}(\/[A-Z])? ?[0-9]{1,6}(\.[0-9]{1,3})?(-[0-9]{4})?$/, 'E_STANDARD_CODE_FORMAT');

/** A document of a system's archive, as it reads at its latest version. */
export const archiveDocumentRecord = z.strictObject({
  id,
  siteId: id,
  docType: z.enum(ARCHIVE_DOCUMENT_TYPES),
  title: z.string().min(1).max(200),
  /** The unit that wrote the document (design institute, builder, testing body, acceptance panel). */
  authorUnit: z.string().min(1).max(200),
  effectiveDate: legalDate,
  /** STANDARDS_APPLIED only: the standards the system was built to. */
  standardCodes: z.array(standardCode).max(100),
  currentVersion: z.number().int().min(1),
});
export type ArchiveDocumentRecord = z.infer<typeof archiveDocumentRecord>;

/** One stored version of a document: its bytes' hash and size, who uploaded it and when. */
export const archiveVersionRecord = z.strictObject({
  id,
  documentId: id,
  siteId: id,
  version: z.number().int().min(1),
  fileName: z.string().min(1).max(255),
  sizeBytes: z.number().int().min(1),
  sha256: sha256Hex,
  uploadedBy: z.string().min(1).max(100),
  uploadedAt: instant,
  authorUnit: z.string().min(1).max(200),
  effectiveDate: legalDate,
});
export type ArchiveVersionRecord = z.infer<typeof archiveVersionRecord>;

/** What the policy pack sees of the archive: metadata only, never the bytes. */
export const archiveDocumentMeta = archiveDocumentRecord.extend({ sha256: sha256Hex });
export type ArchiveDocumentMeta = z.infer<typeof archiveDocumentMeta>;

/** A document with every version, oldest first. */
export const archiveDocumentView = archiveDocumentRecord.extend({ versions: z.array(archiveVersionRecord) });
export type ArchiveDocumentView = z.infer<typeof archiveDocumentView>;
