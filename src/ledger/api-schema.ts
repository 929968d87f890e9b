/** The ledger's shapes on the API (OpenAPI is generated from these). */
import { z } from 'zod';

const index = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const publicKeyAnswer = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string().describe('first 16 hex digits of SHA-256 over the key (SPKI DER)'),
  publicKeyPem: z.string(),
  checkpointFormat: z.string(),
});

export const checkpointRecord = z.object({
  seq: z.number(),
  treeSize: z.number(),
  rootHash: z.string(),
  at: z.string(),
  keyId: z.string(),
  signature: z.string().describe('Ed25519, base64, over the checkpoint text'),
});

export const checkpointsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const inclusionQuery = z.strictObject({ leaf: index, size: index.optional().describe('tree size; the current size when left out') });

export const inclusionAnswer = z.object({
  leafIndex: z.number(),
  treeSize: z.number(),
  leaf: z.object({ kind: z.string(), ref: z.string(), data: z.string(), hash: z.string() }),
  proof: z.array(z.string()),
  rootHash: z.string(),
});

export const consistencyQuery = z.strictObject({ first: index, second: index.optional() });

export const consistencyAnswer = z.object({ first: z.number(), second: z.number(), firstRoot: z.string(), secondRoot: z.string(), proof: z.array(z.string()) });
