/** The register's shapes on the API (OpenAPI is generated from these). */
import { z } from 'zod';
import { instant } from '../../registry/model.ts';
import { ENTRY_KINDS, OPERATIONS, type RegisterFilter } from './model.ts';

const idText = z.string().min(1).max(100);

export const registerEntryRecord = z.object({
  seq: z.number(),
  id: z.string(),
  kind: z.enum(ENTRY_KINDS),
  operation: z.enum(OPERATIONS),
  at: z.string(),
  reason: z.object({ category: z.string(), text: z.string() }).describe('事由'),
  content: z
    .object({
      cameraIds: z.array(z.string()),
      ranges: z.array(z.object({ cameraId: z.string(), from: z.string(), to: z.string().nullable() })),
      operation: z.enum(OPERATIONS),
      fileHashes: z.array(z.union([z.object({ segmentId: z.string(), cameraId: z.string(), sha256: z.string() }), z.object({ file: z.string(), bytes: z.number(), sha256: z.string() })])).optional(),
      denied: z.object({ code: z.string(), article: z.string().optional() }).optional(),
    })
    .describe('内容'),
  cameraIds: z.array(z.string()),
  actor: z
    .object({ userId: z.string(), name: z.string(), unitId: z.string().nullable(), unit: z.string(), idDocument: z.string().nullable() })
    .describe('调用人员: 姓名 (name) and 单位 (unit), from the signed-in account'),
  approver: z.object({ userId: z.string(), name: z.string() }).nullable(),
  basis: z.object({ type: z.string(), ref: z.string() }).nullable(),
  shiftId: z.string().nullable(),
  clientAddress: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  refersTo: z.string().nullable(),
  prevHash: z.string(),
  entryHash: z.string(),
  closedAt: z.string().nullable().describe('the end recorded by the CLOSE entry that refers to this entry'),
});

/** An entry as written (without the derived closedAt). */
export const registerEntryWritten = registerEntryRecord.omit({ closedAt: true });

export const registerFilterQuery = z.strictObject({
  from: instant.optional().describe('entries made at or after'),
  to: instant.optional().describe('entries made before'),
  cameraId: idText.optional(),
  actorUserId: idText.optional(),
  actorName: z.string().min(1).max(100).optional().describe('part of the actor’s name'),
  unitId: idText.optional(),
  reasonCategory: z.string().max(64).optional(),
  basisType: z.string().max(32).optional(),
  basisRef: idText.optional(),
  operation: z.enum(OPERATIONS).optional(),
  kind: z.enum(ENTRY_KINDS).optional(),
});

export const registerSearchQuery = registerFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const registerVerification = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headHash: z.string(),
  /** The register's leaves in the ledger and the newest entry they name. */
  ledger: z.object({ leaves: z.number(), head: z.number() }),
  firstBad: z.object({ seq: z.number(), id: z.string().nullable(), problem: z.string() }).optional(),
});

/** Query values as the service takes them (instants normalised to UTC ISO; paging left out). */
export function toFilter(query: z.infer<typeof registerFilterQuery> & { limit?: number; offset?: number }): RegisterFilter {
  const { limit: _limit, offset: _offset, from, to, ...rest } = query;
  return { ...rest, ...(from ? { from: new Date(from).toISOString() } : {}), ...(to ? { to: new Date(to).toISOString() } : {}) };
}
