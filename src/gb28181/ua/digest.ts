/**
 * The client side of SIP Digest authentication (RFC 3261 §22.4 over RFC 2617, MD5): the Authorization
 * value answering a 401 WWW-Authenticate (or 407 Proxy-Authenticate) challenge, with or without qop=auth.
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseParams } from '../../media/simulator/auth.ts';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm?: string;
  qop?: string;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** The challenge's parameters; undefined unless it is a Digest challenge with realm and nonce. */
export function parseDigestChallenge(value: string | undefined): DigestChallenge | undefined {
  if (!value || !/^\s*digest\s/i.test(value)) return undefined;
  const p = parseParams(value.replace(/^\s*digest\s+/i, ''));
  if (p.realm === undefined || !p.nonce) return undefined;
  return { realm: p.realm, nonce: p.nonce, ...(p.opaque ? { opaque: p.opaque } : {}), ...(p.algorithm ? { algorithm: p.algorithm } : {}), ...(p.qop ? { qop: p.qop } : {}) };
}

const quote = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/** The Authorization header value for `method` on `uri`; `nc` counts the uses of this nonce (qop=auth). */
export function digestAuthorization(challenge: DigestChallenge, input: { username: string; password: string; method: string; uri: string; nc?: number; cnonce?: string }): string {
  if (challenge.algorithm && challenge.algorithm.toUpperCase() !== 'MD5') throw new Error(`unsupported digest algorithm ${challenge.algorithm}`);
  const ha1 = md5(`${input.username}:${challenge.realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  const qops = (challenge.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  const parts = [`username=${quote(input.username)}`, `realm=${quote(challenge.realm)}`, `nonce=${quote(challenge.nonce)}`, `uri=${quote(input.uri)}`];
  if (qops.includes('auth')) {
    const nc = (input.nc ?? 1).toString(16).padStart(8, '0');
    const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
    parts.push(`response=${quote(md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`))}`, 'qop=auth', `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  } else {
    parts.push(`response=${quote(md5(`${ha1}:${challenge.nonce}:${ha2}`))}`);
  }
  parts.push('algorithm=MD5');
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
