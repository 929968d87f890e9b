/** The file operations deletion needs, behind an interface so that tests can stop it between steps. */
import { mkdir, readdir, rename, statfs, unlink } from 'node:fs/promises';
import { errno, syncDirectory } from '../recording/segment-fs.ts';

export interface DeletionFs {
  mkdir(dir: string): Promise<void>;
  /** Moves a file; throws ENOENT when there is none. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; no error when it is already gone. */
  unlink(file: string): Promise<void>;
  syncDir(dir: string): Promise<void>;
  /** Entry names, [] when the folder does not exist. */
  list(dir: string): Promise<string[]>;
}

export const nodeDeletionFs: DeletionFs = {
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true, mode: 0o750 });
  },
  rename: (from, to) => rename(from, to),
  unlink: (file) =>
    unlink(file).catch((error: unknown) => {
      if (errno(error) !== 'ENOENT') throw error;
    }),
  syncDir: syncDirectory,
  list: (dir) =>
    readdir(dir).catch((error: unknown) => {
      if (errno(error) === 'ENOENT') return [];
      throw error;
    }),
};

/** Free and total bytes of the file system that holds `dir` (what an unprivileged writer may use). */
export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export type DiskProbe = (dir: string) => Promise<DiskSpace>;

export const statfsProbe: DiskProbe = async (dir) => {
  const s = await statfs(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
};
