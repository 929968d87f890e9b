/**
 * Documents of corrective orders on the local disk, under `<dataDir>/corrective-orders/<order>/<document>`:
 * the scan of the order and the evidence of correction, named by ids only (never by the uploaded file
 * name), confined to that folder, written once, with SHA-256.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from '../archive/archive-paths.ts';
import { InvalidError } from '../shared/errors.ts';

const ID_RE = /^[a-z0-9]+_[0-9a-z]+$/;

export class OrderDocumentStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'corrective-orders');
  }

  /** Writes the bytes (never over an existing file); returns the path relative to the root and the SHA-256. */
  async put(orderId: string, documentId: string, bytes: Buffer): Promise<{ path: string; sha256: string }> {
    const file = this.resolve(path.join(orderId, documentId));
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
      throw new InvalidError('E_PATH_INVALID', { message: { zh: '文件路径无效', en: 'Invalid document path' }, details: { path: relative } });
    }
    return file;
  }
}
