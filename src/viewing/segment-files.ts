/**
 * Reading segment files for viewing (a repository: all file I/O here): byte ranges for HLS, and the
 * length of each file's init segment (ftyp+moov), cached since segments never change.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { scanBoxes } from '../media/fmp4/parse.ts';
import { resolveInRoot } from '../recording/segment-paths.ts';
import type { ByteRange } from './http-range.ts';

const HEAD_BYTES = 64 * 1024;
const CACHE_LIMIT = 50_000;

export class SegmentFiles {
  private readonly initLengths = new Map<string, number>();

  constructor(private readonly root: string) {}

  absolute(relPath: string): string {
    return resolveInRoot(this.root, relPath);
  }

  read(relPath: string, range?: ByteRange): Readable {
    return createReadStream(this.absolute(relPath), range ? { start: range.start, end: range.end } : {});
  }

  /** Bytes of the file's ftyp+moov (the end of its moov box); 0 when the head holds no complete moov. */
  async initLength(relPath: string): Promise<number> {
    const cached = this.initLengths.get(relPath);
    if (cached !== undefined) return cached;
    const handle = await open(this.absolute(relPath), 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
      const moov = scanBoxes(buf.subarray(0, bytesRead)).find((b) => b.type === 'moov');
      const length = moov ? moov.offset + moov.size : 0;
      if (this.initLengths.size >= CACHE_LIMIT) this.initLengths.clear();
      this.initLengths.set(relPath, length);
      return length;
    } finally {
      await handle.close();
    }
  }
}
