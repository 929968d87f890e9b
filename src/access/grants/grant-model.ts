import { z } from 'zod';
import { id, instant } from '../../registry/model.ts';

/** ALL: every object of every unit; UNIT: one unit's sites and cameras; then narrower. */
export const GRANT_SCOPE_TYPES = ['ALL', 'UNIT', 'SITE', 'CAMERA_GROUP', 'CAMERA'] as const;
export const GRANT_STATUSES = ['PENDING', 'ACTIVE', 'REJECTED', 'REVOKED'] as const;

/** A role given to a user over a scope (REG-16-3), requested by one person and approved by another. */
export const grantRecord = z.object({
  id,
  userId: id,
  roleId: id,
  scopeType: z.enum(GRANT_SCOPE_TYPES),
  scopeId: id.nullable(),
  status: z.enum(GRANT_STATUSES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type GrantRecord = z.infer<typeof grantRecord>;

export const grantRequestInput = z
  .strictObject({
    userId: id,
    roleId: id,
    scopeType: z.enum(GRANT_SCOPE_TYPES),
    scopeId: id.nullable().default(null),
    validFrom: instant.optional(),
    validTo: instant.nullable().default(null),
    reason: z.string().trim().min(4).max(500),
  })
  .refine((g) => (g.scopeType === 'ALL') === (g.scopeId === null), {
    message: 'scopeId is required for UNIT, SITE, CAMERA_GROUP and CAMERA scopes, and absent for ALL',
    path: ['scopeId'],
  });

export const grantDecisionInput = z.strictObject({ note: z.string().trim().max(500).optional() });
export const grantRevokeInput = z.strictObject({ reason: z.string().trim().min(4).max(500) });
