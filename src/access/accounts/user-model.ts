/** A user account as the API shows it (never the password hash or the TOTP secret), and the inputs that change one. */
import { z } from 'zod';
import type { UsersTable } from '../../db/access-tables.ts';

export const USER_KINDS = ['STAFF', 'CONTRACTOR'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export const username = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
/** Length only: the policy (passwords.ts) answers with its own code. */
export const password = z.string().min(1).max(256);
const displayName = z.string().trim().min(1).max(100);

export const userCreateInput = z.strictObject({
  username,
  displayName,
  password,
  unitId: z.string().min(1).max(64),
  kind: z.enum(USER_KINDS).default('STAFF'),
  personId: z.string().min(1).max(64).optional(),
  /** For a CONTRACTOR: the commission under which the contractor's unit works (REG-19-1). */
  commissionId: z.string().min(1).max(64).optional(),
});
export type UserCreateInput = z.output<typeof userCreateInput>;

export const userUpdateInput = z.strictObject({
  displayName: displayName.optional(),
  /** Moves the account to a unit (the first administrator, set up before any unit existed, has none). */
  unitId: z.string().min(1).max(64).optional(),
  personId: z.string().min(1).max(64).nullable().optional(),
  active: z.boolean().optional(),
});
export type UserUpdateInput = z.output<typeof userUpdateInput>;

export const passwordResetInput = z.strictObject({ password });
export const passwordChangeInput = z.strictObject({ currentPassword: password, newPassword: password });

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().nullable(),
  personId: z.string().nullable(),
  kind: z.enum(USER_KINDS),
  commissionId: z.string().nullable(),
  validUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number(),
  passwordChangedAt: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export type UserRow = UsersTable;

/** What the API and the history see of a user: the row without its secrets. */
export function viewOf(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    personId: row.personId,
    kind: row.kind === 'CONTRACTOR' ? 'CONTRACTOR' : 'STAFF',
    commissionId: row.commissionId,
    validUntil: row.validUntil,
    totpEnabled: row.totpEnabled === 1,
    lockedUntil: row.lockedUntil,
    failedLogins: row.failedLogins,
    passwordChangedAt: row.passwordChangedAt,
    active: row.active === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
