/**
 * RTSP client for one camera (RFC 2326): OPTIONS → DESCRIBE → SETUP → PLAY, then RTP/RTCP as
 * events, keep-alives, a data watchdog, and TEARDOWN on stop. Every request has a timeout.
 */
import { EventEmitter } from 'node:events';
import { VERSION } from '../../version.ts';
import { Authenticator } from './auth.ts';
import { RtspConnection } from './connection.ts';
import { RtspError, reasonOf } from './errors.ts';
import { parsePortPair, parseSessionHeader, parseTransportHeader } from './headers.ts';
import type { RtspRequestEvent, RtspResponseEvent } from './message.ts';
import { describeSdp, type DescribedTrack } from './sdp.ts';
import { UdpPair } from './udp.ts';
import { parseRtspUrl, type RtspTarget } from './url.ts';

export interface RtspClientOptions {
  /** rtsp://[user:pass@]host[:port]/path; the credentials never go on the wire in clear or into logs. */
  url: string;
  transport?: 'tcp' | 'udp';
  /** Per request and for the TCP connect. */
  timeoutMs?: number;
  /** Default: half the Session timeout the server announces (60 s when it announces none). */
  keepAliveMs?: number;
  /** No RTP for this long while playing is a stall (detected within one to two periods). */
  dataTimeoutMs?: number;
  userAgent?: string;
  /**
   * Read with one buffer per thread, reused for every read (see RtspConnection): `rtp` and `rtcp`
   * payloads are then only valid while the event is emitted, and listeners must copy what they keep.
   */
  reuseReadBuffer?: boolean;
  /** Refuses a target before each connection, the first and a redirect's (e.g. the camera source address policy). */
  checkTarget?: (url: string) => Promise<void>;
}

export type RtspClientState = 'idle' | 'starting' | 'playing' | 'closed';

export interface RtspClientEvents {
  described: [track: DescribedTrack];
  playing: [];
  rtp: [payload: Buffer, channel: number];
  rtcp: [payload: Buffer, channel: number];
  /** Emitted only while someone listens; `closed` always follows with the reason. */
  error: [error: Error];
  closed: [info: { reason: string }];
  /** A keep-alive timed out while media kept arriving (counted in stats.keepAlivesUnanswered; the session goes on). */
  keepAliveUnanswered: [];
}

const TEARDOWN_TIMEOUT_MS = 1000;

export class RtspClient extends EventEmitter<RtspClientEvents> {
  state: RtspClientState = 'idle';
  track: DescribedTrack | undefined;
  /** keepAlivesUnanswered: keep-alives that timed out while media kept arriving (not fatal: the session is alive). */
  readonly stats = { rtpPackets: 0, rtcpPackets: 0, rtpBytes: 0, ignoredFrames: 0, keepAlivesUnanswered: 0 };

