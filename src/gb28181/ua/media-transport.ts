/**
 * The sending side's media transport for an INVITE's offer (GB/T 28181-2022 §9.2): a UDP socket to
 * the offered address; on TCP the role opposite to the offer's a=setup: the platform passive, we
 * connect to its port (announcing port 9, RFC 4145); the platform active, we listen and announce our port.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import type { GbSdpOffer, SdpSetup } from './sdp.ts';

export type PsSink = { kind: 'udp'; socket: UdpSocket; host: string; port: number } | { kind: 'tcp'; socket: Socket };

export interface PreparedMedia {
  /** The port for our SDP answer's m= line. */
  port: number;
  /** Our a=setup (TCP) or null (UDP). */
  setup: SdpSetup | null;
  /** After ACK: the sink to send to (a TCP connection made or accepted). */
  connect(): Promise<PsSink>;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;

export async function prepareMediaTransport(offer: GbSdpOffer, localHost: string): Promise<PreparedMedia> {
  if (!offer.tcp) {
    const udp = createSocket('udp4');
    udp.on('error', () => undefined);
    await new Promise<void>((resolve) => udp.bind(0, localHost, () => resolve()));
    let closed = false;
    return {
      port: udp.address().port,
      setup: null,
      connect: async () => ({ kind: 'udp', socket: udp, host: offer.host, port: offer.port }),
      close: () => {
        if (!closed) udp.close();
        closed = true;
      },
    };
  }
  let socket: Socket | undefined;
  if (offer.setup === 'active') {
    const server = createServer();
    // The platform may connect before our side handles its ACK: take the connection as it comes.
    const accepted = new Promise<Socket>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the platform did not connect')), CONNECT_TIMEOUT_MS);
      server.once('connection', (s: Socket) => {
        clearTimeout(timer);
        server.close();
        resolve(s);
      });
      server.once('close', () => reject(new Error('closed')));
    });
    accepted.catch(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, localHost, () => resolve()));
    return {
      port: (server.address() as { port: number }).port,
      setup: 'passive',
      connect: async () => {
        socket = await accepted;
        socket.on('error', () => undefined);
        return { kind: 'tcp', socket };
      },
      close: () => {
        server.close();
        socket?.destroy();
      },
    };
  }
  return {
    port: 9,
    setup: 'active',
    connect: async () => {
      const s = await new Promise<Socket>((resolve, reject) => {
        const c = connect({ host: offer.host, port: offer.port, timeout: CONNECT_TIMEOUT_MS });
        c.once('connect', () => resolve(c));
        c.once('error', reject);
        c.once('timeout', () => reject(new Error('connect timed out')));
      });
      s.setTimeout(0);
      s.on('error', () => undefined);
      socket = s;
      return { kind: 'tcp', socket: s };
    },
    close: () => {
      socket?.end();
      socket?.destroy();
    },
  };
}
