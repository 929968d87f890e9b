/** A write the database refused for want of room: SQLite SQLITE_FULL, PostgreSQL disk_full (53100), or the file system's ENOSPC/EDQUOT. */
const CODES = new Set(['SQLITE_FULL', '53100', 'ENOSPC', 'EDQUOT']);

export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && CODES.has(code);
}
