/**
 * The segment stores of this process, from `storage` (issue 16): the one new segments are written to,
 * and the one that holds any given segment (its row's `location`). The server, the recorder processes
 * and the CLI all make theirs with createSegmentStores, so they agree on where bytes are.
 */
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SegmentLocation } from '../db/recording-tables.ts';
import { LocalSegmentStore, segmentsRoot } from '../recording/local-segment-store.ts';
import type { ReadRange, SegmentReader, SegmentStore } from '../recording/segment-store.ts';
import { storageConfig, type StorageConfig } from './config.ts';
import type { ObjectLockState, S3SegmentStore, S3StoreStatus, StorageLog } from './s3-segment-store.ts';

export interface StorageStatus {
  mode: StorageConfig['mode'];
  s3: S3StoreStatus | null;
}

export interface SegmentStoresOptions {
  log?: StorageLog;
  /** The bucket's object lock as another thread found it (recorder workers): no need to ask again. */
  objectLock?: ObjectLockState;
  /** An S3 client of one's own (tests, benches). */
  s3Client?: S3Client;
}

export class SegmentStores {
  /** Where new segments go: the bucket in `s3` mode, local disk otherwise (`tiered` moves them later). */
  readonly writer: SegmentStore;
  /**
   * Reads by path alone, for readers that get no row: the local file where there is one (a segment
   * not moved yet, or a copy the mover has not removed yet: the same verified bytes), else the bucket.
   */
  readonly reader: SegmentReader;

  constructor(
    readonly config: StorageConfig,
    readonly local: LocalSegmentStore,
    readonly s3?: S3SegmentStore,
  ) {
    this.writer = config.mode === 's3' && s3 ? s3 : local;
    this.reader = new PathRoutedReader(local, s3);
  }

  /** The store holding the segment of this row. */
  storeFor(row: { location?: SegmentLocation | null | undefined }): SegmentStore {
    if (row.location === 's3') {
      if (!this.s3) throw new Error('a segment is in the object store but storage.mode is local: set storage.s3 and mode s3 or tiered');
      return this.s3;
    }
    return this.local;
  }

  /** Checks the bucket (object lock) where there is one; refuses as S3SegmentStore.start does. */
  async start(log?: StorageLog): Promise<StorageStatus> {
    await this.s3?.start(log);
    return this.status();
  }

  status(): StorageStatus {
    return { mode: this.config.mode, s3: this.s3?.status() ?? null };
  }

  close(): void {
    this.s3?.close();
  }
}

/** The local segments folder alone (storage.mode local): what tools and tests that configure no storage get. */
export function localSegmentStores(dataDir: string): SegmentStores {
  return new SegmentStores(storageConfig.parse({}), new LocalSegmentStore(segmentsRoot(dataDir)));
}

/** The stores of `<dataDir>/segments` and, unless the mode is local, the bucket. */
export function createSegmentStores(config: StorageConfig, dataDir: string, options: SegmentStoresOptions = {}): Promise<SegmentStores> {
  return openSegmentStores(config, segmentsRoot(dataDir), options);
}

/**
 * The stores over a segments folder (`root`). The S3 client library is loaded only when a bucket is
 * configured: in local mode commands start as fast as before it existed.
 */
export async function openSegmentStores(config: StorageConfig, root: string, options: SegmentStoresOptions = {}): Promise<SegmentStores> {
  const local = new LocalSegmentStore(root);
  if (config.mode === 'local') return new SegmentStores(config, local);
  const { S3SegmentStore } = await import('./s3-segment-store.ts');
  const s3 = new S3SegmentStore({
    config: config.s3,
    staging: local,
    ...(options.s3Client ? { client: options.s3Client } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.objectLock ? { objectLock: options.objectLock } : {}),
  });
  return new SegmentStores(config, local, s3);
}

class PathRoutedReader implements SegmentReader {
  constructor(
    private readonly local: LocalSegmentStore,
    private readonly s3: S3SegmentStore | undefined,
  ) {}

  private async holder(rel: string): Promise<SegmentReader> {
    if (!this.s3 || (await this.local.stat(rel))) return this.local;
    return this.s3;
  }

  async openRead(rel: string, range?: ReadRange): Promise<Readable> {
    return (await this.holder(rel)).openRead(rel, range);
  }

  async stat(rel: string): Promise<{ bytes: number } | null> {
    return (await this.holder(rel)).stat(rel);
  }
}
