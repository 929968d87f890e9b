/**
 * SIP transactions over the transport (RFC 3261 §17). Client: a request is retransmitted over UDP at
 * T1 = 500 ms doubling (capped at T2 = 4 s for non-INVITE, §17.1.2.2), a provisional answer stops the
 * INVITE retransmissions, and after 64 × T1 (32 s) the request fails with E_GB_TIMEOUT; responses are
 * matched by the top Via branch and the CSeq. Server: a retransmitted request gets the response already
 * sent, without asking the handler again. ACK goes to the handler (it has no response).
 */
import { randomBytes } from 'node:crypto';
import { gbTimeout, gbUnreachable } from '../gb-errors.ts';
import { parseCSeq, parseVia } from './header-values.ts';
import { responseTo, type SipMessage, type SipRequest, type SipResponse } from './message.ts';
import { peerKey, SipTransport, type SipPeer } from './transport.ts';
import type { SipLimits } from './message.ts';

export const T1_MS = 500;
const T2_MS = 4000;
const SERVER_CACHE_MS = 32_000;
const SERVER_CACHE_MAX = 10_000;

export const newBranch = () => `z9hG4bK${randomBytes(8).toString('hex')}`;
export const newTag = () => randomBytes(6).toString('hex');
export const newCallId = () => randomBytes(12).toString('hex');

export type SipRequestHandler = (request: SipRequest, peer: SipPeer) => Promise<SipResponse | undefined> | SipResponse | undefined;

export interface SipEndpointOptions {
  host: string;
  port: number;
  limits?: SipLimits;
  /** T1 (ms); tests shorten it. Timeout is 64 × T1. */
  t1Ms?: number;
  handler: SipRequestHandler;
  onMalformed?: (peer: SipPeer, error: unknown) => void;
  /** A response no transaction waits for (e.g. a device retransmitting its 200 OK to INVITE whose ACK was lost). */
  onStrayResponse?: (response: SipResponse, peer: SipPeer) => void;
  /** A handler that threw: answered 500; for logs. */
  onHandlerError?: (error: unknown, request: SipRequest) => void;
}

interface ClientTransaction {
  method: string;
  peer: SipPeer;
  request: SipRequest;
  resolve: (response: SipResponse) => void;
  reject: (error: Error) => void;
  retransmit: NodeJS.Timeout | undefined;
  timeout: NodeJS.Timeout;
  interval: number;
}

interface ServerEntry {
  at: number;
  peer: SipPeer;
  response: SipResponse | undefined;
}

export class SipEndpoint {
  readonly transport: SipTransport;
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerEntry>();
  private readonly t1: number;

  constructor(private readonly options: SipEndpointOptions) {
    this.t1 = options.t1Ms ?? T1_MS;
    this.transport = new SipTransport({
      host: options.host,
      port: options.port,
      limits: options.limits,
      onMessage: (message, peer) => this.receive(message, peer),
      onMalformed: options.onMalformed,
    });
  }

  start(): Promise<void> {
    return this.transport.start();
  }

  async close(): Promise<void> {
    for (const tx of this.clients.values()) this.finish(tx).reject(new Error('SIP endpoint closed'));
    this.clients.clear();
    await this.transport.close();
  }

  get port(): number {
    return this.transport.port;
  }

  /** A client transaction: resolves with the final response (2xx–6xx), or rejects with E_GB_TIMEOUT. */
  request(peer: SipPeer, request: SipRequest): Promise<SipResponse> {
    const key = transactionKey(request);
    return new Promise<SipResponse>((resolve, reject) => {
      const tx: ClientTransaction = {
        method: request.method,
        peer,
        request,
        resolve,
        reject,
        retransmit: undefined,
        interval: this.t1,
        timeout: setTimeout(() => {
          this.clients.delete(key);
          this.finish(tx).reject(gbTimeout(request.method, request.uri));
        }, 64 * this.t1),
      };
      this.clients.set(key, tx);
      void this.firstSend(key, tx);
    });
  }

  private async firstSend(key: string, tx: ClientTransaction): Promise<void> {
    try {
      await this.transport.send(tx.peer, tx.request);
      if (tx.peer.transport === 'UDP' && this.clients.get(key) === tx) this.scheduleRetransmit(key, tx);
    } catch (error) {
      this.clients.delete(key);
      const cause = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
      this.finish(tx).reject(gbUnreachable(`${tx.peer.transport} ${tx.peer.host}:${tx.peer.port}`, cause));
    }
  }

  /** Sends without a transaction (ACK for a 2xx, responses built elsewhere). */
  send(peer: SipPeer, message: SipMessage): Promise<void> {
    return this.transport.send(peer, message);
  }

  private scheduleRetransmit(key: string, tx: ClientTransaction): void {
    tx.retransmit = setTimeout(() => {
      if (this.clients.get(key) !== tx) return;
      void this.transport.send(tx.peer, tx.request).catch(() => undefined);
      tx.interval = tx.method === 'INVITE' ? tx.interval * 2 : Math.min(tx.interval * 2, T2_MS);
      this.scheduleRetransmit(key, tx);
    }, tx.interval);
  }

