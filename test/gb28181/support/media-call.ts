/** Test-only: one INVITE dialog from the stand-in platform's side, with the RTP packets that arrive (UDP, or RFC 4571 framed on TCP). */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { newTag, type SipUserAgent } from '../../../src/gb28181/ua/user-agent.ts';

export const PLATFORM_DOMAIN = '3402000000';

/** One INVITE dialog from the platform's side, with what arrived (RTP packets, their PS payloads). */
export class MediaCall {
  readonly packets: Buffer[] = [];
  callId = '';
  answer = '';
  status = 0;
  private fromTag = newTag();
  private toHeader = '';
  private udp?: UdpSocket;
  private server?: Server;
  private socket?: Socket;
  private transport: 'udp' | 'tcp-passive' | 'tcp-active' = 'udp';
  lastPacketAt = 0;

  constructor(
    private readonly ua: SipUserAgent,
    readonly deviceId: string,
    readonly channelId: string,
  ) {}

  async openReceiver(transport: 'udp' | 'tcp-passive' | 'tcp-active'): Promise<number> {
    this.transport = transport;
    if (transport === 'udp') {
      const udp = createSocket('udp4');
      this.udp = udp;
      udp.on('message', (packet) => this.packet(packet));
      await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
      return udp.address().port;
    }
    if (transport === 'tcp-passive') {
      const server = createServer((socket) => this.read(socket));
      this.server = server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      return (server.address() as { port: number }).port;
    }
    return 9;
  }

  async start(sdp: string, ssrc: string): Promise<void> {
    const invite = this.ua.build('INVITE', {
      uri: `sip:${this.channelId}@${PLATFORM_DOMAIN}`,
      to: `<sip:${this.channelId}@${PLATFORM_DOMAIN}>`,
      fromTag: this.fromTag,
      body: Buffer.from(sdp),
      contentType: 'APPLICATION/SDP',
      headers: [
        ['Contact', `<sip:${this.ua.identity.id}@127.0.0.1:${this.ua.channel.local().port}>`],
        ['Subject', `${this.channelId}:${ssrc},${this.ua.identity.id}:0`],
      ],
    });
    this.callId = invite.headers.get('call-id')!;
    const response = await this.ua.send(invite);
    this.status = response.status;
    if (response.status !== 200) return;
    this.answer = response.body.toString('utf8');
    this.toHeader = response.headers.get('to')!;
    const ack = this.ua.build('ACK', { uri: `sip:${this.channelId}@${PLATFORM_DOMAIN}`, callId: this.callId, fromTag: this.fromTag, cseq: Number(invite.headers.get('cseq')!.split(' ')[0]) });
    ack.headers.set('To', this.toHeader);
    this.ua.fire(ack);
    if (this.transport === 'tcp-active') {
      const port = Number(/^m=video (\d+)/m.exec(this.answer)?.[1]);
      const socket = connect({ host: '127.0.0.1', port });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('error', reject);
      });
      this.read(socket);
    }
  }

  /** BYE from the platform; resolves with the device's answer status. */
  async bye(): Promise<number> {
    const bye = this.ua.build('BYE', { uri: `sip:${this.channelId}@${PLATFORM_DOMAIN}`, callId: this.callId, fromTag: this.fromTag });
    bye.headers.set('To', this.toHeader);
    const response = await this.ua.send(bye);
    return response.status;
  }

  /** The PS bytes: RTP payloads in arrival order. */
  psBytes(): Buffer {
    return Buffer.concat(this.packets.map((p) => p.subarray(12 + (p[0]! & 0x0f) * 4)));
  }

  close(): void {
    this.udp?.close();
    this.server?.close();
    this.socket?.destroy();
  }

  private read(socket: Socket): void {
    this.socket = socket;
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2) {
        const length = buf.readUInt16BE(0);
        if (buf.length < 2 + length) break;
        this.packet(buf.subarray(2, 2 + length));
        buf = buf.subarray(2 + length);
      }
    });
  }

  private packet(packet: Buffer): void {
    this.packets.push(Buffer.from(packet));
    this.lastPacketAt = Date.now();
  }
}
