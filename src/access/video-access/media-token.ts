/**
 * Short-lived media tokens: issued after the grant check and the register entry, they let a player
 * fetch the segments of one access (cameras and time range) until they expire. HMAC-SHA256 over the
 * base64url JSON payload, with a key kept in `<dataDir>/keys/media-token.key` (KeyRing), never in the database.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '../../shared/errors.ts';

export const MEDIA_TOKEN_TTL_MS = 15 * 60 * 1000;

export interface MediaTokenPayload {
  /** The register entry this access was recorded as. */
  entryId: string;
  userId: string;
  cameraIds: string[];
  /** The time range the token covers (ISO instants). */
  from: string;
  to: string;
  expiresAt: string;
}

const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export function mediaTokenRefused(reason: 'MALFORMED' | 'SIGNATURE' | 'EXPIRED' | 'CAMERA' | 'RANGE' | 'CLOSED'): ForbiddenError {
  return new ForbiddenError('E_MEDIA_TOKEN', {
    article: '16',
    message: {
      zh: '媒体令牌无效、已过期或不覆盖所请求的录像;请重新发起调阅并登记事由',
      en: 'The media token is invalid, expired or does not cover this recording; open the access again',
    },
    details: { reason },
  });
}

export function signMediaToken(key: Buffer, payload: MediaTokenPayload): string {
  const body = b64(JSON.stringify({ v: 1, e: payload.entryId, u: payload.userId, c: payload.cameraIds, f: payload.from, t: payload.to, x: payload.expiresAt }));
  return `${body}.${b64(createHmac('sha256', key).update(body).digest())}`;
}

/** The payload of a token whose signature holds and that has not expired; E_MEDIA_TOKEN otherwise. */
export function verifyMediaToken(key: Buffer, token: string, now: Date): MediaTokenPayload {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) throw mediaTokenRefused('MALFORMED');
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw mediaTokenRefused('SIGNATURE');
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw mediaTokenRefused('MALFORMED');
  }
  const { e, u, c, f, t, x } = raw;
  if (typeof e !== 'string' || typeof u !== 'string' || !Array.isArray(c) || typeof f !== 'string' || typeof t !== 'string' || typeof x !== 'string') {
    throw mediaTokenRefused('MALFORMED');
  }
  if (!(Date.parse(x) > now.getTime())) throw mediaTokenRefused('EXPIRED');
  return { entryId: e, userId: u, cameraIds: c.map(String), from: f, to: t, expiresAt: x };
}
