/**
 * Test and bench only: a GB/T 28181 device's media side, small. Plays a clip as PS over RTP (one pack
 * per picture, src/media/ps/muxer.ts and rtp-ps-packetizer.ts) in real time: to a UDP port, to a TCP
 * port the recorder listens on (tcp-passive), or on a TCP port of its own that the recorder connects
 * to (tcp-active, RFC 4571 framing on TCP). Faults: random garbage, truncated pictures, a stall.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { GbMediaTransport } from '../../src/gb28181/media-session.ts';
import { muxPsPicture } from '../../src/media/ps/muxer.ts';
import { packetizePs } from '../../src/media/ps/rtp-ps-packetizer.ts';
import { frameTimestamp, type Clip } from '../../src/media/simulator/clip.ts';

export type PsSenderFault = 'none' | 'garbage' | 'truncate' | 'stall';

export interface PsSenderOptions {
  clip: Clip;
  transport: GbMediaTransport;
  /** udp and tcp-passive: where the recorder receives. */
  target?: { host: string; port: number };
  ssrc: number;
  fault?: PsSenderFault;
}

export class PsSender {
  framesSent = 0;
  private frame = 0;
  private sequence = 1000;
  private startMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private udp: UdpSocket | undefined;
  private tcp: Socket | undefined;
  private server: Server | undefined;
  private fault: PsSenderFault;
  /** Packs of the clip's frames for the first loop's times; later loops only differ in time (rebuilt then). */
  private readonly packs = new Map<number, Buffer>();

  private constructor(private readonly o: PsSenderOptions) {
    this.fault = o.fault ?? 'none';
  }

  /** Starts sending (udp, tcp-passive) or listening for the recorder (tcp-active: see `port`). */
  static async start(o: PsSenderOptions): Promise<PsSender> {
    const sender = new PsSender(o);
    if (o.transport === 'udp') {
      sender.udp = createSocket('udp4');
      sender.play();
    } else if (o.transport === 'tcp-passive') {
      const target = o.target!;
      sender.tcp = await new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: target.host, port: target.port }, () => resolve(socket));
        socket.once('error', reject);
      });
      sender.tcp.on('error', () => undefined);
      sender.play();
    } else {
      sender.server = createServer((socket) => {
        if (sender.tcp) return void socket.destroy();
        sender.tcp = socket;
        socket.on('error', () => undefined);
        sender.play();
      });
      await new Promise<void>((resolve) => sender.server!.listen(0, '127.0.0.1', resolve));
    }
    return sender;
  }

  /** tcp-active: the port the recorder connects to. */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  setFault(fault: PsSenderFault): void {
    this.fault = fault;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.udp?.close();
    this.udp = undefined;
    this.tcp?.destroy();
    this.server?.close();
  }

  private play(): void {
    this.startMs = performance.now();
    this.timer = setInterval(() => this.tick(), 10);
  }

  private tick(): void {
    const due = Math.floor(((performance.now() - this.startMs) * this.o.clip.fps) / 1000) + 1;
    while (this.frame < due) this.send(this.frame++);
  }

  private send(k: number): void {
    if (this.fault === 'stall') return;
    const clip = this.o.clip;
    const index = k % clip.frames.length;
    const pts = frameTimestamp(clip, k) + 90_000;
    const frame = clip.frames[index]!;
    let pack = k < clip.frames.length ? this.packs.get(index) : undefined;
    if (!pack) {
      pack = muxPsPicture({ codec: clip.codec, nalus: frame.nalus, keyframe: frame.keyframe, parameterSets: clip.parameterSets, pts90k: pts });
      if (k < clip.frames.length) this.packs.set(index, pack);
    }
    const framed = this.o.transport !== 'udp';
    let packets = packetizePs(pack, { sequence: this.sequence, timestamp: pts, ssrc: this.o.ssrc }, { framed });
    this.sequence = (this.sequence + packets.length) & 0xffff;
    if (this.fault === 'truncate' && k % 10 === 5) packets = packets.slice(0, Math.ceil(packets.length / 2));
    if (this.fault === 'garbage') {
      const junk = Buffer.alloc(600 + (k % 7) * 100);
      for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + k * 17) & 0xff;
      // Garbage in a packet of the session (its sequence number counted), and a whole packet of noise.
      const rtp = packetizePs(junk, { sequence: this.sequence, timestamp: pts, ssrc: this.o.ssrc }, { framed })[0]!;
      this.sequence = (this.sequence + 1) & 0xffff;
      packets = [rtp, ...packets, ...(framed ? [] : [junk])];
    }
    for (const packet of packets) this.write(packet);
    this.framesSent++;
  }

  private write(packet: Buffer): void {
    if (this.udp) this.udp.send(packet, this.o.target!.port, this.o.target!.host);
    else if (this.tcp && !this.tcp.destroyed) this.tcp.write(packet);
  }
}
