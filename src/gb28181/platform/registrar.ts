/**
 * REGISTER (GB/T 28181-2022 §9.1): the device's code (From user, 20 digits, else 400), Digest (MD5, the
 * realm is the platform's domain) against its own password or the configured default (401 to challenge,
 * 403 for a wrong answer, 401 stale=true for an expired nonce), Expires 0 to unregister. The 200 OK
 * carries Date, the platform's time, which devices set their clocks by (§9.10 time synchronisation).
 */
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import { isGbCode } from '../ids.ts';
import { gbTime } from '../manscdp/gb-time.ts';
import type { DigestAuthenticator } from '../sip/digest.ts';
import { parseDigest } from '../sip/digest.ts';
import { parseNameAddr, parseParams } from '../sip/header-values.ts';
import { responseTo, type SipRequest, type SipResponse } from '../sip/message.ts';
import { newTag } from '../sip/endpoint.ts';
import type { SipPeer } from '../sip/transport.ts';
import { gbRepository } from './gb-repository.ts';

export interface RegistrarDeps {
  db: Db;
  clock: Clock;
  digest: DigestAuthenticator;
  expiresMaxSec: number;
  passwordFor(deviceId: string): Promise<string | undefined>;
  /** `wasOnline`: the device was online before (a registration refresh), not coming back. */
  onRegistered(deviceId: string, wasOnline: boolean): void;
  onUnregistered(deviceId: string): void;
  /** Counts refusals (for logs and metrics); never given the password. */
  onRefused?(deviceId: string, why: string, peer: SipPeer): void;
}

const DEFAULT_EXPIRES = 3600;

export class Registrar {
  constructor(private readonly deps: RegistrarDeps) {}

  async handle(request: SipRequest, peer: SipPeer): Promise<SipResponse> {
    const tag = newTag();
    let deviceId: string | null;
    try {
      deviceId = parseNameAddr(request.headers.get('from') ?? '').user;
    } catch {
      deviceId = null;
    }
    if (!deviceId || !isGbCode(deviceId)) {
      this.deps.onRefused?.(deviceId ?? '', 'bad-code', peer);
      return responseTo(request, 400, { toTag: tag, reason: 'Bad Request (device code must be 20 digits)' });
    }
    const credentials = parseDigest(request.headers.get('authorization'));
    if (!credentials) return responseTo(request, 401, { toTag: tag, headers: [['WWW-Authenticate', this.deps.digest.challenge()]] });
    const password = await this.deps.passwordFor(deviceId);
    if (password === undefined) {
      this.deps.onRefused?.(deviceId, 'no-password', peer);
      return responseTo(request, 403, { toTag: tag });
    }
    if (credentials.username !== deviceId) {
      this.deps.onRefused?.(deviceId, 'username', peer);
      return responseTo(request, 403, { toTag: tag });
    }
    const verdict = this.deps.digest.verify(credentials, 'REGISTER', password);
    if (verdict === 'foreign-nonce') return responseTo(request, 401, { toTag: tag, headers: [['WWW-Authenticate', this.deps.digest.challenge()]] });
    if (verdict === 'stale') return responseTo(request, 401, { toTag: tag, headers: [['WWW-Authenticate', this.deps.digest.challenge(true)]] });
    if (verdict === 'wrong') {
      this.deps.onRefused?.(deviceId, 'wrong-password', peer);
      return responseTo(request, 403, { toTag: tag });
    }
    const expires = Math.min(this.requestedExpires(request), this.deps.expiresMaxSec);
    const now = this.deps.clock.now();
    const contact = request.headers.get('contact');
    const headers: Array<[string, string]> = [];
    if (contact) headers.push(['Contact', contact.replace(/;\s*expires=\d+/i, '')]);
    headers.push(['Expires', String(expires)], ['Date', gbTime(now.getTime(), true)]);
    if (expires === 0) {
      await gbRepository.setOffline(this.deps.db, deviceId, now.toISOString());
      this.deps.onUnregistered(deviceId);
      return responseTo(request, 200, { toTag: tag, headers });
    }
    const before = await gbRepository.deviceRow(this.deps.db, deviceId);
    const wasOnline = Boolean(before?.online) && typeof before?.expiresAt === 'string' && before.expiresAt > now.toISOString();
    await gbRepository.register(this.deps.db, {
      deviceId,
      transport: peer.transport,
      host: peer.host,
      port: peer.port,
      registeredAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + expires * 1000).toISOString(),
    });
    this.deps.onRegistered(deviceId, wasOnline);
    return responseTo(request, 200, { toTag: tag, headers });
  }

  private requestedExpires(request: SipRequest): number {
    const header = request.headers.get('expires');
    if (header !== undefined && /^\d{1,10}$/.test(header.trim())) return Number(header.trim());
    const contact = request.headers.get('contact');
    const semi = contact?.lastIndexOf('>') ?? -1;
    const fromContact = contact ? parseParams(contact.slice(semi + 1)).get('expires') : undefined;
    if (fromContact !== undefined && /^\d{1,10}$/.test(fromContact)) return Number(fromContact);
    return DEFAULT_EXPIRES;
  }
}
