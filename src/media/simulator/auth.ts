/** Basic (RFC 7617) and Digest (RFC 2617 / 7616, MD5, with or without qop=auth) authentication of RTSP requests. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SimulatorAuth {
  user: string;
  password: string;
  scheme: 'basic' | 'digest';
  /** Digest only: offer qop="auth" (client nonce and count) instead of the RFC 2069 form most cameras use. */
  qop?: boolean;
  realm?: string;
}

const NONCES_KEPT = 1024;

export class Authenticator {
  readonly realm: string;
  private readonly nonces = new Set<string>();

  constructor(private readonly auth: SimulatorAuth) {
    this.realm = auth.realm ?? 'Custos simulator';
  }

  /** The WWW-Authenticate value of a 401 response. */
  challenge(): string {
    if (this.auth.scheme === 'basic') return `Basic realm="${this.realm}"`;
    const nonce = randomBytes(16).toString('hex');
    this.nonces.add(nonce);
    if (this.nonces.size > NONCES_KEPT) this.nonces.delete(this.nonces.values().next().value as string);
    return `Digest realm="${this.realm}", nonce="${nonce}", algorithm=MD5${this.auth.qop ? ', qop="auth"' : ''}`;
  }

  verify(method: string, authorization: string | undefined): boolean {
    if (!authorization) return false;
    const space = authorization.indexOf(' ');
    const scheme = authorization.slice(0, space).toLowerCase();
    const rest = authorization.slice(space + 1);
    if (this.auth.scheme === 'basic') {
      if (scheme !== 'basic') return false;
      return same(Buffer.from(rest.trim(), 'base64').toString('utf8'), `${this.auth.user}:${this.auth.password}`);
    }
    if (scheme !== 'digest') return false;
    const p = parseParams(rest);
    if (p.username !== this.auth.user || p.realm !== this.realm || !p.nonce || !this.nonces.has(p.nonce) || !p.uri || !p.response) return false;
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return false;
    const ha1 = md5(`${this.auth.user}:${this.realm}:${this.auth.password}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expected = p.qop === 'auth' ? md5(`${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:auth:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
    return same(p.response.toLowerCase(), expected);
  }
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `key="quoted, value", key=token` pairs. */
export function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of text.matchAll(pattern)) out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  return out;
}
