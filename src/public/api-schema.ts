/**
 * What the sign's public page shows (arts. 13, 21, 24), as the API answers it: the unit's name (never a
 * person's), the site, its purpose, how many cameras the sign covers, retention, the filing and the county
 * public security organ, the published ledger key and the latest signed checkpoint. No ids of cameras,
 * no positions, no video, no personal data.
 */
import { z } from 'zod';
import { publicKeyAnswer } from '../ledger/api-schema.ts';
import { SIGN_CODE_PATTERN } from './sign-codes.ts';

/** Any code up to 32 characters reaches the service, which answers an unknown or malformed one alike: 404 E_SIGN_CODE_UNKNOWN. */
export const signCodeParams = z.strictObject({ code: z.string().min(1).max(32).describe(`the sign's code, ${SIGN_CODE_PATTERN.source}`) });

export const publicSignInfo = z.object({
  code: z.string(),
  /** The managing unit by name; a natural person running the cameras (unit type INDIVIDUAL) is not named (null). */
  unit: z.object({ name: z.string().nullable(), individual: z.boolean() }),
  /** The site; its address is left out (empty) where a natural person runs it. */
  site: z.object({ name: z.string(), address: z.string(), placeCategory: z.string() }),
  sign: z.object({ location: z.string(), text: z.string(), languages: z.array(z.string()) }),
  /** The purpose statements (necessity) of the cameras the sign covers, as the unit recorded them. */
  purposes: z.array(z.string()),
  cameraCount: z.number(),
  /** Whether any camera the sign covers also records sound. */
  audio: z.boolean(),
  retention: z.object({
    /** The longest storage period among the sign's cameras (the site's default when it covers none). */
    days: z.number(),
    /** The statutory minimum (art. 17), null where none applies to this kind of place. */
    floorDays: z.number().nullable(),
  }),
  filing: z.object({
    /** NOT_REQUIRED: an art. 9 place (or one outside the Regulation's filing duty) that has not filed voluntarily (art. 9.2). */
    status: z.enum(['FILED', 'SUBMITTED', 'NOT_FILED', 'NOT_REQUIRED']),
    receiptNo: z.string().nullable(),
    filedAt: z.string().nullable(),
    /** The county public security organ that receives the filing (art. 14). */
    authority: z.string().nullable(),
  }),
  ledger: z.object({
    publicKey: publicKeyAnswer.nullable(),
    checkpoint: z.object({ seq: z.number(), treeSize: z.number(), rootHash: z.string(), at: z.string(), keyId: z.string(), signature: z.string() }).nullable(),
    verifyCommand: z.string(),
  }),
  /** Which forms the page offers (art. 21 viewing request; art. 24 report). */
  forms: z.object({ art21: z.boolean(), report: z.boolean() }),
});
export type PublicSignInfo = z.infer<typeof publicSignInfo>;

export const qrQuery = z.strictObject({});
export const printQuery = z.strictObject({ size: z.enum(['A4', 'A5']).default('A4') });
