/**
 * Symmetric keys kept out of the database: 32 random bytes (hex) in an owner-only file under
 * `<dataDir>/keys/`, made on first use. A copy of the database alone yields none of them.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { secretKeyUnreadable } from './errors.ts';
import { writeOwnerOnly } from './owner-only-file.ts';

export function keysFolder(dataDir: string): string {
  return path.resolve(dataDir, 'keys');
}

export function secretKeyFile(dataDir: string, name: string): string {
  return path.join(keysFolder(dataDir), `${name}.key`);
}

const cache = new Map<string, Promise<Buffer>>();

/** The key in the file, made the first time; one read per file per process. */
export function loadOrCreateSecretKey(file: string): Promise<Buffer> {
  let pending = cache.get(file);
  if (!pending) {
    pending = load(file);
    cache.set(file, pending);
    pending.catch(() => cache.delete(file));
  }
  return pending;
}

async function load(file: string): Promise<Buffer> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw secretKeyUnreadable(file, String(error));
  }
  if (text === undefined) {
    try {
      // `wx` in writeOwnerOnly's temporary file plus rename: two first uses may race, the last rename wins, so read back.
      await writeOwnerOnly(file, `${randomBytes(32).toString('hex')}\n`);
    } catch (error) {
      throw secretKeyUnreadable(file, String(error));
    }
    text = await readFile(file, 'utf8');
  } else {
    await chmod(file, 0o600);
  }
  const key = Buffer.from(text.trim(), 'hex');
  if (key.length !== 32) throw secretKeyUnreadable(file, 'expected 64 hex digits');
  return key;
}
