/**
 * RTSP authentication: Basic and Digest (RFC 2617, RFC 7616: MD5 or SHA-256, with qop=auth or
 * without qop). Credentials are held in a Credentials object that never prints its secret.
 */
import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

export class Credentials {
  readonly #password: string;
  constructor(
    readonly username: string,
    password: string,
  ) {
    this.#password = password;
  }
  /** Only the authenticator reads the password. */
  reveal(): string {
    return this.#password;
  }
  toJSON(): unknown {
    return { username: this.username, password: '[redacted]' };
  }
  toString(): string {
    return `Credentials(${this.username})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

export interface Challenge {
  scheme: 'basic' | 'digest';
  params: Map<string, string>;
}

/** Reads every challenge in the WWW-Authenticate values (several may share one value). */
export function parseChallenges(values: string[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const value of values) {
    let current: Challenge | undefined;
    let i = 0;
    const skip = (chars: RegExp) => {
      while (i < value.length && chars.test(value[i] ?? '')) i++;
    };
    while (i < value.length) {
      skip(/[\s,]/);
      const tokenStart = i;
      while (i < value.length && !/[\s,=]/.test(value[i] ?? '')) i++;
      const name = value.slice(tokenStart, i);
      if (!name) {
        i++;
        continue;
      }
      skip(/\s/);
      if (value[i] !== '=') {
        const scheme = name.toLowerCase();
        current = scheme === 'basic' || scheme === 'digest' ? { scheme, params: new Map() } : undefined;
        if (current) challenges.push(current);
        continue;
      }
      i++;
      skip(/\s/);
      let paramValue = '';
      if (value[i] === '"') {
        for (i++; i < value.length && value[i] !== '"'; i++) paramValue += value[i] === '\\' ? (value[++i] ?? '') : value[i];
        i++;
      } else {
        const valueStart = i;
        while (i < value.length && !/[\s,]/.test(value[i] ?? '')) i++;
        paramValue = value.slice(valueStart, i);
      }
      current?.params.set(name.toLowerCase(), paramValue);
    }
  }
  return challenges;
}

type DigestAlgorithm = 'MD5' | 'SHA-256' | 'MD5-sess' | 'SHA-256-sess';
const HASHES: Record<DigestAlgorithm, 'md5' | 'sha256'> = { MD5: 'md5', 'MD5-sess': 'md5', 'SHA-256': 'sha256', 'SHA-256-sess': 'sha256' };

function digestAlgorithm(challenge: Challenge): DigestAlgorithm | undefined {
  const raw = challenge.params.get('algorithm') ?? 'MD5';
  return (Object.keys(HASHES) as DigestAlgorithm[]).find((name) => name.toLowerCase() === raw.toLowerCase());
}

/** The strongest challenge we can answer: Digest SHA-256, then Digest MD5, then Basic. */
export function chooseChallenge(challenges: Challenge[]): Challenge | undefined {
  const rank = (c: Challenge): number => {
    if (c.scheme === 'basic') return 1;
    const algorithm = digestAlgorithm(c);
    if (!algorithm || !c.params.has('nonce')) return 0;
    return algorithm.startsWith('SHA-256') ? 3 : 2;
  };
  return challenges.filter((c) => rank(c) > 0).sort((a, b) => rank(b) - rank(a))[0];
}

export interface DigestInput {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  algorithm: DigestAlgorithm;
  /** 'auth' or absent (RFC 2069 compatibility). */
  qop?: 'auth';
  cnonce?: string;
  nc?: string;
}

/** The `response` value of RFC 7616 §3.4.1. */
export function digestResponse(input: DigestInput): string {
  const h = (text: string) => createHash(HASHES[input.algorithm]).update(text, 'utf8').digest('hex');
  let ha1 = h(`${input.username}:${input.realm}:${input.password}`);
  if (input.algorithm.endsWith('-sess')) ha1 = h(`${ha1}:${input.nonce}:${input.cnonce ?? ''}`);
  const ha2 = h(`${input.method}:${input.uri}`);
  return input.qop ? h(`${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:${input.qop}:${ha2}`) : h(`${ha1}:${input.nonce}:${ha2}`);
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** Answers a server's challenge on every later request; counts nonce uses for qop=auth. */
export class Authenticator {
  private challenge: Challenge | undefined;
  private nonceCount = 0;

  constructor(
    private readonly credentials: Credentials,
    private readonly makeCnonce: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  /** Takes the challenges of a 401; false when none of them can be answered. */
  accept(wwwAuthenticate: string[]): boolean {
    const chosen = chooseChallenge(parseChallenges(wwwAuthenticate));
    if (!chosen) return false;
    if (chosen.params.get('nonce') !== this.challenge?.params.get('nonce')) this.nonceCount = 0;
    this.challenge = chosen;
    return true;
  }

  /** The Authorization header for a request, or undefined before any challenge. */
  authorization(method: string, uri: string): string | undefined {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    const username = this.credentials.username;
    const password = this.credentials.reveal();
    if (challenge.scheme === 'basic') return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

    const algorithm = digestAlgorithm(challenge) ?? 'MD5';
    const realm = challenge.params.get('realm') ?? '';
    const nonce = challenge.params.get('nonce') ?? '';
    const opaque = challenge.params.get('opaque');
    const qops = (challenge.params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
    const qop = qops.includes('auth') ? ('auth' as const) : undefined;
    const sess = algorithm.endsWith('-sess');
    const cnonce = qop || sess ? this.makeCnonce() : undefined;
    const nc = qop ? (++this.nonceCount).toString(16).padStart(8, '0') : undefined;
    const response = digestResponse({ username, password, realm, nonce, method, uri, algorithm, qop, cnonce, nc });

    const parts = [`username=${quote(username)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(uri)}`, `response=${quote(response)}`];
    if (challenge.params.has('algorithm')) parts.push(`algorithm=${algorithm}`);
    if (opaque !== undefined) parts.push(`opaque=${quote(opaque)}`);
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce ?? '')}`);
    else if (cnonce) parts.push(`cnonce=${quote(cnonce)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
