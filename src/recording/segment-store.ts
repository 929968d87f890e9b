/**
 * Where segment bytes live. The local folder is the default; an S3-compatible object store
 * (src/storage/s3-segment-store.ts) implements the same interface. Segments are write-once: nothing here changes a final file.
 * Deletion is not part of this interface on purpose: segments are deleted only by the retention
 * module's SegmentDeleter (src/retention/segment-deleter.ts), which accepts nothing but permits
 * from its one eligibility check, permitDeletion (src/retention/deletion-gate.ts).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { SegmentLocation } from '../db/recording-tables.ts';
import type { SegmentFs } from './segment-fs.ts';
import type { SegmentKey } from './segment-paths.ts';

/** A segment being written: invisible under its final name until commit(). */
export interface SegmentSink {
  /** Relative path the segment will have once committed. */
  readonly path: string;
  /** Writes the chunk, or the pieces in order (one vectored write where the file system has it). */
  write(chunk: Buffer | readonly Buffer[]): Promise<void>;
  /** Cuts the unfinished file back to `length` bytes (after a failed write). */
  truncate(length: number): Promise<void>;
  /**
   * Flushes the data, gives the file its final name, flushes the folder. `sha256` (hex): the segment's
   * hash where the caller computed it while writing; a store that needs it (the S3 checksum) uses it
   * instead of reading the file again. A commit that failed may be called again (a full disk has room
   * now): it finishes the same file.
   */
  commit(sha256?: string): Promise<void>;
  /** Removes the unfinished file. */
  discard(): Promise<void>;
  /** Lets go of the unfinished file without removing it: recovery finishes it at the next start. */
  abandon(): Promise<void>;
  /** Where the committed segment is (its index row says so); 'local' when absent. */
  readonly location?: SegmentLocation;
}

/** Bytes `start` to `end`, both inclusive (an HTTP range). */
export interface ReadRange {
  start: number;
  end: number;
}

export interface StoredSegment {
  path: string;
  bytes: number;
  sha256: string;
}

export interface SegmentStore {
  begin(key: SegmentKey): Promise<SegmentSink>;
  /** Stores a finished segment made elsewhere (e.g. by an ffmpeg fallback), hashing it while it is written. */
  put(key: SegmentKey, source: AsyncIterable<Buffer>): Promise<StoredSegment>;
  /** The segment's bytes, all or one range; E_SEGMENT_FILE_MISSING when it is not there. */
  openRead(path: string, range?: ReadRange): Promise<Readable>;
  /** Size of a final segment, or null when there is no such file. */
  stat(path: string): Promise<{ bytes: number } | null>;
  /**
   * Moves a final segment that must not join the chain (its recorder lost the camera's lease) out of the
   * camera's segments, kept as an orphan; stores without it leave the object where it is.
   */
  setAside?(path: string): Promise<string>;
  /**
   * The highest seq of the camera's segment files, final or unfinished (0 when none): a writer never numbers
   * below it. `sinceMs`, the start of the newest indexed segment, lets a store skip what is older.
   */
  highestSeq?(cameraId: string, sinceMs?: number): Promise<number>;
  /** Free and total bytes where new segments go; absent where the store has no such limit (an object store). */
  space?(): Promise<{ freeBytes: number; totalBytes: number } | null>;
  /** A store on the local disk: where start-up recovery (recover.ts) finds its files. */
  readonly localRoot?: { root: string; fs: SegmentFs };
}

/** What readers need (playback, exports, verification): a store, or a router over stores. */
export type SegmentReader = Pick<SegmentStore, 'openRead' | 'stat'>;

/** `put` of every store: the bytes through a sink of `begin`, hashed as they go; a failure leaves nothing. */
export async function putThroughSink(store: Pick<SegmentStore, 'begin'>, key: SegmentKey, source: AsyncIterable<Buffer>): Promise<StoredSegment> {
  const sink = await store.begin(key);
  const hash = createHash('sha256');
  let digest: string | undefined;
  const sha256 = () => (digest ??= hash.digest('hex'));
  let bytes = 0;
  try {
    for await (const chunk of source) {
      await sink.write(chunk);
      hash.update(chunk);
      bytes += chunk.length;
    }
    await sink.commit(sha256());
  } catch (error) {
    await sink.discard();
    throw error;
  }
  return { path: sink.path, bytes, sha256: sha256() };
}
