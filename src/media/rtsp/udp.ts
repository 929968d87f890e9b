/** The two UDP sockets of an RTP/AVP unicast session: RTP on an even port, RTCP on the next. */
import dgram from 'node:dgram';
import net from 'node:net';
import { RtspError } from './errors.ts';

const ATTEMPTS = 20;

function bind(type: 'udp4' | 'udp6', port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type, recvBufferSize: 4 * 1024 * 1024 });
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.bind(port, () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

export class UdpPair {
  private constructor(
    readonly rtp: dgram.Socket,
    readonly rtcp: dgram.Socket,
  ) {}

  static async open(remoteAddress: string | undefined): Promise<UdpPair> {
    const type = remoteAddress && net.isIPv6(remoteAddress) && !remoteAddress.startsWith('::ffff:') ? 'udp6' : 'udp4';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const rtp = await bind(type, 0);
      const port = rtp.address().port;
      if (port % 2 !== 0 || port === 65535) {
        rtp.close();
        continue;
      }
      try {
        return new UdpPair(rtp, await bind(type, port + 1));
      } catch {
        rtp.close();
      }
    }
    throw new RtspError('E_RTSP_TRANSPORT', 'no free pair of UDP ports for RTP and RTCP');
  }

  get ports(): [number, number] {
    return [this.rtp.address().port, this.rtcp.address().port];
  }

  /** Delivers datagrams from `source` only, so nobody else can inject packets into the recording. */
  listen(source: string | undefined, onPacket: (channel: 0 | 1, payload: Buffer) => void): void {
    const expected = source?.replace(/^::ffff:/, '');
    const accept = (address: string) => expected === undefined || address.replace(/^::ffff:/, '') === expected;
    this.rtp.on('message', (payload, info) => accept(info.address) && onPacket(0, payload));
    this.rtcp.on('message', (payload, info) => accept(info.address) && onPacket(1, payload));
    this.rtp.on('error', () => undefined);
    this.rtcp.on('error', () => undefined);
  }

  private closed = false;

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.rtp.close();
    this.rtcp.close();
  }
}