  private target: RtspTarget;
  private auth: Authenticator | undefined;
  private conn: RtspConnection | undefined;
  private udp: UdpPair | undefined;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private session: string | undefined;
  private sessionTimeoutSec = 60;
  private presentation = '';
  private channels: [number, number] = [0, 1];
  private keepAliveMethod = 'OPTIONS';
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: RtspClientOptions) {
    super();
    this.target = parseRtspUrl(options.url);
    this.auth = this.target.credentials && new Authenticator(this.target.credentials);
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.userAgent = options.userAgent ?? `Custos/${VERSION}`;
  }

  /** The URL without credentials, safe to show. */
  get url(): string {
    return this.target.url;
  }

  /** Bytes of garbage the control connection skipped. */
  get skippedBytes(): number {
    return this.conn?.skippedBytes ?? 0;
  }

  /** Resolves once PLAY is answered; rejects with an RtspError (and emits `closed`) otherwise. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new RtspError('E_RTSP_PROTOCOL', `start() in state ${this.state}`);
    this.state = 'starting';
    try {
      await this.handshake(false);
    } catch (error) {
      const failure = this.isClosed() ? new RtspError('E_RTSP_NETWORK', 'stopped while starting') : error;
      this.shutdown(reasonOf(failure));
      throw failure;
    }
    if (this.isClosed()) throw new RtspError('E_RTSP_NETWORK', 'stopped while starting');
    this.state = 'playing';
    this.startTimers();
    this.emit('playing');
  }

  /** Sends TEARDOWN (briefly waiting for the answer) and closes. Never rejects. */
  async stop(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'playing' && this.conn && this.session) {
      const timeoutMs = Math.min(this.timeoutMs, TEARDOWN_TIMEOUT_MS);
      await this.conn.request('TEARDOWN', this.presentation, this.headers('TEARDOWN', this.presentation), timeoutMs, { patientWhileReceiving: false }).catch(() => undefined);
    }
    this.shutdown('stopped');
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private async handshake(redirected: boolean): Promise<void> {
    await this.options.checkTarget?.(this.target.url);
    const connection = await RtspConnection.connect(this.target.host, this.target.port, this.timeoutMs, {
      onInterleaved: (channel, payload) => this.onMedia(channel, payload),
      onClose: (error) => {
        if (connection === this.conn) this.onConnectionClosed(error);
      },
      onServerRequest: (request) => this.onServerRequest(connection, request),
    }, { reuseReadBuffer: this.options.reuseReadBuffer });
    if (this.isClosed()) {
      connection.close();
      return;
    }
    this.conn = connection;

    const options = await this.exchange('OPTIONS', this.target.url);
    if (this.followRedirect(options, redirected)) return this.handshake(true);
    const methods = (options.headers.get('public') ?? '').toUpperCase();
    if (methods.includes('GET_PARAMETER')) this.keepAliveMethod = 'GET_PARAMETER';

    const described = await this.exchange('DESCRIBE', this.target.url, { Accept: 'application/sdp' });
    if (this.followRedirect(described, redirected)) return this.handshake(true);
    expectOk(described, 'DESCRIBE');
    const base = absolute(described.headers.get('content-base')) ?? absolute(described.headers.get('content-location')) ?? this.target.url;
    const { presentation, video } = describeSdp(described.body.toString('utf8'), base);
    if (!video) throw new RtspError('E_RTSP_NO_TRACK', 'the camera offers no H.264 or H.265 video track');
    this.presentation = presentation;
    this.track = video;
    this.emit('described', video);

    await this.setup(video.control);
    expectOk(await this.exchange('PLAY', presentation, { Range: 'npt=0.000-' }), 'PLAY');
  }

  private async setup(control: string): Promise<void> {
    let transport = 'RTP/AVP/TCP;unicast;interleaved=0-1';
    if (this.options.transport === 'udp') {
      this.udp = await UdpPair.open(this.conn?.remoteAddress);
      if (this.isClosed()) this.udp.close();
      const [rtp, rtcp] = this.udp.ports;
      transport = `RTP/AVP;unicast;client_port=${rtp}-${rtcp}`;
      this.udp.listen(this.conn?.remoteAddress, (channel, payload) => this.onMedia(this.channels[channel], payload));
    }
    const response = await this.exchange('SETUP', control, { Transport: transport });
    if (response.status === 461) throw new RtspError('E_RTSP_TRANSPORT', `the camera refuses ${this.options.transport ?? 'tcp'} transport`, 461);
    expectOk(response, 'SETUP');
    const session = response.headers.get('session');
    if (!session) throw new RtspError('E_RTSP_PROTOCOL', 'SETUP answered without a Session header');
    const parsed = parseSessionHeader(session);
    this.session = parsed.id;
    this.sessionTimeoutSec = parsed.timeoutSec;
    const params = parseTransportHeader(response.headers.get('transport') ?? '');
    if (params.has('interleaved')) {
      this.udp?.close();
      this.udp = undefined;
      this.channels = parsePortPair(params.get('interleaved')) ?? [0, 1];
    } else if (!this.udp) {
      throw new RtspError('E_RTSP_TRANSPORT', 'the camera answered TCP SETUP without interleaved channels');
    }
  }

  /** A request with the common headers; a 401 is answered once with the challenge's scheme. */
  private async exchange(method: string, url: string, extra: Record<string, string> = {}): Promise<RtspResponseEvent> {
    const conn = this.conn;
    if (!conn) throw new RtspError('E_RTSP_NETWORK', 'not connected');
    const response = await conn.request(method, url, this.headers(method, url, extra), this.timeoutMs);
    if (response.status !== 401) return response;
    if (!this.auth) throw new RtspError('E_RTSP_AUTH', `${method}: the camera requires credentials and the URL has none`, 401);
    if (!this.auth.accept(response.headers.getAll('www-authenticate'))) throw new RtspError('E_RTSP_AUTH', `${method}: no supported authentication scheme offered`, 401);
    const retried = await conn.request(method, url, this.headers(method, url, extra), this.timeoutMs);
    if (retried.status === 401) throw new RtspError('E_RTSP_AUTH', `${method}: credentials refused`, 401);
    return retried;
  }

  private headers(method: string, url: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
    return { 'User-Agent': this.userAgent, Authorization: this.auth?.authorization(method, url), Session: this.session, ...extra };
  }

  /** Follows a 3xx with Location once: a new connection to the new URL, the steps again. */
  private followRedirect(response: RtspResponseEvent, redirected: boolean): boolean {
    if (response.status < 300 || response.status > 399) return false;
    const location = response.headers.get('location');
    if (!location) return false;
    if (redirected) throw new RtspError('E_RTSP_REDIRECT', 'redirected more than once', response.status);
    let next: RtspTarget;
    try {
      next = parseRtspUrl(new URL(location, this.target.url).toString());
    } catch {
      throw new RtspError('E_RTSP_REDIRECT', 'redirect to an unusable Location', response.status);
    }
    // Credentials follow a redirect only to the same host and port.
    if (next.credentials) this.auth = new Authenticator(next.credentials);
    else if (next.host !== this.target.host || next.port !== this.target.port) this.auth = undefined;
    this.target = next;
    const old = this.conn;
    this.conn = undefined;
    old?.close();
    return true;
  }

  private startTimers(): void {
    const keepAliveMs = this.options.keepAliveMs ?? (this.sessionTimeoutSec * 1000) / 2;
    const keepAlive = setInterval(() => void this.keepAlive(), keepAliveMs);
    const dataTimeoutMs = this.options.dataTimeoutMs ?? 10_000;
    let seen = -1;
    const watchdog = setInterval(() => {
      if (this.stats.rtpPackets !== seen) {
        seen = this.stats.rtpPackets;
        return;
      }
      // Timers run before the poll phase: after a blocked event loop (a busy machine, a long GC) the
      // RTP that came meanwhile is still unread. Judge after the next poll has read it.
      setImmediate(() => {
        if (this.stats.rtpPackets === seen) this.fail(new RtspError('E_RTSP_STALLED', `no RTP for ${dataTimeoutMs} ms`));
      });
    }, dataTimeoutMs);
    this.timers = [keepAlive, watchdog];
  }

  /**
   * A keep-alive that goes unanswered while media keeps arriving is counted, not fatal: the session
   * is alive (a camera whose RTSP handler is busy or deaf); the data watchdog ends it if media stops.
   * A 454 (session lost) or a closed connection ends it.
   */
  private async keepAlive(): Promise<void> {
    const rtpBefore = this.stats.rtpPackets;
    try {
      const response = await this.exchange(this.keepAliveMethod, this.presentation);
      if (response.status === 454) this.fail(new RtspError('E_RTSP_STATUS', 'the camera lost our session (454)', 454));
    } catch (error) {
      if (error instanceof RtspError && error.code === 'E_RTSP_TIMEOUT' && this.stats.rtpPackets !== rtpBefore) {
        this.stats.keepAlivesUnanswered++;
        this.emit('keepAliveUnanswered');
        return;
      }
      this.fail(error);
    }
  }

  private onMedia(channel: number, payload: Buffer): void {
    if (this.state !== 'playing' && this.state !== 'starting') return;
    if (channel === this.channels[0]) {
      this.stats.rtpPackets++;
      this.stats.rtpBytes += payload.length;
      this.emit('rtp', payload, channel);
    } else if (channel === this.channels[1]) {
      this.stats.rtcpPackets++;
      this.emit('rtcp', payload, channel);
    } else {
      this.stats.ignoredFrames++;
    }
  }

  private onServerRequest(connection: RtspConnection, request: RtspRequestEvent): void {
    const harmless = ['OPTIONS', 'GET_PARAMETER', 'SET_PARAMETER'].includes(request.method);
    connection.reply(request, harmless ? 200 : 501, harmless ? 'OK' : 'Not Implemented');
  }

  private onConnectionClosed(error: Error | undefined): void {
    if (this.state === 'playing') this.fail(error ?? new RtspError('E_RTSP_NETWORK', 'connection closed'));
  }

  private fail(error: unknown): void {
    if (this.state === 'closed') return;
    const failure = error instanceof Error ? error : new RtspError('E_RTSP_NETWORK', String(error));
    if (this.listenerCount('error') > 0) this.emit('error', failure);
    this.shutdown(reasonOf(failure));
  }

  private shutdown(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.conn?.close();
    this.udp?.close();
    this.udp = undefined;
    this.emit('closed', { reason });
  }
}

function expectOk(response: RtspResponseEvent, method: string): void {
  if (response.status < 200 || response.status > 299) {
    throw new RtspError('E_RTSP_STATUS', `${method} answered ${response.status} ${response.reason}`.trim(), response.status);
  }
}

function absolute(url: string | undefined): string | undefined {
  return url && /^rtsps?:\/\//i.test(url) ? url : undefined;
}
