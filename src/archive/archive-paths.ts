/**
 * Paths inside the archive folder. Every segment is checked before it touches the file system and
 * every resolved path must stay under the root, so no id, however crafted, reaches another folder.
 */
import path from 'node:path';
import { InvalidError } from '../shared/errors.ts';
import type { ArchiveKey } from './file-store.ts';

/** Ids as the system makes them (`site_8k2m…`), or imported ones made of the same safe characters. */
const SEGMENT_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function invalid(detail: string): InvalidError {
  return new InvalidError('E_ARCHIVE_PATH_INVALID', {
    message: { zh: `档案存储路径无效:${detail}`, en: `Invalid archive storage path: ${detail}` },
    details: { detail },
  });
}

/** Whether `target` lies strictly inside `root` (both absolute and resolved). */
export function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export function checkKey(key: ArchiveKey): void {
  if (!SEGMENT_RE.test(key.siteId)) throw invalid('siteId');
  if (!SEGMENT_RE.test(key.documentId)) throw invalid('documentId');
  if (!Number.isSafeInteger(key.version) || key.version < 1) throw invalid('version');
}

/** The folder of a document and the file of one version, both checked to lie under `root`. */
export function archivePaths(root: string, key: ArchiveKey): { siteDir: string; docDir: string; file: string } {
  checkKey(key);
  const siteDir = path.resolve(root, key.siteId);
  const docDir = path.resolve(siteDir, key.documentId);
  const file = path.resolve(docDir, `v${key.version}`);
  for (const p of [siteDir, docDir, file]) if (!isWithin(root, p)) throw invalid('outside the archive root');
  return { siteDir, docDir, file };
}
