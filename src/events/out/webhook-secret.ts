/**
 * Webhook signing secrets: `whsec_` + base64 of 32 random bytes (Standard Webhooks), kept at rest with
 * AES-256-GCM under KeyRing.webhookKey, bound to the endpoint id so that a sealed secret copied onto
 * another endpoint does not open. Shown once, when made or rotated.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConflictError } from '../../shared/errors.ts';

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The HMAC key: the bytes the base64 after `whsec_` stands for. */
export function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

export function sealWebhookSecret(key: Buffer, endpointId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(endpointId, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function openWebhookSecret(key: Buffer, endpointId: string, sealed: string): string {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(endpointId, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new ConflictError('E_WEBHOOK_SECRET_UNREADABLE', {
      message: {
        zh: 'Webhook 签名密钥无法解密(密钥文件不符);请轮换该端点的密钥',
        en: 'The webhook signing secret cannot be decrypted (the key file does not match): rotate the endpoint’s secret',
      },
      details: { endpointId },
    });
  }
}
