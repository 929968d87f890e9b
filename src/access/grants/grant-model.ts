import { z } from 'zod';
import { id, instant } from '../../registry/model.ts';
import { action } from '../actions.ts';

/** ALL: every object of every unit; UNIT: one unit's sites and cameras; then narrower. */
export const GRANT_SCOPE_TYPES = ['ALL', 'UNIT', 'SITE', 'CAMERA_GROUP', 'CAMERA'] as const;
/** SUSPENDED: its role or camera group changed after approval; in force again only once re-approved. */
export const GRANT_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'REJECTED', 'REVOKED'] as const;

/** The part of a role that a grant's approval binds: what the grantee may do, and under which conditions. */
export const approvedRole = z.object({
  actions: z.array(action),
  importantPosition: z.boolean(),
  requireTotp: z.boolean(),
  playbackDepthHours: z.number().int().positive().nullable(),
});
export type ApprovedRole = z.infer<typeof approvedRole>;

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
  /** The role definition as approved; authorisation uses this, never the live role. Null until approved. */
  approvedRole: approvedRole.nullable(),
  /** For CAMERA_GROUP scopes, the group's cameras as approved; null for other scopes. */
  scopeCameraIds: z.array(id).nullable(),
  suspendedBy: z.string().nullable(),
  suspendedAt: z.string().nullable(),
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
