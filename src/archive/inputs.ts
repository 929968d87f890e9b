/**
 * What a client states about an uploaded file. The bytes come as the raw request body; these fields
 * come as query parameters (HTTP) or options (CLI), so lists arrive as comma-separated text or as
 * a repeated parameter. Strict: unknown parameters are refused.
 */
import { z } from 'zod';
import { legalDate } from '../registry/model.ts';
import { ARCHIVE_DOCUMENT_TYPES, archiveDocumentRecord, archiveVersionRecord, standardCode } from './model.ts';

const docType = z.enum(ARCHIVE_DOCUMENT_TYPES, {
  error: (issue) => (issue.input === undefined ? 'E_ARCHIVE_TYPE_REQUIRED' : 'E_ARCHIVE_TYPE_UNKNOWN'),
});

/** Windows and POSIX separators, control characters and the dot names are not part of a file name. */
// eslint-disable-next-line no-control-regex
const fileName = archiveVersionRecord.shape.fileName.refine((name) => !/[/\\\u0000-\u001f\u007f]/.test(name) && name !== '.' && name !== '..', {
  message: 'E_FILE_NAME_INVALID',
});

/** `GB 50348-2018,GB/T 28181-2022` or a repeated parameter; blanks dropped, duplicates kept once. */
const standardCodes = z
  .union([z.string().max(4000), z.array(z.string().max(200)).max(100)])
  .transform((v) => [...new Set((Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(standardCode).max(100));

export const archiveUploadInput = z.strictObject({
  type: docType,
  title: archiveDocumentRecord.shape.title,
  authorUnit: archiveDocumentRecord.shape.authorUnit,
  effectiveDate: legalDate,
  fileName,
  standardCodes: standardCodes.optional(),
});
export type ArchiveUploadInput = z.output<typeof archiveUploadInput>;

/** A new version of a document: the file name is required; the rest defaults to the document's current values. */
export const archiveVersionInput = archiveUploadInput.omit({ type: true }).partial().extend({ fileName });
export type ArchiveVersionInput = z.output<typeof archiveVersionInput>;

/** Every download states why (REG-11-2); the viewer's unit is recorded when given. */
export const archiveDownloadInput = z.strictObject({
  reason: z.string().max(500).optional(),
  unit: z.string().max(200).optional(),
});
export type ArchiveDownloadInput = z.output<typeof archiveDownloadInput>;

export const putIntoUseInput = z.strictObject({ date: legalDate });
