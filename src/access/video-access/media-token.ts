/**
 * Short-lived media tokens: issued after the grant check and the register entry, they let a player
 * fetch the media of one access (cameras and time range) until they expire. Each token states what
 * it is for (PLAYBACK, LIVE, EXPORT or VIEW_ONLY): a live stream accepts only a live token, so a playback can
 * never be turned into live video. HMAC-SHA256 over the base64url JSON payload, with a key kept in
 * `<dataDir>/keys/media-token.key` (KeyRing), never in the database.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '../../shared/errors.ts';
import type { Action } from '../actions.ts';

export const MEDIA_TOKEN_TTL_MS = 15 * 60 * 1000;

export const MEDIA_TOKEN_KINDS = ['PLAYBACK', 'LIVE', 'EXPORT', 'VIEW_ONLY'] as const;
export type MediaTokenKind = (typeof MEDIA_TOKEN_KINDS)[number];

/** The grant action a token of each kind is re-checked against on every media request. */
export const ACTION_OF_KIND: Record<MediaTokenKind, Action> = { PLAYBACK: 'PLAYBACK', LIVE: 'LIVE', EXPORT: 'EXPORT', VIEW_ONLY: 'PLAYBACK' };
/** A supervised art. 21 viewing (VIEW_ONLY, REG-21-4) plays back only: no snapshot, no export, no download. */
export const COPYING_KINDS: readonly MediaTokenKind[] = ['PLAYBACK', 'LIVE', 'EXPORT'];

export interface MediaTokenPayload {
  kind: MediaTokenKind;
  /** The register entry this access was recorded as. */
  entryId: string;
  userId: string;
  cameraIds: string[];
  /** The time range the token covers (ISO instants). */
  from: string;
  to: string;
  issuedAt: string;
  expiresAt: string;
}

export type MediaTokenRefusal = 'MALFORMED' | 'SIGNATURE' | 'EXPIRED' | 'CAMERA' | 'RANGE' | 'CLOSED' | 'KIND' | 'REVOKED';

const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export function mediaTokenRefused(reason: MediaTokenRefusal, details: Record<string, unknown> = {}): ForbiddenError {
  return new ForbiddenError('E_MEDIA_TOKEN', {
    article: '16',
    message: {
      zh: '媒体令牌无效、已过期或不覆盖所请求的录像;请重新发起调阅并登记事由',
      en: 'The media token is invalid, expired or does not cover this recording; open the access again',
    },
    details: { reason, ...details },
  });
}

export function signMediaToken(key: Buffer, payload: MediaTokenPayload): string {
  const { kind, entryId, userId, cameraIds, from, to, issuedAt, expiresAt } = payload;
  const body = b64(JSON.stringify({ v: 2, k: kind, e: entryId, u: userId, c: cameraIds, f: from, t: to, i: issuedAt, x: expiresAt }));
  return `${body}.${b64(createHmac('sha256', key).update(body).digest())}`;
}

const isKind = (k: unknown): k is MediaTokenKind => typeof k === 'string' && (MEDIA_TOKEN_KINDS as readonly string[]).includes(k);

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
  const { v, k, e, u, c, f, t, i, x } = raw;
  // A v1 token (before tokens stated their kind) is refused like any malformed one; it expired within 15 min anyway.
  if (v !== 2 || !isKind(k) || typeof e !== 'string' || typeof u !== 'string' || !Array.isArray(c) || typeof f !== 'string' || typeof t !== 'string' || typeof i !== 'string' || typeof x !== 'string') {
    throw mediaTokenRefused('MALFORMED');
  }
  if (!(Date.parse(x) > now.getTime())) throw mediaTokenRefused('EXPIRED');
  return { kind: k, entryId: e, userId: u, cameraIds: c.map(String), from: f, to: t, issuedAt: i, expiresAt: x };
}
