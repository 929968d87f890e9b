/**
 * A small SIP user agent over one SipChannel: sends requests and waits for their final response
 * (matched by the Via branch, retransmitted on UDP as RFC 3261 §17.1.2 Timer E does), answers
 * requests through one handler, and resends its cached answer to a retransmitted request.
 * Shared by the GB/T 28181 device simulator and the cascade client (Custos as a lower platform).
 */
import { randomBytes } from 'node:crypto';
import { responseTo, SipHeaders, type SipRequest, type SipResponse, type SipMessage } from '../sip/message.ts';
import { parseCSeq, parseVia } from '../sip/header-values.ts';
import type { SipChannel } from './channel.ts';

export interface UaIdentity {
  /** Our 20-digit code (device or lower platform). */
  id: string;
  /** The 10-digit domain (the peer's domain, as GB/T 28181 writes both From and To in it). */
  domain: string;
  /** Host in Contact and Via when the bound address is not what the peer reaches (NAT, wildcard). */
  advertiseHost?: string;
  userAgent: string;
}

export interface UaPeer {
  id: string;
  host: string;
  port: number;
}

export interface RequestOptions {
  uri?: string;
  /** To's name-addr without tag (default the peer's code in the domain). */
  to?: string;
  toTag?: string;
  fromTag?: string;
  callId?: string;
  cseq?: number;
  headers?: Array<[string, string]>;
  body?: Buffer;
  contentType?: string;
  timeoutMs?: number;
}

export class SipTimeoutError extends Error {
  readonly code = 'E_SIP_TIMEOUT';
}

interface Pending {
  resolve(response: SipResponse): void;
  reject(error: Error): void;
  timers: NodeJS.Timeout[];
}

const DEFAULT_TIMEOUT_MS = 8000;
const ANSWER_CACHE_MS = 32_000;

export const newTag = (): string => randomBytes(6).toString('hex');
export const newBranch = (): string => `z9hG4bK${randomBytes(8).toString('hex')}`;
export const newCallId = (): string => randomBytes(12).toString('hex');

export type RequestHandler = (request: SipRequest) => void | Promise<void>;

export class SipUserAgent {
  private readonly pending = new Map<string, Pending>();
  private readonly answered = new Map<string, { response: SipResponse; at: number }>();
  private handler: RequestHandler = () => undefined;
  private cseq = Math.floor(Math.random() * 1000) + 1;
  private closed = false;

  constructor(
    readonly channel: SipChannel,
    readonly identity: UaIdentity,
    readonly peer: UaPeer,
  ) {
    channel.onMessage((message) => this.receive(message));
  }

  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  get host(): string {
    return this.identity.advertiseHost ?? this.channel.local().host;
  }

  contact(): string {
    const local = this.channel.local();
    return `<sip:${this.identity.id}@${this.host}:${local.port}>`;
  }

  via(branch = newBranch()): string {
    return `SIP/2.0/${this.channel.transport} ${this.host}:${this.channel.local().port};rport;branch=${branch}`;
  }

  nextCSeq(): number {
    return ++this.cseq;
  }

  /** Builds a request (From is us, To the peer unless given). */
  build(method: string, options: RequestOptions = {}): SipRequest {
    const { id, domain } = this.identity;
    const headers = new SipHeaders();
    headers.append('Via', this.via());
    headers.append('From', `<sip:${id}@${domain}>;tag=${options.fromTag ?? newTag()}`);
    const to = options.to ?? `<sip:${this.peer.id}@${domain}>`;
    headers.append('To', options.toTag ? `${to};tag=${options.toTag}` : to);
    headers.append('Call-ID', options.callId ?? newCallId());
    headers.append('CSeq', `${options.cseq ?? this.nextCSeq()} ${method}`);
    headers.append('Max-Forwards', '70');
    headers.append('User-Agent', this.identity.userAgent);
    for (const [name, value] of options.headers ?? []) headers.append(name, value);
    if (options.body?.length) headers.append('Content-Type', options.contentType ?? 'Application/MANSCDP+xml');
    return { kind: 'request', method, uri: options.uri ?? `sip:${this.peer.id}@${this.peer.host}:${this.peer.port}`, headers, body: options.body ?? Buffer.alloc(0) };
  }

  /** Sends and resolves with the final response; rejects with SipTimeoutError after `timeoutMs`. */
  send(request: SipRequest, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SipResponse> {
    const branch = parseVia(request.headers.get('via')!).params.get('branch') ?? '';
    return new Promise<SipResponse>((resolve, reject) => {
      if (this.closed) return reject(new Error('the user agent is closed'));
      const timers: NodeJS.Timeout[] = [];
      const entry: Pending = { resolve, reject, timers };
      this.pending.set(branch, entry);
      this.channel.send(request);
      if (this.channel.transport === 'UDP' && request.method !== 'ACK') {
        // Timer E: 500 ms doubling to 4 s (INVITE too: Timer A has the same shape).
        let interval = 500;
        let at = interval;
        while (at < timeoutMs) {
          timers.push(setTimeout(() => this.channel.send(request), at));
          interval = Math.min(interval * 2, 4000);
          at += interval;
        }
      }
      timers.push(
        setTimeout(() => {
          this.settle(branch);
          reject(new SipTimeoutError(`${request.method}: no final response in ${timeoutMs} ms`));
        }, timeoutMs),
      );
    });
  }

  request(method: string, options: RequestOptions = {}): Promise<SipResponse> {
    return this.send(this.build(method, options), options.timeoutMs);
  }

  /** Sends a request that has no response (ACK). */
  fire(request: SipRequest): void {
    this.channel.send(request);
  }

  /** Answers a request (the answer is kept to resend to a retransmission). */
  reply(request: SipRequest, status: number, options: Parameters<typeof responseTo>[2] = {}): SipResponse {
    const response = responseTo(request, status, options);
    if (!this.closed) this.channel.send(response);
    const key = requestKey(request);
    if (key && request.method !== 'ACK') this.answered.set(key, { response, at: Date.now() });
    return response;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [branch, entry] of this.pending) {
      this.settle(branch);
      entry.reject(new Error('the user agent closed'));
    }
    this.answered.clear();
    await this.channel.close();
  }

  private settle(branch: string): void {
    const entry = this.pending.get(branch);
    if (!entry) return;
    for (const timer of entry.timers) clearTimeout(timer);
    this.pending.delete(branch);
  }

  private receive(message: SipMessage): void {
    if (message.kind === 'response') {
      if (message.status < 200) return;
      let branch: string;
      try {
        branch = parseVia(message.headers.get('via')!).params.get('branch') ?? '';
      } catch {
        return;
      }
      const entry = this.pending.get(branch);
      if (!entry) return;
      this.settle(branch);
      entry.resolve(message);
      return;
    }
    const key = requestKey(message);
    const now = Date.now();
    for (const [k, v] of this.answered) if (now - v.at > ANSWER_CACHE_MS) this.answered.delete(k);
    const cached = key ? this.answered.get(key) : undefined;
    if (cached) {
      this.channel.send(cached.response);
      return;
    }
    void Promise.resolve()
      .then(() => this.handler(message))
      .catch(() => {
        if (!this.closed && message.method !== 'ACK') this.reply(message, 500);
      });
  }
}

function requestKey(request: SipRequest): string | undefined {
  try {
    const branch = parseVia(request.headers.get('via')!).params.get('branch') ?? '';
    return `${branch}|${parseCSeq(request.headers.get('cseq')!).method}|${request.headers.get('call-id')}`;
  } catch {
    return undefined;
  }
}
