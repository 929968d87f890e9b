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

/** The time step (counter) the code belongs to, or undefined when it matches none within the drift allowed. */
export function totpStepOf(secretBase32: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpFor(secretBase32, 'check');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? undefined : totp.counter({ timestamp: now.getTime() }) + delta;
}

export function totpValid(secretBase32: string, code: string, now: Date): boolean {
  return totpStepOf(secretBase32, code, now) !== undefined;
}
