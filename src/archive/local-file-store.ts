/**
 * The archive on the local disk, under `<dataDir>/archive`. A version is written to a temporary file
 * in its own folder, hashed while written, flushed to disk, then linked into place under its final
 * name, which fails rather than replace an existing version. The folder is flushed after the link.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, realpath, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.ts';
import { archivePaths, isWithin } from './archive-paths.ts';
import type { ArchiveFileStore, ArchiveKey, BlobCheck, PutOptions, StoredBlob } from './file-store.ts';

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on a folder; the file itself is already flushed.
    if (errno(error) !== 'EINVAL' && errno(error) !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

/** Publishes `tmp` as `file` without ever replacing an existing `file`. */
async function publish(tmp: string, file: string, key: ArchiveKey): Promise<void> {
  try {
    await link(tmp, file);
    await unlink(tmp);
  } catch (error) {
    if (errno(error) === 'EEXIST') {
      throw new ConflictError('E_ARCHIVE_VERSION_EXISTS', {
        article: '11',
        message: { zh: `档案 ${key.documentId} 的第 ${key.version} 版已存在,不可覆盖`, en: `Version ${key.version} of ${key.documentId} already exists and is never replaced` },
      });
    }
    if (errno(error) !== 'EPERM' && errno(error) !== 'ENOTSUP' && errno(error) !== 'EXDEV') throw error;
    // No hard links on this file system: check, then rename (atomic; the check narrows the race to nothing in practice).
    if (await stat(file).then(() => true, () => false)) return publish(tmp, file, key);
    await rename(tmp, file);
  }
}

export class LocalArchiveFileStore implements ArchiveFileStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'archive');
  }

  async put(key: ArchiveKey, source: AsyncIterable<Uint8Array | string>, options: PutOptions): Promise<StoredBlob> {
    const { siteDir, docDir, file } = archivePaths(this.root, key);
    await mkdir(docDir, { recursive: true });
    await this.checkReal(docDir);
    const tmp = path.join(docDir, `.v${key.version}.${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let handle: FileHandle | undefined = await open(tmp, 'wx', 0o640);
    try {
      // Pulled by hand: a refused body is left for the HTTP server to discard, not torn down with the connection.
      const pieces = source[Symbol.asyncIterator]();
      for (;;) {
        const next = await pieces.next().catch((error: unknown) => {
          throw incomplete(error);
        });
        if (next.done) break;
        const piece = next.value;
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        sizeBytes += chunk.length;
        if (sizeBytes > options.maxBytes) throw tooLarge(options.maxBytes);
        hash.update(chunk);
        await writeAll(handle, chunk);
      }
      if (sizeBytes === 0) throw new InvalidError('E_ARCHIVE_FILE_EMPTY', { message: { zh: '上传的文件为空', en: 'The uploaded file is empty' } });
      await handle.sync();
      await handle.close();
      handle = undefined;
      await publish(tmp, file, key);
      await syncFolder(docDir);
      return { sha256: hash.digest('hex'), sizeBytes };
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      await this.pruneEmpty(docDir, siteDir);
      throw error;
    }
  }

  async get(key: ArchiveKey): Promise<Readable> {
    const { file } = archivePaths(this.root, key);
    const handle = await open(file, 'r').catch((error: unknown) => {
      throw errno(error) === 'ENOENT' ? missing(key) : error;
    });
    return handle.createReadStream();
  }

  async verify(key: ArchiveKey, expectedSha256: string): Promise<BlobCheck> {
    const { file } = archivePaths(this.root, key);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    try {
      for await (const chunk of createReadStream(file)) {
        sizeBytes += (chunk as Buffer).length;
        hash.update(chunk as Buffer);
      }
    } catch (error) {
      const problem = errno(error) === 'ENOENT' ? 'MISSING' : 'UNREADABLE';
      return { valid: false, sha256: null, sizeBytes: null, problem };
    }
    const sha256 = hash.digest('hex');
    return { valid: sha256 === expectedSha256, sha256, sizeBytes, problem: sha256 === expectedSha256 ? null : 'HASH_MISMATCH' };
  }

  async discardUncommitted(key: ArchiveKey): Promise<void> {
    const { siteDir, docDir, file } = archivePaths(this.root, key);
    await unlink(file).catch((error: unknown) => {
      if (errno(error) !== 'ENOENT') throw error;
    });
    await this.pruneEmpty(docDir, siteDir);
  }

  /** A folder reached through a link that leads out of the archive is refused. */
  private async checkReal(dir: string): Promise<void> {
    const [realRoot, realDir] = await Promise.all([realpath(this.root), realpath(dir)]);
    if (!isWithin(realRoot, realDir)) {
      throw new InvalidError('E_ARCHIVE_PATH_INVALID', {
        message: { zh: '档案存储路径指向档案目录之外', en: 'The archive storage path leads outside the archive folder' },
      });
    }
  }

  /** Removes folders left empty by a refused upload; a folder with any file in it stays. */
  private async pruneEmpty(...dirs: string[]): Promise<void> {
    for (const dir of dirs) await rmdir(dir).catch(() => undefined);
  }
}

function tooLarge(maxBytes: number): InvalidError {
  return new InvalidError('E_ARCHIVE_TOO_LARGE', {
    message: { zh: `文件超过上限 ${maxBytes} 字节`, en: `The file is larger than the limit of ${maxBytes} bytes` },
    details: { maxBytes },
  });
}

function incomplete(cause: unknown): InvalidError {
  return new InvalidError('E_UPLOAD_INCOMPLETE', {
    message: { zh: '文件未完整接收,未保存任何内容', en: 'The file was not received completely; nothing was stored' },
    details: { cause: cause instanceof Error ? cause.message : String(cause) },
  });
}

function missing(key: ArchiveKey): NotFoundError {
  return new NotFoundError('E_ARCHIVE_FILE_MISSING', {
    article: '11',
    message: {
      zh: `档案 ${key.documentId} 第 ${key.version} 版的文件不在存储中,请运行档案校验`,
      en: `The file of version ${key.version} of ${key.documentId} is missing from storage; run the archive verification`,
    },
    details: { documentId: key.documentId, version: key.version },
  });
}
