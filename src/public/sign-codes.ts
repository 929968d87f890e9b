/**
 * The public code of a sign (the path its QR opens: /s/CODE). Issued once per sign, the first time its
 * QR or printable sign is asked for; a retired sign's code keeps resolving to its site while the site is
 * active, since the printed sign may still hang.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import { publicDb } from '../db/public-tables.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';

/** Crockford-style alphabet without 0/O and 1/I/L, so a code read aloud or typed from paper survives. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;
export const SIGN_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{10}$/;

export interface PublicSignRef {
  code: string;
  signId: string;
  siteId: string;
}

function newCode(): string {
  let out = '';
  for (const byte of randomBytes(CODE_LENGTH)) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** The sign's code, issued now if it has none. The caller has checked the sign exists and may be printed. */
export async function codeForSign(db: Db, sign: { id: string; siteId: string }, now: Date): Promise<string> {
  const p = publicDb(db);
  const existing = await p.selectFrom('publicSignCodes').select('code').where('signId', '=', sign.id).executeTakeFirst();
  if (existing) return existing.code;
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    try {
      await p.insertInto('publicSignCodes').values({ code, signId: sign.id, siteId: sign.siteId, createdAt: now.toISOString() }).execute();
      return code;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Either the code collided or another request issued this sign's code first: read it back.
      const raced = await p.selectFrom('publicSignCodes').select('code').where('signId', '=', sign.id).executeTakeFirst();
      if (raced) return raced.code;
    }
  }
  throw new Error('could not issue a unique sign code');
}

/** The sign and site a code opens, or null for an unknown or malformed code (never an error: the caller answers 404). */
export async function resolveSignCode(db: Db, code: string): Promise<PublicSignRef | null> {
  const normalised = code.trim().toUpperCase();
  if (!SIGN_CODE_PATTERN.test(normalised)) return null;
  const row = await publicDb(db).selectFrom('publicSignCodes').select(['code', 'signId', 'siteId']).where('code', '=', normalised).executeTakeFirst();
  return row ?? null;
}
