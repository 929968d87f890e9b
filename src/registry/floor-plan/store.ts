/**
 * Floor plan images on the local disk, under `<dataDir>/floor-plans/<siteId>/<sha256>`. Written to a
 * temporary file in the site's folder, flushed, then renamed into place; every path is checked to lie
 * under the root, so no id, however crafted, reaches another folder.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isWithin } from '../../archive/archive-paths.ts';
import { InvalidError, NotFoundError } from '../../shared/errors.ts';

const SEGMENT_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const SHA_RE = /^[0-9a-f]{64}$/;

export class FloorPlanStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'floor-plans');
  }

  private fileOf(siteId: string, sha256: string): { dir: string; file: string } {
    if (!SEGMENT_RE.test(siteId) || !SHA_RE.test(sha256)) {
      throw new InvalidError('E_FLOOR_PLAN_PATH_INVALID', { message: { zh: '平面图存储路径无效', en: 'Invalid floor plan storage path' } });
    }
    const dir = path.resolve(this.root, siteId);
    const file = path.resolve(dir, sha256);
    if (!isWithin(this.root, dir) || !isWithin(this.root, file)) {
      throw new InvalidError('E_FLOOR_PLAN_PATH_INVALID', { message: { zh: '平面图存储路径无效', en: 'Invalid floor plan storage path' } });
    }
    return { dir, file };
  }

  async put(siteId: string, sha256: string, bytes: Buffer): Promise<void> {
    const { dir, file } = this.fileOf(siteId, sha256);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.part`);
    const handle = await open(tmp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await rename(tmp, file);
  }

  get(siteId: string, sha256: string): Promise<Readable> {
    const { file } = this.fileOf(siteId, sha256);
    return new Promise((resolve, reject) => {
      const stream = createReadStream(file);
      stream.once('open', () => resolve(stream));
      stream.once('error', (error) =>
        reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new NotFoundError('E_NOT_FOUND', { message: { zh: '平面图文件不存在', en: 'The floor plan file is missing' } }) : error),
      );
    });
  }

  /** Removes an image no longer referenced (after a replacement). */
  async remove(siteId: string, sha256: string): Promise<void> {
    const { file } = this.fileOf(siteId, sha256);
    await unlink(file).catch(() => undefined);
  }
}
