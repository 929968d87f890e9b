/**
 * TOTP secrets at rest: AES-256-GCM under a key kept outside the database (KeyRing.totpKey), bound to
 * the user's id (additional data) so that a secret copied onto another account does not open.
 * Stored as `v1:` + base64url(iv ‖ tag ‖ ciphertext); a value without the prefix is a plain secret
 * written before encryption existed (sealed at start, see TotpService.sealPlainSecrets).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConflictError } from '../../shared/errors.ts';

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealTotpSecret(key: Buffer, userId: string, secretBase32: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const body = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function openTotpSecret(key: Buffer, userId: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new ConflictError('E_TOTP_SECRET_UNREADABLE', {
      message: {
        zh: '动态验证码密钥无法解密(密钥文件不符);请管理员重置该用户的动态验证码',
        en: 'The TOTP secret cannot be decrypted (the key file does not match): an administrator must reset this user’s TOTP',
      },
    });
  }
}
