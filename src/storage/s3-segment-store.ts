/**
 * Segments in an S3-compatible bucket (issue 16). A segment is written to a staging file under the
 * local segments folder (the local store's safe writing; crash recovery finishes what a crash leaves
 * there), and its commit uploads it with its SHA-256, locked in COMPLIANCE mode until the retention
 * floor ends where the bucket has object lock, checks the object's size, and only then removes the
 * staging file. An upload that fails leaves the segment final on local disk and says so
 * (`location` 'local'): recording goes on through an outage and the tier mover uploads it later.
 * Object keys are `prefix + path`: the index row's path is the same wherever the bytes are.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import type { SegmentLocation } from '../db/recording-tables.ts';
import { RETENTION_MIN_DAYS } from '../policy/index.ts';
import { missingSegment, type LocalSegmentStore } from '../recording/local-segment-store.ts';
import { checkCameraId, parseSegmentName, resolveInRoot, segmentRelPath, type SegmentKey } from '../recording/segment-paths.ts';
import type { SegmentFs } from '../recording/segment-fs.ts';
import { putThroughSink, type ReadRange, type SegmentSink, type SegmentStore, type StoredSegment } from '../recording/segment-store.ts';
import { ConflictError } from '../shared/errors.ts';
import { hashFile } from '../shared/file-hash.ts';
import type { StorageConfig } from './config.ts';

const DAY_MS = 86_400_000;

export type ObjectLockState = 'COMPLIANCE' | 'UNAVAILABLE' | 'OFF' | 'UNCHECKED';

/** What the store reports about itself (never a credential). */
export interface S3StoreStatus {
  endpoint: string | null;
  bucket: string;
  prefix: string;
  /** COMPLIANCE: every object is locked until its retention floor ends. */
  objectLock: ObjectLockState;
}

export interface StorageLog {
  warn(obj: object, msg: string): void;
}

export interface S3StoreOptions {
  config: StorageConfig['s3'];
  /** Where segments are written before their upload: the local segments folder. */
  staging: LocalSegmentStore;
  /** A client of one's own (tests); by default one made from the config. */
  client?: S3Client;
  log?: StorageLog;
  /** Days an object stays locked after its segment's start: the retention floor (art. 17). */
  lockDays?: number;
  /** The object lock as found already (by the main thread, for a recorder worker): not asked again. */
  objectLock?: ObjectLockState;
}

export function s3Client(config: StorageConfig['s3']): S3Client {
  return new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
    // The segment's SHA-256 is sent with every upload; no other checksum is added (older MinIO and Ceph refuse trailers).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function objectLockUnavailable(bucket: string): ConflictError {
  return new ConflictError('E_S3_OBJECT_LOCK_UNAVAILABLE', {
    message: {
      zh: `对象存储桶 ${bucket} 未启用对象锁定,而配置要求使用(storage.s3.objectLock = required);请在启用对象锁定的桶中存储录像,或将该项设为 if-available`,
      en: `The bucket ${bucket} has no object lock, which storage.s3.objectLock = required demands; use a bucket created with object lock, or set it to if-available`,
    },
    details: { bucket },
  });
}

function uploadUnverified(key: string, expected: number, found: number | undefined): ConflictError {
  return new ConflictError('E_S3_UPLOAD_UNVERIFIED', {
    message: { zh: `对象存储中的录像 ${key} 大小不符(应为 ${expected} 字节)`, en: `The stored object ${key} does not have the segment's size (${expected} bytes)` },
    details: { key, expected, found: found ?? null },
  });
}

