/**
 * Reading segment files for viewing (a repository: all file I/O here): byte ranges for HLS, and the
 * length of each file's init segment (ftyp+moov), cached since segments never change. The bytes come
 * from the segment stores (local disk or the bucket, src/storage/segment-stores.ts).
 */
import type { Readable } from 'node:stream';
import { scanBoxes } from '../media/fmp4/parse.ts';
import { LocalSegmentStore } from '../recording/local-segment-store.ts';
import { resolveInRoot } from '../recording/segment-paths.ts';
import type { SegmentReader } from '../recording/segment-store.ts';
import type { ByteRange } from './http-range.ts';

const HEAD_BYTES = 64 * 1024;
const CACHE_LIMIT = 50_000;

export class SegmentFiles {
  private readonly initLengths = new Map<string, number>();
  private readonly store: SegmentReader;
  /** The local segments folder, for what ffmpeg reads by name. */
  private readonly localRoot: string | undefined;

  /** A segments folder, or the stores' reader. */
  constructor(source: string | SegmentReader, localRoot?: string) {
    this.store = typeof source === 'string' ? new LocalSegmentStore(source) : source;
    this.localRoot = typeof source === 'string' ? source : localRoot;
  }

  read(relPath: string, range?: ByteRange): Promise<Readable> {
    return this.store.openRead(relPath, range);
  }

  /**
   * What ffmpeg reads the segment from: its local file where there is one, else its bytes (piped in).
   */
  async input(relPath: string): Promise<string | (() => Promise<Readable>)> {
    if (this.localRoot) {
      const file = resolveInRoot(this.localRoot, relPath);
      if (await new LocalSegmentStore(this.localRoot).stat(relPath)) return file;
    }
    return () => this.store.openRead(relPath);
  }

  /** Bytes of the file's ftyp+moov (the end of its moov box); 0 when the head holds no complete moov. */
  async initLength(relPath: string): Promise<number> {
    const cached = this.initLengths.get(relPath);
    if (cached !== undefined) return cached;
    const chunks: Buffer[] = [];
    let read = 0;
    const stream = await this.store.openRead(relPath, { start: 0, end: HEAD_BYTES - 1 });
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      read += (chunk as Buffer).length;
      if (read >= HEAD_BYTES) break;
    }
    stream.destroy();
    const head = Buffer.concat(chunks).subarray(0, HEAD_BYTES);
    const moov = scanBoxes(head).find((b) => b.type === 'moov');
    const length = moov ? moov.offset + moov.size : 0;
    if (this.initLengths.size >= CACHE_LIMIT) this.initLengths.clear();
    this.initLengths.set(relPath, length);
    return length;
  }
}