  private finish(tx: ClientTransaction): ClientTransaction {
    clearTimeout(tx.timeout);
    if (tx.retransmit) clearTimeout(tx.retransmit);
    tx.retransmit = undefined;
    return tx;
  }

  private receive(message: SipMessage, peer: SipPeer): void {
    if (message.kind === 'response') this.receiveResponse(message, peer);
    else this.receiveRequest(message, peer);
  }

  private receiveResponse(response: SipResponse, peer: SipPeer): void {
    const key = transactionKey(response);
    const tx = this.clients.get(key);
    if (!tx) {
      // A stray or late retransmission of a final response: the dialog layer may want it (2xx to INVITE).
      this.options.onStrayResponse?.(response, peer);
      return;
    }
    if (response.status < 200) {
      if (tx.retransmit) clearTimeout(tx.retransmit);
      tx.retransmit = undefined;
      if (tx.method !== 'INVITE' && peer.transport === 'UDP') {
        tx.interval = T2_MS;
        this.scheduleRetransmit(key, tx);
      }
      return;
    }
    this.clients.delete(key);
    this.finish(tx);
    // A non-2xx final answer to INVITE is acknowledged within the transaction (§17.1.1.3).
    if (tx.method === 'INVITE' && response.status >= 300) void this.send(tx.peer, ackForFailure(tx.request, response)).catch(() => undefined);
    tx.resolve(response);
  }

  private receiveRequest(request: SipRequest, peer: SipPeer): void {
    if (request.method === 'ACK') {
      void this.acknowledge(request, peer);
      return;
    }
    const key = `${peerKey(peer)}|${transactionKey(request)}`;
    const now = Date.now();
    const known = this.servers.get(key);
    if (known) {
      if (known.response) void this.send(peer, known.response).catch(() => undefined);
      return;
    }
    this.prune(now);
    const entry: ServerEntry = { at: now, peer, response: undefined };
    this.servers.set(key, entry);
    void this.serve(key, entry, request, peer);
  }

  private async serve(key: string, entry: ServerEntry, request: SipRequest, peer: SipPeer): Promise<void> {
    let response: SipResponse | undefined;
    try {
      response = await this.options.handler(request, peer);
    } catch (error) {
      this.options.onHandlerError?.(error, request);
      response = responseTo(request, 500, { toTag: newTag() });
    }
    if (!response) {
      this.servers.delete(key);
      return;
    }
    entry.response = withReceived(response, peer);
    await this.send(peer, entry.response).catch(() => undefined);
  }

  private async acknowledge(request: SipRequest, peer: SipPeer): Promise<void> {
    try {
      await this.options.handler(request, peer);
    } catch (error) {
      this.options.onHandlerError?.(error, request);
    }
  }

  private prune(now: number): void {
    for (const [key, entry] of this.servers) {
      if (now - entry.at < SERVER_CACHE_MS && this.servers.size < SERVER_CACHE_MAX) break;
      this.servers.delete(key);
    }
  }
}

/** Top Via branch + CSeq number and method: what matches a response to its request (§17.1.3, §17.2.3). */
export function transactionKey(message: SipMessage): string {
  const via = parseVia(message.headers.get('via') ?? '');
  const cseq = parseCSeq(message.headers.get('cseq') ?? '');
  return `${via.params.get('branch') ?? ''}|${cseq.seq}|${cseq.method}`;
}

/**
 * RFC 3581 §4 (and §18.2.1 of RFC 3261): the top Via of a response says where the request really came
 * from — `received` with the source address, and `rport` filled with the source port when the device
 * asked for it — so that a device behind NAT learns its public address.
 */
export function withReceived(response: SipResponse, peer: SipPeer): SipResponse {
  const vias = response.headers.getAll('via');
  const top = vias[0];
  if (!top) return response;
  let via: ReturnType<typeof parseVia>;
  try {
    via = parseVia(top);
  } catch {
    return response;
  }
  let rewritten = top.split(',')[0]!;
  if (via.params.get('rport') === '') rewritten = rewritten.replace(/;\s*rport(?=;|$)/i, `;rport=${peer.port}`);
  if (!via.params.has('received') && (via.host !== peer.host || via.params.has('rport'))) rewritten += `;received=${peer.host}`;
  const rest = top.includes(',') ? top.slice(top.indexOf(',')) : '';
  const headers = response.headers.clone();
  headers.delete('via');
  headers.append('Via', rewritten + rest);
  for (const other of vias.slice(1)) headers.append('Via', other);
  return { ...response, headers };
}

function ackForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  const headers = invite.headers.clone();
  headers.delete('via');
  headers.append('Via', invite.headers.get('via')!);
  headers.set('To', response.headers.get('to') ?? invite.headers.get('to')!);
  headers.set('CSeq', `${parseCSeq(invite.headers.get('cseq')!).seq} ACK`);
  headers.delete('content-type');
  headers.delete('subject');
  headers.delete('contact');
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: Buffer.alloc(0) };
}
