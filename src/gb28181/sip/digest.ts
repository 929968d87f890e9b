/**
 * HTTP Digest for SIP REGISTER (RFC 2617 with MD5, as GB/T 28181-2022 §9.1.2 asks; qop=auth accepted
 * when the device uses it). Nonces are stateless: the issue time and an HMAC over it with a key of this
 * process, so a nonce from elsewhere or older than its lifetime is refused (stale=true for an expired one).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: string | undefined;
  qop: string | undefined;
  nc: string | undefined;
  cnonce: string | undefined;
}

/** `Digest username="…", realm="…", …` → its fields, or undefined when it is not a Digest value. */
export function parseDigest(value: string | undefined): DigestCredentials | undefined {
  if (!value) return undefined;
  const match = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!match) return undefined;
  // Parameters are comma-separated; quoted values may hold commas.
  const params = new Map<string, string>();
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = re.exec(match[1]!); m; m = re.exec(match[1]!)) params.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? '');
  const need = ['username', 'realm', 'nonce', 'uri', 'response'] as const;
  if (need.some((name) => params.get(name) === undefined)) return undefined;
  return {
    username: params.get('username')!,
    realm: params.get('realm')!,
    nonce: params.get('nonce')!,
    uri: params.get('uri')!,
    response: params.get('response')!.toLowerCase(),
    algorithm: params.get('algorithm'),
    qop: params.get('qop'),
    nc: params.get('nc'),
    cnonce: params.get('cnonce'),
  };
}

export type DigestVerdict = 'ok' | 'wrong' | 'stale' | 'foreign-nonce';

export class DigestAuthenticator {
  private readonly key = randomBytes(32);

  constructor(
    readonly realm: string,
    private readonly now: () => number,
    private readonly nonceLifetimeMs = 5 * 60_000,
  ) {}

  nonce(): string {
    const issued = this.now().toString(16);
    return `${issued}.${createHmac('sha256', this.key).update(issued).digest('base64url').slice(0, 22)}`;
  }

  /** The WWW-Authenticate value of a 401. */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}", nonce="${this.nonce()}", algorithm=MD5${stale ? ', stale=true' : ''}`;
  }

  /** Checks the credentials against the password for `method`. */
  verify(credentials: DigestCredentials, method: string, password: string): DigestVerdict {
    const [issued, mac] = credentials.nonce.split('.');
    if (!issued || !mac || !/^[0-9a-f]{1,13}$/.test(issued)) return 'foreign-nonce';
    const expected = createHmac('sha256', this.key).update(issued).digest('base64url').slice(0, 22);
    if (!safeEqual(expected, mac)) return 'foreign-nonce';
    if (credentials.realm !== this.realm) return 'wrong';
    if (credentials.algorithm && credentials.algorithm.toUpperCase() !== 'MD5') return 'wrong';
    const ha1 = md5(`${credentials.username}:${this.realm}:${password}`);
    const ha2 = md5(`${method}:${credentials.uri}`);
    const expectedResponse =
      credentials.qop && credentials.qop.toLowerCase() === 'auth'
        ? md5(`${ha1}:${credentials.nonce}:${credentials.nc ?? ''}:${credentials.cnonce ?? ''}:auth:${ha2}`)
        : md5(`${ha1}:${credentials.nonce}:${ha2}`);
    if (!safeEqual(expectedResponse, credentials.response)) return 'wrong';
    const age = this.now() - parseInt(issued, 16);
    return age < 0 || age > this.nonceLifetimeMs ? 'stale' : 'ok';
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a test peer or a device computes (RFC 2617 §3.2.2, without qop). */
export function digestResponse(input: { username: string; realm: string; password: string; method: string; uri: string; nonce: string }): string {
  return md5(`${md5(`${input.username}:${input.realm}:${input.password}`)}:${input.nonce}:${md5(`${input.method}:${input.uri}`)}`);
}

