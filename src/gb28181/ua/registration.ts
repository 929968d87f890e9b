/**
 * Staying registered to a platform (GB/T 28181-2022 §9.1): REGISTER answering the 401 Digest challenge,
 * registering again before the granted expiry, MESSAGE Keepalive every `keepaliveSec` (§9.6; three
 * unanswered in a row count as lost and start a fresh REGISTER), and REGISTER with Expires: 0 on stop.
 */
import type { SipResponse } from '../sip/message.ts';
import { digestAuthorization, parseDigestChallenge } from './digest.ts';
import { keepaliveBody } from './manscdp.ts';
import { newCallId, newTag, SipTimeoutError, type SipUserAgent } from './user-agent.ts';

export interface RegistrationOptions {
  /** Digest username (GB/T 28181: our code) and password. */
  username?: string;
  password: string;
  expiresSec: number;
  keepaliveSec: number;
  /** Missed keepalives before registering again (§9.6: 3). */
  keepaliveMisses?: number;
  /** Wait after a failed REGISTER before the next try. */
  retrySec?: number;
  /** Seconds a request waits for its answer. */
  timeoutMs?: number;
}

export interface RegistrationStatus {
  registered: boolean;
  registeredAt: string | null;
  expiresAt: string | null;
  lastKeepaliveAt: string | null;
  keepalivesSent: number;
  keepalivesAnswered: number;
  lastError: { code: string; message: string; at: string } | null;
}

export class Registration {
  readonly status: RegistrationStatus = { registered: false, registeredAt: null, expiresAt: null, lastKeepaliveAt: null, keepalivesSent: 0, keepalivesAnswered: 0, lastError: null };
  /** Fault: stop sending keepalives (the platform should mark us offline). */
  keepalivePaused = false;
  private readonly callId = newCallId();
  private readonly fromTag = newTag();
  private nc = 0;
  private misses = 0;
  private reregisterTimer: NodeJS.Timeout | undefined;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly listeners: Array<(status: RegistrationStatus) => void> = [];

  constructor(
    private readonly ua: SipUserAgent,
    private readonly options: RegistrationOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: (status: RegistrationStatus) => void): void {
    this.listeners.push(listener);
  }

  /** First REGISTER; resolves true when registered (on failure it retries in the background). */
  async start(): Promise<boolean> {
    this.stopped = false;
    const ok = await this.register(this.options.expiresSec);
    this.keepaliveTimer ??= setInterval(() => void this.keepalive(), this.options.keepaliveSec * 1000);
    return ok;
  }

  /** Unregisters (Expires: 0) and stops the timers. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reregisterTimer);
    clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    if (this.status.registered) await this.register(0).catch(() => false);
  }

  /** Sends one REGISTER with the given expiry; answers one challenge. */
  async register(expiresSec: number): Promise<boolean> {
    clearTimeout(this.reregisterTimer);
    try {
      let response = await this.sendRegister(expiresSec);
      if (response.status === 401 || response.status === 407) {
        const challenge = parseDigestChallenge(response.headers.get(response.status === 401 ? 'www-authenticate' : 'proxy-authenticate'));
        if (!challenge) return this.failed('E_SIP_AUTH', `${response.status} without a Digest challenge`, expiresSec);
        const uri = this.registerUri();
        const authorization = digestAuthorization(challenge, { username: this.options.username ?? this.ua.identity.id, password: this.options.password, method: 'REGISTER', uri, nc: ++this.nc });
        response = await this.sendRegister(expiresSec, [response.status === 401 ? 'Authorization' : 'Proxy-Authorization', authorization]);
      }
      if (response.status !== 200) {
        const code = response.status === 401 || response.status === 403 ? 'E_SIP_AUTH' : 'E_SIP_REGISTER';
        return this.failed(code, `REGISTER answered ${response.status} ${response.reason}`, expiresSec);
      }
      if (expiresSec === 0) {
        this.set({ registered: false, expiresAt: null });
        return true;
      }
      const granted = grantedExpiry(response) ?? expiresSec;
      const now = this.now();
      this.misses = 0;
      this.set({ registered: true, registeredAt: now.toISOString(), expiresAt: new Date(now.getTime() + granted * 1000).toISOString(), lastError: null });
      // Again before it lapses: at most 3/4 of the granted time, at least a second.
      if (!this.stopped) this.reregisterTimer = setTimeout(() => void this.register(this.options.expiresSec), Math.max(1, granted * 0.75) * 1000);
      return true;
    } catch (error) {
      const code = error instanceof SipTimeoutError ? error.code : 'E_SIP_REGISTER';
      return this.failed(code, error instanceof Error ? error.message : String(error), expiresSec);
    }
  }

  /** One MESSAGE Keepalive; counts an unanswered one as a miss. */
  async keepalive(): Promise<void> {
    if (this.stopped || this.keepalivePaused || !this.status.registered) return;
    this.status.keepalivesSent++;
    try {
      const response = await this.ua.request('MESSAGE', { body: keepaliveBody(this.ua.identity.id), timeoutMs: Math.min(this.options.timeoutMs ?? 8000, this.options.keepaliveSec * 1000) });
      if (response.status !== 200) throw new Error(`Keepalive answered ${response.status}`);
      this.misses = 0;
      this.status.keepalivesAnswered++;
      this.set({ lastKeepaliveAt: this.now().toISOString() });
    } catch (error) {
      if (this.stopped) return;
      this.misses++;
      this.set({ lastError: { code: 'E_SIP_KEEPALIVE', message: error instanceof Error ? error.message : String(error), at: this.now().toISOString() } });
      if (this.misses >= (this.options.keepaliveMisses ?? 3)) {
        this.misses = 0;
        this.set({ registered: false });
        void this.register(this.options.expiresSec);
      }
    }
  }

  private registerUri(): string {
    return `sip:${this.ua.peer.id}@${this.ua.identity.domain}`;
  }

  private sendRegister(expiresSec: number, auth?: [string, string]): Promise<SipResponse> {
    const { id, domain } = this.ua.identity;
    return this.ua.request('REGISTER', {
      uri: this.registerUri(),
      to: `<sip:${id}@${domain}>`,
      fromTag: this.fromTag,
      callId: this.callId,
      headers: [['Contact', this.ua.contact()], ['Expires', String(expiresSec)], ...(auth ? [auth] : [])],
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    });
  }

  private failed(code: string, message: string, expiresSec: number): false {
    this.set({ registered: false, lastError: { code, message, at: this.now().toISOString() } });
    if (!this.stopped && expiresSec > 0) this.reregisterTimer = setTimeout(() => void this.register(this.options.expiresSec), (this.options.retrySec ?? 30) * 1000);
    return false;
  }

  private set(change: Partial<RegistrationStatus>): void {
    Object.assign(this.status, change);
    for (const listener of this.listeners) listener({ ...this.status });
  }
}

/** The expiry the registrar granted: Contact's expires parameter, else the Expires header. */
function grantedExpiry(response: SipResponse): number | undefined {
  const contact = /;\s*expires=(\d+)/i.exec(response.headers.get('contact') ?? '');
  const value = contact?.[1] ?? response.headers.get('expires');
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
