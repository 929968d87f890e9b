/**
 * The S3 test server the global setup found (s3rver: no object lock, credentials S3RVER/S3RVER), and a
 * fresh bucket per test with the `storage` configuration that points at it.
 */
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { storageConfig, type StorageConfig } from '../../src/storage/config.ts';
import { s3Client } from '../../src/storage/s3-segment-store.ts';

export const S3_URL = inject('s3Url');

export interface TestBucket {
  bucket: string;
  config: StorageConfig;
  /** A client of the test server (not the store's own). */
  client: S3Client;
}

/** A new empty bucket; `mode` and `s3` settings over the defaults. */
export async function freshBucket(overrides: { mode?: StorageConfig['mode']; objectLock?: StorageConfig['s3']['objectLock']; tiered?: Partial<StorageConfig['tiered']> } = {}): Promise<TestBucket> {
  if (!S3_URL) throw new Error('no S3 test server');
  const bucket = `custos-${randomBytes(5).toString('hex')}`;
  const config = storageConfig.parse({
    mode: overrides.mode ?? 's3',
    s3: { endpoint: S3_URL, bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', objectLock: overrides.objectLock ?? 'if-available' },
    tiered: overrides.tiered ?? {},
  });
  const client = s3Client(config.s3);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return { bucket, config, client };
}
