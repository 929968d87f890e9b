/**
 * The data folder holds the database (password hashes, the register) and the key files: owner-only
 * (folder 0700, database, -wal, -shm and -journal 0600) whatever the umask. Checked at every start:
 * anything looser (an install made before this check, a copied folder) is tightened and reported;
 * when it cannot be tightened the server refuses to start.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { dataPermissionsUnfixable } from './errors.ts';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;
const SQLITE_COMPANIONS = ['', '-wal', '-shm', '-journal'];

/** The SQLite file of a database URL, or undefined for PostgreSQL and `:memory:`. */
export function sqliteFileOf(url: string): string | undefined {
  if (!url.startsWith('sqlite:')) return undefined;
  const file = url.slice('sqlite:'.length);
  return file === ':memory:' ? undefined : path.resolve(file);
}

/** Makes the data folder (0700) when missing and tightens whatever is looser; returns the paths it had to tighten. */
export function secureDataFiles(dataDir: string, databaseUrl: string): string[] {
  const folder = path.resolve(dataDir);
  mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
  const fixed: string[] = [];
  tighten(folder, FOLDER_MODE, fixed);
  const db = sqliteFileOf(databaseUrl);
  if (db) for (const suffix of SQLITE_COMPANIONS) tighten(`${db}${suffix}`, FILE_MODE, fixed);
  return fixed;
}

/** One line for the log naming what was tightened, or undefined when nothing was. */
export function permissionsWarning(fixed: readonly string[]): string | undefined {
  if (fixed.length === 0) return undefined;
  return `data files were readable by other local users and are now owner-only (folder 0700, files 0600): ${fixed.join(', ')}`;
}

function tighten(file: string, mode: number, fixed: string[]): void {
  let current: number;
  try {
    current = statSync(file).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw dataPermissionsUnfixable(file, String(error));
  }
  if ((current & 0o077) === 0) return;
  try {
    chmodSync(file, current & mode);
  } catch (error) {
    throw dataPermissionsUnfixable(file, String(error));
  }
  if ((statSync(file).mode & 0o077) !== 0) throw dataPermissionsUnfixable(file, `mode is still ${(statSync(file).mode & 0o777).toString(8)}`);
  fixed.push(file);
}
