/** An inspector account as the API takes and shows it (REG-24-1): a named officer, an organ, a warrant, a scope, a window. */
import { z } from 'zod';
import { username, password } from '../access/accounts/user-model.ts';
import { id, instant } from '../registry/model.ts';

/** The longest window an inspector account may be opened for. */
export const MAX_INSPECTION_DAYS = 90;

export const inspectionScope = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('UNIT'), unitId: id }),
  z.strictObject({ type: z.literal('SITE'), siteIds: z.array(id).min(1).max(100) }),
]);
export type InspectionScope = z.infer<typeof inspectionScope>;

export const inspectorAccountInput = z
  .strictObject({
    username,
    password,
    /** The officer's name (姓名). */
    officerName: z.string().trim().min(1).max(100),
    /** The public security organ (公安机关) the officer belongs to. */
    organ: z.string().trim().min(2).max(200),
    /** The inspection's warrant or document number. */
    warrantRef: z.string().trim().min(1).max(100),
    scope: inspectionScope,
    validFrom: instant,
    validTo: instant,
  })
  .refine((a) => Date.parse(a.validFrom) < Date.parse(a.validTo), { message: 'validTo must be after validFrom', path: ['validTo'] })
  .refine((a) => Date.parse(a.validTo) - Date.parse(a.validFrom) <= MAX_INSPECTION_DAYS * 86_400_000, {
    message: `an inspector account is opened for at most ${MAX_INSPECTION_DAYS} days`,
    path: ['validTo'],
  });
export type InspectorAccountInput = z.infer<typeof inspectorAccountInput>;

export const inspectorAccountView = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  officerName: z.string(),
  organ: z.string(),
  warrantRef: z.string(),
  unitId: z.string(),
  scopeType: z.enum(['UNIT', 'SITE']),
  scopeIds: z.array(z.string()),
  grants: z.array(z.object({ id: z.string(), status: z.string() })),
  validFrom: z.string(),
  validTo: z.string(),
  /** ACTIVE: within the window with an approved grant; PENDING: a grant awaits a second administrator; EXPIRED; NOT_YET. */
  state: z.enum(['PENDING', 'ACTIVE', 'NOT_YET', 'EXPIRED', 'ENDED']),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type InspectorAccountView = z.infer<typeof inspectorAccountView>;
