/**
 * Per-device Digest passwords at rest: AES-256-GCM under KeyRing.gb28181Key, bound to the device code
 * (a sealed value copied onto another device does not open). Never logged, never returned by the API.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConflictError } from '../../shared/errors.ts';

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealDevicePassword(key: Buffer, deviceId: string, password: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(deviceId, 'utf8'));
  const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function openDevicePassword(key: Buffer, deviceId: string, sealed: string): string {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(deviceId, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new ConflictError('E_GB_SECRET_UNREADABLE', {
      message: { zh: '设备的注册密码无法解密(密钥文件不符);请重新设置该设备的密码', en: 'the device’s registration password cannot be decrypted (the key file does not match): set it again' },
      details: { deviceId },
    });
  }
}