const errorName = (error: unknown): string | undefined => (error as { name?: string } | undefined)?.name;
const httpStatus = (error: unknown): number | undefined => (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
const isNotFound = (error: unknown): boolean => errorName(error) === 'NoSuchKey' || errorName(error) === 'NotFound' || httpStatus(error) === 404;

export class S3SegmentStore implements SegmentStore {
  readonly location = 's3';
  readonly client: S3Client;
  readonly bucket: string;
  private readonly prefix: string;
  private lock: ObjectLockState;
  private readonly lockDays: number;
  private log: StorageLog | undefined;

  constructor(private readonly o: S3StoreOptions) {
    if (!o.config.bucket) throw new Error('storage.s3.bucket is not set');
    this.bucket = o.config.bucket;
    this.prefix = o.config.prefix;
    this.client = o.client ?? s3Client(o.config);
    this.lock = o.config.objectLock === 'off' ? 'OFF' : (o.objectLock ?? 'UNCHECKED');
    this.log = o.log;
    this.lockDays = o.lockDays ?? RETENTION_MIN_DAYS;
  }

  /**
   * Asks the bucket whether it has object lock: `required` and absent refuses (E_S3_OBJECT_LOCK_UNAVAILABLE),
   * `if-available` and absent says so once and goes on without.
   */
  async start(log?: StorageLog): Promise<S3StoreStatus> {
    if (log) this.log = log;
    if (this.o.config.objectLock === 'off' || this.lock !== 'UNCHECKED') return this.status();
    let enabled = false;
    try {
      const out = await this.client.send(new GetObjectLockConfigurationCommand({ Bucket: this.bucket }));
      enabled = out.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
    } catch (error) {
      // No configuration (AWS: 404 ObjectLockConfigurationNotFoundError) or no such feature (501 NotImplemented).
      const status = httpStatus(error);
      if (status !== 404 && status !== 501 && errorName(error) !== 'ObjectLockConfigurationNotFoundError') throw error;
    }
    if (!enabled && this.o.config.objectLock === 'required') throw objectLockUnavailable(this.bucket);
    this.lock = enabled ? 'COMPLIANCE' : 'UNAVAILABLE';
    if (!enabled) this.log?.warn({ bucket: this.bucket }, 'the segment bucket has no object lock: segments are stored without it');
    return this.status();
  }

  status(): S3StoreStatus {
    return { endpoint: this.o.config.endpoint ?? null, bucket: this.bucket, prefix: this.prefix, objectLock: this.lock };
  }

  key(rel: string): string {
    resolveInRoot(this.o.staging.root, rel); // the same path rules as on disk
    return this.prefix + rel;
  }

  /**
   * Room where segments are written: the staging folder on local disk, so that a full staging disk stops
   * and resumes recording as it does in local mode.
   */
  space(): Promise<{ freeBytes: number; totalBytes: number } | null> {
    return this.o.staging.space();
  }

  /** Staging files are local files: start-up recovery finishes what a crash leaves there. */
  get localRoot(): { root: string; fs: SegmentFs } {
    return this.o.staging.localRoot;
  }

  /**
   * The highest seq of the camera's segments in staging or in the bucket: a segment uploaded whose row the
   * database refused, then a restart, must not be numbered again. The bucket is listed from the day of the
   * newest indexed segment on (keys are camera/yyyy/mm/dd/seq-start.mp4, so later days sort after it).
   */
  async highestSeq(cameraId: string, sinceMs?: number): Promise<number> {
    checkCameraId(cameraId);
    const staged = await this.o.staging.highestSeq(cameraId);
    const cameraPrefix = `${this.prefix}${cameraId}/`;
    const dayBefore = sinceMs === undefined ? undefined : `${this.prefix}${path.posix.dirname(segmentRelPath({ cameraId, seq: 1, startMs: sinceMs }))}/`;
    let inBucket = 0;
    for await (const page of this.list(cameraPrefix, dayBefore)) {
      for (const object of page.Contents ?? []) {
        const seq = object.Key ? parseSegmentName(object.Key.slice(object.Key.lastIndexOf('/') + 1))?.seq : undefined;
        if (seq !== undefined && seq > inBucket) inBucket = seq;
      }
    }
    return Math.max(staged, inBucket);
  }

  private async *list(prefix: string, startAfter?: string) {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}) }),
      );
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async begin(key: SegmentKey): Promise<SegmentSink> {
    const inner = await this.o.staging.begin(key);
    let location: SegmentLocation = 'local';
    const commit = async (sha256?: string): Promise<void> => {
      await inner.commit();
      const file = resolveInRoot(this.o.staging.root, inner.path);
      const digest = sha256 ?? (await hashFile(file)).sha256;
      try {
        await this.upload(inner.path, file, digest);
      } catch (error) {
        this.log?.warn({ path: inner.path, err: error }, 'segment upload failed: kept on local disk for the tier mover');
        return;
      }
      location = 's3';
      await this.o.staging.fs.unlink(file).catch(() => undefined);
    };
    return {
      path: inner.path,
      get location() {
        return location;
      },
      write: (chunk) => inner.write(chunk),
      truncate: (length) => inner.truncate(length),
      commit,
      discard: () => inner.discard(),
      abandon: () => inner.abandon(),
    };
  }

  put(key: SegmentKey, source: AsyncIterable<Buffer>): Promise<StoredSegment> {
    return putThroughSink(this, key, source);
  }

  /** Uploads a final local file as the object of `rel`, with its SHA-256 (hex), and checks the stored size. */
  async upload(rel: string, file: string, sha256: string): Promise<void> {
    const stat = await this.o.staging.fs.stat(file);
    if (!stat?.isFile) throw missingSegment(rel);
    const key = this.key(rel);
    await this.client.send(new PutObjectCommand(this.putInput(rel, sha256, createReadStream(file), stat.size)));
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    if (head.ContentLength !== stat.size) throw uploadUnverified(key, stat.size, head.ContentLength);
  }

  /** The PutObject request of a segment: checksum always, COMPLIANCE lock until the floor ends where the bucket has it. */
  putInput(rel: string, sha256: string, body: PutObjectCommandInput['Body'], bytes: number): PutObjectCommandInput {
    const input: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: this.key(rel),
      Body: body,
      ContentLength: bytes,
      ContentType: 'video/mp4',
      ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
    };
    const startMs = parseSegmentName(rel.slice(rel.lastIndexOf('/') + 1))?.startMs;
    if (this.lock === 'COMPLIANCE' && startMs !== undefined) {
      input.ObjectLockMode = 'COMPLIANCE';
      input.ObjectLockRetainUntilDate = new Date(startMs + this.lockDays * DAY_MS);
    }
    return input;
  }

  async openRead(rel: string, range?: ReadRange): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(rel), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      return out.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw missingSegment(rel);
      throw error;
    }
  }

  async stat(rel: string): Promise<{ bytes: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(rel) }));
      return { bytes: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Removes a segment's object. Only the retention module's SegmentDeleter calls this, with a permit
   * from the deletion gate; a bucket whose lock still holds the object refuses (the error is thrown).
   */
  async deleteObject(rel: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(rel) }));
  }

  close(): void {
    if (!this.o.client) this.client.destroy();
  }
}
