/**
 * Reads an uploaded advisory file, CSV or CSAF 2.0 JSON. This is network input: whatever arrives, the
 * result is parsed advisories or an InvalidError with a stable code (fuzzed in test/fuzz/advisory-upload.test.ts).
 */
import { InvalidError } from '../shared/errors.ts';
import { parseCsaf } from './csaf.ts';
import { parseAdvisoryCsv } from './csv.ts';
import type { ParseResult } from './parsed.ts';

export type UploadFormat = 'csv' | 'csaf';

/** The format named by a content type, or guessed from the text when the type says neither. */
export function uploadFormat(text: string, contentType: string | undefined): UploadFormat {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('csv')) return 'csv';
  if (type.includes('json')) return 'csaf';
  return text.trimStart().startsWith('{') ? 'csaf' : 'csv';
}

export function parseAdvisoryUpload(text: string, contentType?: string): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new InvalidError('E_ADVISORY_EMPTY', { message: { zh: '上传的通告为空', en: 'The uploaded advisory is empty' } });
  }
  if (uploadFormat(text, contentType) === 'csv') return { advisories: parseAdvisoryCsv(text), warnings: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InvalidError('E_ADVISORY_JSON', {
      message: { zh: '通告不是有效的 JSON', en: 'The advisory is not valid JSON' },
      details: { reason: String((error as Error).message).slice(0, 200) },
    });
  }
  return parseCsaf(doc);
}
