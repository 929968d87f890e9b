/**
 * Files kept by a module under one folder of the data dir, as `<root>/<owner id>/<file id>`: named by ids
 * only (never by an uploaded file's name), confined to the root, written once (never over an existing
 * file), with their SHA-256. Art. 21 proof documents, public-report photos and corrective-order evidence
 * are kept this way.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from '../archive/archive-paths.ts';
import { InvalidError, type LocalizedText } from './errors.ts';

const ID_RE = /^[a-z0-9]+_[0-9a-z]+$/;

export class IdFileStore {
  readonly root: string;

  /** `invalidPath` is the message of E_PATH_INVALID for a path outside the root or not made of two ids. */
  constructor(
    root: string,
    private readonly invalidPath: LocalizedText,
  ) {
    this.root = path.resolve(root);
  }

  /** Writes the bytes (never over an existing file); returns the path relative to the root and the SHA-256. */
  async put(ownerId: string, fileId: string, bytes: Buffer): Promise<{ path: string; sha256: string }> {
    const file = this.resolve(path.join(ownerId, fileId));
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
    return { path: path.relative(this.root, file), sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  async read(relative: string): Promise<Buffer> {
    return readFile(this.resolve(relative));
  }

  private resolve(relative: string): string {
    const parts = relative.split(path.sep);
    const file = path.resolve(this.root, relative);
    if (parts.length !== 2 || !parts.every((p) => ID_RE.test(p)) || !isWithin(this.root, file)) {
      throw new InvalidError('E_PATH_INVALID', { message: this.invalidPath, details: { path: relative } });
    }
    return file;
  }
}
