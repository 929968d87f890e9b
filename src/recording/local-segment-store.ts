/** Segments on the local disk under `<dataDir>/segments`: temporary file, fdatasync, link into place, folder fsync. */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { NotFoundError } from '../shared/errors.ts';
import { setAsideOrphan } from './orphans.ts';
import { nodeSegmentFs, type SegmentFile, type SegmentFs } from './segment-fs.ts';
import { cameraDir, PARTIAL_SUFFIX, resolveInRoot, segmentRelPath, type SegmentKey } from './segment-paths.ts';
import { dayFolders, segmentFiles } from './segment-scan.ts';
import { putThroughSink, type ReadRange, type SegmentSink, type SegmentStore, type StoredSegment } from './segment-store.ts';

export function segmentsRoot(dataDir: string): string {
  return path.resolve(dataDir, 'segments');
}

export class LocalSegmentStore implements SegmentStore {
  readonly location = 'local';
  readonly root: string;
  readonly fs: SegmentFs;

  constructor(root: string, fs: SegmentFs = nodeSegmentFs) {
    this.root = path.resolve(root);
    this.fs = fs;
  }

  async begin(key: SegmentKey): Promise<SegmentSink> {
    const rel = segmentRelPath(key);
    const final = resolveInRoot(this.root, rel);
    const dir = path.dirname(final);
    await this.makeDir(dir);
    const tmp = final + PARTIAL_SUFFIX;
    const file = await this.fs.create(tmp);
    const fs = this.fs;
    let open = true;
    const closeOnce = async () => {
      if (open) await file.close();
      open = false;
    };
    return {
      path: rel,
      write: (chunk) => (Buffer.isBuffer(chunk) ? file.write(chunk) : writeAll(file, chunk)),
      truncate: (length) => file.truncate(length),
      async commit() {
        // Again after a failure (a full disk refused the flush or the name): the file is opened again to flush it.
        const target = open ? file : await fs.openForUpdate(tmp);
        try {
          await target.datasync();
        } finally {
          if (target === file) await closeOnce();
          else await target.close();
        }
        await fs.publish(tmp, final);
        await fs.syncDir(dir);
      },
      async discard() {
        await closeOnce().catch(() => undefined);
        await fs.unlink(tmp).catch(() => undefined);
      },
      abandon: () => closeOnce().catch(() => undefined),
    };
  }

  put(key: SegmentKey, source: AsyncIterable<Buffer>): Promise<StoredSegment> {
    return putThroughSink(this, key, source);
  }

  async openRead(rel: string, range?: ReadRange): Promise<Readable> {
    const file = resolveInRoot(this.root, rel);
    if (!(await this.fs.stat(file))?.isFile) throw missingSegment(rel);
    return range ? this.fs.readStream(file, range) : this.fs.readStream(file);
  }

  async stat(rel: string): Promise<{ bytes: number } | null> {
    const s = await this.fs.stat(resolveInRoot(this.root, rel));
    return s?.isFile ? { bytes: s.size } : null;
  }

  setAside(rel: string): Promise<string> {
    return setAsideOrphan(this.fs, this.root, rel);
  }

  /** The file system's room, asked of the root or, before it exists, of the nearest folder above it; null when unknown. */
  async space(): Promise<{ freeBytes: number; totalBytes: number } | null> {
    if (!this.fs.space) return null;
    for (let dir = this.root; ; dir = path.dirname(dir)) {
      try {
        return await this.fs.space(dir);
      } catch {
        if (dir === path.dirname(dir)) return null;
      }
    }
  }

  get localRoot(): { root: string; fs: SegmentFs } {
    return { root: this.root, fs: this.fs };
  }

  /** Reads the newest day folder with segment files (numbers grow with time); the orphans folder is not a day. */
  async highestSeq(cameraId: string): Promise<number> {
    const days = await dayFolders(this.fs, cameraDir(this.root, cameraId));
    for (let i = days.length - 1; i >= 0; i--) {
      const files = await segmentFiles(this.fs, this.root, cameraId, [days[i] as string]);
      if (files.length > 0) return Math.max(...files.map((f) => f.seq));
    }
    return 0;
  }

  /** Creates the folder; when it made new ones, flushes each parent so the new entries survive power loss. */
  private async makeDir(dir: string): Promise<void> {
    const created = await this.fs.mkdir(dir);
    if (!created) return;
    const top = path.dirname(created);
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      await this.fs.syncDir(d);
      if (d === top || d === path.dirname(d)) break;
    }
  }
}

async function writeAll(file: SegmentFile, chunks: readonly Buffer[]): Promise<void> {
  if (file.writev) return file.writev(chunks);
  for (const chunk of chunks) await file.write(chunk);
}

export function missingSegment(rel: string): NotFoundError {
  return new NotFoundError('E_SEGMENT_FILE_MISSING', {
    message: { zh: `录像文件不在存储中:${rel},请运行录像校验`, en: `The segment file is missing from storage: ${rel}; run the recordings verification` },
    details: { path: rel },
  });
}
