/**
 * The reference number a reporter keeps (`R24-XXXX-XXXX-XXXX`): random, 12 characters of an alphabet
 * without 0/O and 1/I/L (about 59 bits), so that it can be read from a phone and not guessed.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^R24-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

export function newReference(): string {
  const chars: string[] = [];
  // Rejection sampling: 248 = 8 × 31, so every character is equally likely.
  while (chars.length < 12) for (const byte of randomBytes(16)) if (byte < 248 && chars.length < 12) chars.push(ALPHABET[byte % ALPHABET.length]!);
  return `R24-${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** The reference as typed (any case, spaces, missing dashes) in its canonical form, or null. */
export function normaliseReference(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  const body = bare.startsWith('R24') ? bare.slice(3) : bare;
  if (body.length !== 12) return null;
  const ref = `R24-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
  return REFERENCE_PATTERN.test(ref) ? ref : null;
}
