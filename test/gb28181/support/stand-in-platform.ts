/**
 * Test-only: a small GB/T 28181 platform stand-in built on the groundwork codec: a registrar with
 * Digest (the RTSP simulator's verifier), keepalive and alarm bookkeeping, MANSCDP queries that wait
 * for every Response (SumNum), and INVITE with a media receiver over UDP, TCP passive and TCP active.
 */
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { Authenticator } from '../../../src/media/simulator/auth.ts';
import { parseSipDatagram, serializeSip, SipStreamReader, type SipMessage, type SipRequest } from '../../../src/gb28181/sip/message.ts';
import { parseNameAddr } from '../../../src/gb28181/sip/header-values.ts';
import type { Endpoint, SipChannel, SipTransportName } from '../../../src/gb28181/ua/channel.ts';
import { fields, manscdpDocument, nextSn, parseManscdp, textOf, type ManscdpMessage } from '../../../src/gb28181/ua/manscdp.ts';
import { newTag, SipUserAgent } from '../../../src/gb28181/ua/user-agent.ts';
import { MediaCall, PLATFORM_DOMAIN } from './media-call.ts';

export { MediaCall, PLATFORM_DOMAIN } from './media-call.ts';

export const PLATFORM_ID = '34020000002000000001';

export interface PeerState {
  deviceId: string;
  ua: SipUserAgent;
  registered: boolean;
  expires: number;
  registers: number;
  unregistered: boolean;
  keepalives: number;
  /** Every MANSCDP document the peer sent (besides keepalives). */
  documents: ManscdpMessage[];
  byes: string[];
}

type Waiter = { match: (m: ManscdpMessage) => boolean; resolve: () => void };

export class StandInPlatform {
  readonly peers = new Map<string, PeerState>();
  readonly failedAuth: string[] = [];
  malformed = 0;
  /** Fault: leave keepalives unanswered (a platform that lost the device). */
  ignoreKeepalives = false;
  private udp?: UdpSocket;
  private tcp?: Server;
  private readonly udpPeers = new Map<string, { channel: SipChannel; deliver(m: SipMessage): void }>();
  private readonly sockets = new Set<Socket>();
  private readonly waiters: Waiter[] = [];
  private readonly auth = new Map<string, Authenticator>();
  port = 0;

  constructor(
    readonly transport: SipTransportName,
    readonly password: string,
    readonly options: { qop?: boolean; id?: string; expires?: number } = {},
  ) {}

  get id(): string {
    return this.options.id ?? PLATFORM_ID;
  }

  static async start(transport: SipTransportName, password: string, options: { qop?: boolean; id?: string; expires?: number } = {}): Promise<StandInPlatform> {
    const platform = new StandInPlatform(transport, password, options);
    await platform.listen();
    return platform;
  }

  private async listen(): Promise<void> {
    if (this.transport === 'UDP') {
      const udp = createSocket('udp4');
      this.udp = udp;
      udp.on('message', (data, rinfo) => this.udpMessage(data, rinfo));
      await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
      this.port = udp.address().port;
      return;
    }
    const tcp = createServer((socket) => this.tcpConnection(socket));
    this.tcp = tcp;
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', () => resolve()));
    this.port = (tcp.address() as { port: number }).port;
  }

  private udpMessage(data: Buffer, rinfo: RemoteInfo): void {
    let message: SipMessage;
    try {
      message = parseSipDatagram(data);
    } catch {
      this.malformed++;
      return;
    }
    const key = `${rinfo.address}:${rinfo.port}`;
    let peer = this.udpPeers.get(key);
    if (!peer) {
      const listeners: Array<(m: SipMessage) => void> = [];
      const udp = this.udp!;
      const channel: SipChannel = {
        transport: 'UDP',
        stats: { malformed: 0, connects: 1 },
        local: () => ({ host: '127.0.0.1', port: this.port }),
        send: (m) => udp.send(serializeSip(m), rinfo.port, rinfo.address),
        sendRaw: (b) => udp.send(b, rinfo.port, rinfo.address),
        onMessage: (l) => void listeners.push(l),
        close: async () => undefined,
      };
      peer = { channel, deliver: (m) => listeners.forEach((l) => l(m)) };
      this.udpPeers.set(key, peer);
      this.attach(channel, { host: rinfo.address, port: rinfo.port });
    }
    peer.deliver(message);
  }

