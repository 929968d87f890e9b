/** Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), one step of drift allowed either way. */
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Custos';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, username: string): string {
  return totpFor(secretBase32, username).toString();
}

export function totpValid(secretBase32: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, 'check').validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}
