/**
 * Where the archive's bytes live. The local folder is the default; an S3-compatible object store can
 * implement the same interface later. Stored versions are write-once: nothing here replaces or
 * deletes a committed version (REG-11-2).
 */
import type { Readable } from 'node:stream';

/** A version's place: `<siteId>/<documentId>/v<version>`. */
export interface ArchiveKey {
  siteId: string;
  documentId: string;
  version: number;
}

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
}

export type BlobProblem = 'MISSING' | 'HASH_MISMATCH' | 'UNREADABLE';

export interface BlobCheck {
  valid: boolean;
  /** The hash of the bytes found, or null when there are none to hash. */
  sha256: string | null;
  sizeBytes: number | null;
  problem: BlobProblem | null;
}

export interface PutOptions {
  /** Refuse a body longer than this (E_ARCHIVE_TOO_LARGE); nothing is kept. */
  maxBytes: number;
}

export interface ArchiveFileStore {
  /**
   * Stores the bytes under the key, hashing them while they are written. Either the whole file is
   * stored or nothing is; an empty body is refused; an existing version is never replaced.
   */
  put(key: ArchiveKey, source: AsyncIterable<Uint8Array | string>, options: PutOptions): Promise<StoredBlob>;
  /** The stored bytes as a stream. */
  get(key: ArchiveKey): Promise<Readable>;
  /** Hashes the stored bytes again and compares them with the hash recorded at upload. */
  verify(key: ArchiveKey, expectedSha256: string): Promise<BlobCheck>;
  /** Removes the bytes of an upload whose metadata was never committed. Never used on a committed version. */
  discardUncommitted(key: ArchiveKey): Promise<void>;
}
