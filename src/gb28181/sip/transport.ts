/**
 * SIP over UDP and TCP on one port (RFC 3261 §18): one UDP socket, one TCP listener. A request to a
 * device goes out over the transport and to the address its messages came from (RFC 3581: the source
 * address and port, whatever its Via says, so that devices behind NAT are reached); TCP connections are
 * kept per peer and reused. A malformed message is counted and dropped (on TCP the connection closes:
 * the stream cannot be resynchronised); nothing a peer sends throws out of here.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { DEFAULT_SIP_LIMITS, parseSipDatagram, serializeSip, SipStreamReader, type SipLimits, type SipMessage } from './message.ts';

export type SipTransportName = 'UDP' | 'TCP';

export interface SipPeer {
  transport: SipTransportName;
  host: string;
  port: number;
}

export const peerKey = (peer: SipPeer): string => `${peer.transport}:${peer.host}:${peer.port}`;

export interface SipTransportOptions {
  host: string;
  port: number;
  limits?: SipLimits;
  onMessage: (message: SipMessage, peer: SipPeer) => void;
  /** A message that could not be read (already counted); for logs. */
  onMalformed?: (peer: SipPeer, error: unknown) => void;
}

export interface SipTransportStats {
  received: number;
  sent: number;
  malformed: number;
  tcpConnections: number;
}

const TCP_IDLE_MS = 10 * 60_000;

export class SipTransport {
  private udp: UdpSocket | undefined;
  private tcp: Server | undefined;
  private readonly connections = new Map<string, Socket>();
  private boundPort = 0;
  readonly stats: SipTransportStats = { received: 0, sent: 0, malformed: 0, tcpConnections: 0 };

  constructor(private readonly options: SipTransportOptions) {}

  /** The bound port (UDP and TCP alike), once started. */
  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<void> {
    // Port 0: the UDP socket picks one and TCP takes the same; a clash (rare) retries with a fresh pair.
    for (let attempt = 0; ; attempt++) {
      const udp = await this.bindUdp(this.options.port);
      const port = udp.address().port;
      try {
        this.tcp = await this.listenTcp(port);
        this.udp = udp;
        this.boundPort = port;
        return;
      } catch (error) {
        udp.close();
        if (this.options.port !== 0 || attempt >= 5) throw error;
      }
    }
  }

  async close(): Promise<void> {
    for (const socket of this.connections.values()) socket.destroy();
    this.connections.clear();
    await new Promise<void>((resolve) => (this.udp ? this.udp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve()));
    this.udp = undefined;
    this.tcp = undefined;
  }

  /** Sends over the peer's transport; TCP reuses the peer's connection or opens one. */
  async send(peer: SipPeer, message: SipMessage): Promise<void> {
    const bytes = serializeSip(message);
    if (peer.transport === 'UDP') {
      const udp = this.udp;
      if (!udp) throw new Error('SIP transport is not started');
      await new Promise<void>((resolve, reject) => udp.send(bytes, peer.port, peer.host, (error) => (error ? reject(error) : resolve())));
    } else {
      const socket = this.connections.get(peerKey(peer)) ?? (await this.connect(peer));
      await new Promise<void>((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve())));
    }
    this.stats.sent++;
  }

  private bindUdp(port: number): Promise<UdpSocket> {
    return new Promise((resolve, reject) => {
      const socket = createSocket({ type: this.options.host.includes(':') ? 'udp6' : 'udp4' });
      socket.once('error', reject);
      socket.bind(port, this.options.host, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        socket.on('message', (data, remote) => this.receiveDatagram(data, { transport: 'UDP', host: remote.address, port: remote.port }));
        resolve(socket);
      });
    });
  }

  private listenTcp(port: number): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.adopt(socket));
      server.once('error', reject);
      server.listen(port, this.options.host, () => {
        server.off('error', reject);
        server.on('error', () => undefined);
        resolve(server);
      });
    });
  }

  private connect(peer: SipPeer): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: peer.host, port: peer.port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        this.adopt(socket);
        resolve(socket);
      });
    });
  }

  private adopt(socket: Socket): void {
    const peer: SipPeer = { transport: 'TCP', host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    const key = peerKey(peer);
    this.connections.get(key)?.destroy();
    this.connections.set(key, socket);
    this.stats.tcpConnections++;
    const reader = new SipStreamReader(this.options.limits ?? DEFAULT_SIP_LIMITS);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.connections.get(key) === socket) this.connections.delete(key);
    });
    socket.on('data', (chunk: Buffer) => {
      let messages: SipMessage[];
      try {
        messages = reader.feed(chunk);
      } catch (error) {
        this.malformed(peer, error);
        socket.destroy();
        return;
      }
      for (const message of messages) this.deliver(message, peer);
    });
  }

  private receiveDatagram(data: Buffer, peer: SipPeer): void {
    // A bare CRLF (RFC 5626 keep-alive) is not a message.
    if (data.every((byte) => byte === 0x0d || byte === 0x0a)) return;
    let message: SipMessage;
    try {
      message = parseSipDatagram(data, this.options.limits ?? DEFAULT_SIP_LIMITS);
    } catch (error) {
      this.malformed(peer, error);
      return;
    }
    this.deliver(message, peer);
  }

  private deliver(message: SipMessage, peer: SipPeer): void {
    this.stats.received++;
    try {
      this.options.onMessage(message, peer);
    } catch (error) {
      // The handler's own failure (e.g. a header value it could not read) is that message's problem only.
      this.malformed(peer, error);
    }
  }

  private malformed(peer: SipPeer, error: unknown): void {
    this.stats.malformed++;
    try {
      this.options.onMalformed?.(peer, error);
    } catch {
      // a logger's failure is not the peer's
    }
  }
}
