/**
 * One SIP connection to one peer (a platform): a UDP socket (one message per datagram) or a TCP
 * connection framed by Content-Length (RFC 3261 §18.3), reconnected on the next send when it dropped.
 * Malformed input is counted and dropped; on TCP the connection is closed, as it cannot resynchronise.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { parseSipDatagram, serializeSip, SipStreamReader, type SipMessage } from '../sip/message.ts';

export type SipTransportName = 'UDP' | 'TCP';

export interface Endpoint {
  host: string;
  port: number;
}

export interface SipChannel {
  readonly transport: SipTransportName;
  /** Our address as the peer sees it on loopback or a flat network (Via and Contact use it). */
  local(): Endpoint;
  send(message: SipMessage): void;
  /** Bytes as they are (fault injection: garbage datagrams). */
  sendRaw(bytes: Buffer): void;
  onMessage(listener: (message: SipMessage) => void): void;
  /** Input that did not parse. */
  readonly stats: { malformed: number; connects: number };
  close(): Promise<void>;
}

export async function openSipChannel(transport: SipTransportName, peer: Endpoint, localHost = '0.0.0.0'): Promise<SipChannel> {
  return transport === 'UDP' ? openUdp(peer, localHost) : openTcp(peer, localHost);
}

async function openUdp(peer: Endpoint, localHost: string): Promise<SipChannel> {
  const socket: UdpSocket = createSocket(peer.host.includes(':') ? 'udp6' : 'udp4');
  const listeners: Array<(m: SipMessage) => void> = [];
  const stats = { malformed: 0, connects: 1 };
  socket.on('message', (data) => {
    let message: SipMessage;
    try {
      message = parseSipDatagram(data);
    } catch {
      stats.malformed++;
      return;
    }
    for (const listener of listeners) listener(message);
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, localHost, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const announced = isWildcard(localHost) ? await routeAddressTo(peer) : localHost;
  let closed = false;
  const send = (bytes: Buffer) => {
    if (!closed) socket.send(bytes, peer.port, peer.host);
  };
  return {
    transport: 'UDP',
    stats,
    local: () => ({ host: announced ?? localAddress(socket.address().address, peer.host), port: socket.address().port }),
    send: (message) => send(serializeSip(message)),
    sendRaw: send,
    onMessage: (listener) => void listeners.push(listener),
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}

async function openTcp(peer: Endpoint, localHost: string): Promise<SipChannel> {
  const listeners: Array<(m: SipMessage) => void> = [];
  const stats = { malformed: 0, connects: 0 };
  let socket: Socket | undefined;
  let closed = false;
  const dial = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const s = connect({ host: peer.host, port: peer.port, ...(localHost !== '0.0.0.0' ? { localAddress: localHost } : {}) });
      const reader = new SipStreamReader();
      s.setNoDelay(true);
      s.once('error', reject);
      s.once('connect', () => {
        s.off('error', reject);
        s.on('error', () => undefined);
        stats.connects++;
        resolve(s);
      });
      s.on('data', (chunk: Buffer) => {
        let messages: SipMessage[];
        try {
          messages = reader.feed(chunk);
        } catch {
          stats.malformed++;
          s.destroy();
          return;
        }
        for (const message of messages) for (const listener of listeners) listener(message);
      });
      s.on('close', () => {
        if (socket === s) socket = undefined;
      });
    });
  // A superior that is down now is dialled again on the next send (the next REGISTER try).
  socket = await dial().catch(() => undefined);
  const send = (bytes: Buffer) => {
    if (closed) return;
    if (socket && !socket.destroyed) {
      socket.write(bytes);
      return;
    }
    void dial()
      .then((s) => {
        if (closed) s.destroy();
        else {
          socket = s;
          s.write(bytes);
        }
        return undefined;
      })
      .catch(() => undefined);
  };
  return {
    transport: 'TCP',
    stats,
    local: () => ({ host: localAddress(socket?.localAddress ?? localHost, peer.host), port: socket?.localPort ?? 0 }),
    send: (message) => send(serializeSip(message)),
    sendRaw: send,
    onMessage: (listener) => void listeners.push(listener),
    close: async () => {
      closed = true;
      const s = socket;
      socket = undefined;
      if (s && !s.destroyed) await new Promise<void>((resolve) => s.end(() => resolve()));
      s?.destroy();
    },
  };
}

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::';

/** The local address the system routes to `peer` from (a connected UDP socket sends nothing). */
async function routeAddressTo(peer: Endpoint): Promise<string | undefined> {
  const probe = createSocket(peer.host.includes(':') ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.connect(peer.port, peer.host, () => resolve());
    });
    return probe.address().address;
  } catch {
    return undefined;
  } finally {
    probe.close();
  }
}

/** A wildcard bind says nothing the peer can reach us at: name the loopback when the peer is local. */
function localAddress(bound: string, peerHost: string): string {
  if (bound !== '0.0.0.0' && bound !== '::') return bound.replace(/^::ffff:/, '');
  return peerHost === '127.0.0.1' || peerHost === 'localhost' ? '127.0.0.1' : bound;
}
