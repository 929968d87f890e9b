/**
 * The simulator's checks of who is asking: a WS-Security UsernameToken digest (its Created within five
 * minutes of the device's clock, each nonce once), or HTTP Digest (the RTSP simulator's authenticator).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Authenticator } from '../../../media/simulator/auth.ts';
import { findElement, textOf, type XmlElement } from '../soap/xml.ts';

export type SimAuthMode = 'wsse' | 'http-digest' | 'either';
export type AuthOutcome = 'ok' | 'refused' | 'absent';

const WINDOW_MS = 5 * 60 * 1000;
const NONCES_KEPT = 4096;

export class SimAuth {
  readonly http: Authenticator;
  private readonly nonces = new Set<string>();

  constructor(
    private readonly credential: { username: string; password: string },
    readonly mode: SimAuthMode,
  ) {
    this.http = new Authenticator({ user: credential.username, password: credential.password, scheme: 'digest', realm: 'Custos ONVIF simulator' });
  }

  wsse(header: XmlElement | undefined, deviceNow: number): AuthOutcome {
    const token = header ? findElement(header, 'UsernameToken') : undefined;
    if (!token) return 'absent';
    const get = (name: string) => {
      const e = findElement(token, name);
      return e ? textOf(e).trim() : '';
    };
    const [username, password, nonce, created] = [get('Username'), get('Password'), get('Nonce'), get('Created')];
    const at = Date.parse(created);
    if (username !== this.credential.username || !nonce || !Number.isFinite(at) || Math.abs(at - deviceNow) > WINDOW_MS) return 'refused';
    const expected = createHash('sha1').update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(this.credential.password, 'utf8')])).digest('base64');
    const a = Buffer.from(password);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return 'refused';
    if (this.nonces.has(nonce)) return 'refused';
    this.nonces.add(nonce);
    if (this.nonces.size > NONCES_KEPT) this.nonces.delete(this.nonces.values().next().value as string);
    return 'ok';
  }
}
