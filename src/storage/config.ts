import { z } from 'zod';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/**
 * Where segment bytes live (issue 16). `local`: `<dataDir>/segments` (the default). `s3`: every finished
 * segment goes to an S3-compatible bucket (local disk only while it is written). `tiered`: recent footage
 * on local disk, moved to the bucket after `tiered.localHours`, verified after the move.
 */
export const storageConfig = z
  .strictObject({
    mode: z.enum(['local', 's3', 'tiered']).default('local'),
    s3: z
      .strictObject({
        /** e.g. http://127.0.0.1:9000 for MinIO or Ceph RGW; unset: AWS's endpoint for the region. */
        endpoint: z.url({ protocol: /^https?$/ }).optional(),
        region: z.string().min(1).default('us-east-1'),
        bucket: z.string().min(3).max(63).optional(),
        /** Key prefix of every segment object. */
        prefix: z.string().default('segments/'),
        accessKeyId: z.string().min(1).optional(),
        /** Never logged nor shown. */
        secretAccessKey: z.string().min(1).optional(),
        /** Path-style addressing (MinIO, Ceph, test servers); virtual-hosted style for AWS. */
        forcePathStyle: flag.default(true),
        /**
         * Object lock in COMPLIANCE mode until the retention floor ends: `required` refuses to start on a
         * bucket without object lock, `if-available` uses it where the bucket has it, `off` never asks.
         */
        objectLock: z.enum(['required', 'if-available', 'off']).default('if-available'),
      })
      .prefault({}),
    tiered: z
      .strictObject({
        /** Segments younger than this stay on local disk. */
        localHours: z.coerce.number().min(0).max(24 * 365).default(24),
        /** How often the mover looks for segments to move. */
        moveEveryMinutes: z.coerce.number().min(0.05).max(24 * 60).default(5),
      })
      .prefault({}),
  })
  .prefault({});

export type StorageConfig = z.infer<typeof storageConfig>;

export const STORAGE_ENV_KEYS: Record<string, string[]> = {
  CUSTOS_STORAGE_MODE: ['storage', 'mode'],
  CUSTOS_S3_ENDPOINT: ['storage', 's3', 'endpoint'],
  CUSTOS_S3_REGION: ['storage', 's3', 'region'],
  CUSTOS_S3_BUCKET: ['storage', 's3', 'bucket'],
  CUSTOS_S3_PREFIX: ['storage', 's3', 'prefix'],
  CUSTOS_S3_ACCESS_KEY_ID: ['storage', 's3', 'accessKeyId'],
  CUSTOS_S3_SECRET_ACCESS_KEY: ['storage', 's3', 'secretAccessKey'],
  CUSTOS_S3_FORCE_PATH_STYLE: ['storage', 's3', 'forcePathStyle'],
  CUSTOS_S3_OBJECT_LOCK: ['storage', 's3', 'objectLock'],
  CUSTOS_STORAGE_TIERED_LOCAL_HOURS: ['storage', 'tiered', 'localHours'],
  CUSTOS_STORAGE_TIERED_MOVE_EVERY_MINUTES: ['storage', 'tiered', 'moveEveryMinutes'],
};