  private tcpConnection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const listeners: Array<(m: SipMessage) => void> = [];
    const channel: SipChannel = {
      transport: 'TCP',
      stats: { malformed: 0, connects: 1 },
      local: () => ({ host: '127.0.0.1', port: this.port }),
      send: (m) => void socket.write(serializeSip(m)),
      sendRaw: (b) => void socket.write(b),
      onMessage: (l) => void listeners.push(l),
      close: async () => void socket.destroy(),
    };
    const reader = new SipStreamReader();
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const m of reader.feed(chunk)) listeners.forEach((l) => l(m));
      } catch {
        this.malformed++;
        socket.destroy();
      }
    });
    this.attach(channel, { host: socket.remoteAddress!, port: socket.remotePort! });
  }

  /** A UA per connection (TCP) or source address (UDP); it learns the device's code from the first request. */
  private attach(channel: SipChannel, from: Endpoint): void {
    const ua = new SipUserAgent(channel, { id: this.id, domain: this.id.slice(0, 10), userAgent: 'stand-in platform' }, { id: 'unknown', host: from.host, port: from.port });
    ua.onRequest((request) => this.handle(ua, request));
  }

  private peerOf(ua: SipUserAgent, request: SipRequest): PeerState {
    const deviceId = parseNameAddr(request.headers.get('from')!).user ?? 'unknown';
    let peer = this.peers.get(deviceId);
    if (!peer || peer.ua !== ua) {
      (ua.peer as { id: string }).id = deviceId;
      peer = { deviceId, ua, registered: false, expires: 0, registers: 0, unregistered: false, keepalives: peer?.keepalives ?? 0, documents: peer?.documents ?? [], byes: peer?.byes ?? [] };
      this.peers.set(deviceId, peer);
    }
    return peer;
  }

  private handle(ua: SipUserAgent, request: SipRequest): void {
    // In a dialog the device writes the channel's code in From: the connection says which device it is.
    const known = [...this.peers.values()].find((p) => p.ua === ua);
    const peer = request.method === 'BYE' && known ? known : this.peerOf(ua, request);
    if (request.method === 'REGISTER') {
      let auth = this.auth.get(peer.deviceId);
      if (!auth) {
        auth = new Authenticator({ user: peer.deviceId, password: this.password, scheme: 'digest', realm: PLATFORM_DOMAIN, ...(this.options.qop ? { qop: true } : {}) });
        this.auth.set(peer.deviceId, auth);
      }
      const authorization = request.headers.get('authorization');
      if (!auth.verify('REGISTER', authorization)) {
        if (authorization) this.failedAuth.push(peer.deviceId);
        ua.reply(request, 401, { toTag: newTag(), headers: [['WWW-Authenticate', auth.challenge()]] });
        return;
      }
      const expires = Number(request.headers.get('expires') ?? '3600');
      peer.registers++;
      peer.expires = expires;
      peer.registered = expires > 0;
      if (expires === 0) peer.unregistered = true;
      const granted = this.options.expires ?? expires;
      ua.reply(request, 200, { toTag: newTag(), headers: [['Expires', String(expires === 0 ? 0 : granted)], ['Date', new Date().toISOString().slice(0, 23)]] });
      return;
    }
    if (request.method === 'MESSAGE') {
      let doc: ManscdpMessage;
      try {
        doc = parseManscdp(request.body);
      } catch {
        ua.reply(request, 400);
        return;
      }
      if (doc.cmdType === 'Keepalive' && this.ignoreKeepalives) return;
      ua.reply(request, 200);
      if (doc.cmdType === 'Keepalive') peer.keepalives++;
      else peer.documents.push(doc);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(doc)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      return;
    }
    if (request.method === 'BYE') {
      peer.byes.push(request.headers.get('call-id')!);
      ua.reply(request, 200);
      return;
    }
    ua.reply(request, 405);
  }

  peer(deviceId: string): PeerState {
    const peer = this.peers.get(deviceId);
    if (!peer) throw new Error(`${deviceId} never reached the stand-in`);
    return peer;
  }

  /** Resolves when `test` holds (polling), or rejects after `timeoutMs`. */
  async until(test: () => boolean, timeoutMs = 5000): Promise<void> {
    const start = Date.now();
    while (!test()) {
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends a Query and collects Response documents with its SN until SumNum items (or one document without SumNum). */
  async query(deviceId: string, cmdType: string, extra: Record<string, string | number> = {}, options: { target?: string; listName?: string; timeoutMs?: number } = {}): Promise<ManscdpMessage[]> {
    const peer = this.peer(deviceId);
    const sn = nextSn();
    const got: ManscdpMessage[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${cmdType}: only ${got.length} responses`)), options.timeoutMs ?? 5000);
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      const listName = options.listName ?? (cmdType === 'Catalog' ? 'DeviceList' : cmdType === 'RecordInfo' ? 'RecordList' : null);
      const waiter: Waiter = {
        match: (m) => {
          if (m.cmdType !== cmdType || m.sn !== String(sn)) return false;
          got.push(m);
          const sum = Number(textOf(m.body, 'SumNum'));
          if (!listName || !Number.isFinite(sum)) return true;
          const count = got.reduce((n, d) => n + itemsOf(d, listName).length, 0);
          return count >= sum;
        },
        resolve: finish,
      };
      this.waiters.push(waiter);
    });
    const body = manscdpDocument('Query', cmdType, sn, options.target ?? deviceId, fields(extra));
    done.catch(() => undefined);
    const response = await peer.ua.request('MESSAGE', { body, to: `<sip:${deviceId}@${PLATFORM_DOMAIN}>`, timeoutMs: options.timeoutMs ?? 5000 });
    if (response.status !== 200) throw new Error(`${cmdType} answered ${response.status}`);
    await done;
    return got;
  }

  async control(deviceId: string, channelId: string, ptzCmd: string): Promise<ManscdpMessage> {
    const peer = this.peer(deviceId);
    const sn = nextSn();
    const done = new Promise<ManscdpMessage>((resolve) => {
      let found: ManscdpMessage | undefined;
      this.waiters.push({ match: (m) => m.cmdType === 'DeviceControl' && m.sn === String(sn) && Boolean((found = m)), resolve: () => resolve(found!) });
    });
    const body = manscdpDocument('Control', 'DeviceControl', sn, channelId, fields({ PTZCmd: ptzCmd }));
    await peer.ua.request('MESSAGE', { body });
    return done;
  }

  /** INVITE a channel with a receiver of the given kind, ACK, and collect the RTP packets that arrive. */
  async invite(deviceId: string, channelId: string, transport: 'udp' | 'tcp-passive' | 'tcp-active', options: { ssrc?: string; session?: 'Play' | 'Playback' } = {}): Promise<MediaCall> {
    const peer = this.peer(deviceId);
    const call = new MediaCall(peer.ua, deviceId, channelId);
    const port = await call.openReceiver(transport);
    const ssrc = options.ssrc ?? '0100000001';
    const tcp = transport !== 'udp';
    const sdp = [
      'v=0',
      `o=${this.id} 0 0 IN IP4 127.0.0.1`,
      `s=${options.session ?? 'Play'}`,
      ...(options.session === 'Playback' ? [`u=${channelId}:0`] : []),
      'c=IN IP4 127.0.0.1',
      options.session === 'Playback' ? `t=${Math.floor(Date.now() / 1000) - 600} ${Math.floor(Date.now() / 1000)}` : 't=0 0',
      `m=video ${port} ${tcp ? 'TCP/RTP/AVP' : 'RTP/AVP'} 96 98 97`,
      'a=recvonly',
      'a=rtpmap:96 PS/90000',
      'a=rtpmap:98 H264/90000',
      'a=rtpmap:97 MPEG4/90000',
      ...(tcp ? [`a=setup:${transport === 'tcp-passive' ? 'passive' : 'active'}`, 'a=connection:new'] : []),
      `y=${ssrc}`,
    ].join('\r\n');
    await call.start(sdp, ssrc);
    return call;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.udp) await new Promise<void>((resolve) => this.udp!.close(() => resolve()));
    if (this.tcp) await new Promise<void>((resolve) => this.tcp!.close(() => resolve()));
  }
}

export function itemsOf(doc: ManscdpMessage, listName: string): Record<string, unknown>[] {
  const list = doc.body[listName] as { Item?: unknown } | undefined | string;
  if (!list || typeof list !== 'object' || list.Item === undefined) return [];
  return (Array.isArray(list.Item) ? list.Item : [list.Item]) as Record<string, unknown>[];
}
