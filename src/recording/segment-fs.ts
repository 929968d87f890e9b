/**
 * The file operations the segment store uses, behind a small interface so that tests can inject
 * faults (a disk that fills after N bytes) where mounting a small file system is not permitted.
 */
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, stat, statfs, unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface SegmentFile {
  /** Writes the whole chunk (looping over short writes). */
  write(chunk: Buffer): Promise<void>;
  /** Writes the pieces in order, whole (looping over short writes); optional, `write` each otherwise. */
  writev?(chunks: readonly Buffer[]): Promise<void>;
  truncate(length: number): Promise<void>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

export interface SegmentFs {
  /** Creates the folder and its parents; returns the first folder it created, if any. */
  mkdir(dir: string): Promise<string | undefined>;
  /** A new file, refused when one exists. */
  create(file: string): Promise<SegmentFile>;
  /** An existing file, for writing (recovery cuts a torn tail). */
  openForUpdate(file: string): Promise<SegmentFile>;
  /** Gives `tmp` the name `file`, never replacing an existing `file`. */
  publish(tmp: string, file: string): Promise<void>;
  syncDir(dir: string): Promise<void>;
  unlink(file: string): Promise<void>;
  readFile(file: string): Promise<Buffer>;
  /** Entry names, [] when the folder does not exist. */
  list(dir: string): Promise<string[]>;
  stat(file: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean } | null>;
  readStream(file: string, range?: { start: number; end: number }): Readable;
  /** Free and total bytes of the file system that holds `dir` (for the unprivileged user); optional. */
  space?(dir: string): Promise<{ freeBytes: number; totalBytes: number }>;
}

export const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** The errors that mean "no room left": the disk or the user's quota is full. */
export function isDiskFull(error: unknown): boolean {
  return errno(error) === 'ENOSPC' || errno(error) === 'EDQUOT';
}

async function wrap(file: string, flags: string): Promise<SegmentFile> {
  const handle = await open(file, flags, 0o640);
  return {
    async write(chunk) {
      let offset = 0;
      while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
    },
    async writev(chunks) {
      let rest = chunks.filter((c) => c.length > 0);
      while (rest.length > 0) {
        let written = (await handle.writev(rest)).bytesWritten;
        let i = 0;
        while (i < rest.length && written >= rest[i]!.length) written -= rest[i++]!.length;
        rest = rest.slice(i);
        if (written > 0) rest[0] = rest[0]!.subarray(written);
      }
    },
    truncate: (length) => handle.truncate(length),
    datasync: () => handle.datasync(),
    close: () => handle.close(),
  };
}

/** Flushes a folder's entries (a rename into it, an unlink from it) to disk. */
export async function syncDirectory(dir: string): Promise<void> {
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

export const nodeSegmentFs: SegmentFs = {
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  create: (file) => wrap(file, 'wx'),
  openForUpdate: (file) => wrap(file, 'r+'),
  async publish(tmp, file) {
    try {
      await link(tmp, file);
      await unlink(tmp);
    } catch (error) {
      if (errno(error) !== 'EPERM' && errno(error) !== 'ENOTSUP' && errno(error) !== 'EXDEV') throw error;
      // No hard links on this file system: check, then rename.
      if (await stat(file).then(() => true, () => false)) throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' });
      await rename(tmp, file);
    }
  },
  syncDir: syncDirectory,
  unlink: (file) => unlink(file),
  readFile: (file) => readFile(file),
  list: (dir) =>
    readdir(dir).catch((error: unknown) => {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return [];
      throw error;
    }),
  stat: (file) =>
    stat(file).then(
      (s) => ({ size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() }),
      (error: unknown) => {
        if (errno(error) === 'ENOENT') return null;
        throw error;
      },
    ),
  readStream: (file, range) => createReadStream(file, { highWaterMark: 1 << 20, ...(range ? { start: range.start, end: range.end } : {}) }),
  async space(dir) {
    const s = await statfs(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  },
};
