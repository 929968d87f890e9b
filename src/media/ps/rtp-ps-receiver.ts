/**
 * Receives PS over RTP from a GB/T 28181 device (GB/T 28181-2022 §9.2, Annex C/D): on a UDP port,
 * on a TCP port it listens on (passive: the device connects), or over a TCP connection it opens to the
 * device (active), TCP packets framed with a 2-byte length (RFC 4571). Packets of another SSRC than
 * the session's are dropped and counted; sequence numbers go through the RTP sequence tracker, and a
 * gap tells the demuxer that bytes are missing. The payloads, in order, are the PS byte stream.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { GbMediaTransport } from '../../gb28181/media-session.ts';
import { parseRtpPacket } from '../rtp/packet.ts';
import { ReorderBuffer } from '../rtp/reorder-buffer.ts';
import { SEQ_RESET, SequenceTracker } from '../rtp/sequence.ts';
import type { AccessUnit, RtpPacket } from '../types.ts';
import { PsDemuxer } from './demuxer.ts';
import { Rfc4571Reader } from './rfc4571-reader.ts';

export interface RtpPsReceiverOptions {
  transport: GbMediaTransport;
  /** Where to listen (udp, tcp-passive); default all IPv4 addresses. */
  bindHost?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  maxPictureBytes?: number;
  onAccessUnits: (units: readonly AccessUnit[], arrivalMs: number) => void;
  now?: () => number;
}

export interface RtpPsReceiverStats {
  packets: number;
  bytes: number;
  /** Packets of another SSRC than the session's. */
  wrongSsrc: number;
  /** Not RTP, or not version 2. */
  malformed: number;
  /** Duplicates and packets too late to be put back in the byte stream. */
  discarded: number;
  /** TCP connections refused because one is already open. */
  extraConnections: number;
}

/** Packets kept while the SSRC is not known yet (the device may send before the INVITE returns here). */
const MAX_EARLY = 512;

export class RtpPsReceiver {
  readonly demuxer: PsDemuxer;
  readonly sequence = new SequenceTracker();
  readonly stats: RtpPsReceiverStats = { packets: 0, bytes: 0, wrongSsrc: 0, malformed: 0, discarded: 0, extraConnections: 0 };
  /** When the last packet of the session arrived (ms), or when the receiver opened. */
  lastPacketMs: number;
  private ssrc: number | undefined;
  private arrivalMs = 0;
  /** UDP may reorder: packets are put back in sequence before their bytes join the PS stream. */
  readonly reorder: ReorderBuffer | undefined;
  private early: Buffer[] = [];
  private udp: UdpSocket | undefined;
  private server: Server | undefined;
  private tcp: Socket | undefined;
  private closed = false;
  private readonly now: () => number;
  private readonly packet: RtpPacket = { version: 2, padding: false, extension: false, marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0, payload: Buffer.alloc(0) };

  constructor(private readonly o: RtpPsReceiverOptions) {
    this.now = o.now ?? Date.now;
    this.lastPacketMs = this.now();
    this.demuxer = new PsDemuxer({ maxPictureBytes: o.maxPictureBytes });
    if (o.transport === 'udp') this.reorder = new ReorderBuffer((packet) => this.read(packet));
  }

  /** Opens the port (udp, tcp-passive); tcp-active opens nothing and answers port 0 until `connect`. */
  async open(): Promise<{ port: number }> {
    const host = this.o.bindHost ?? '0.0.0.0';
    if (this.o.transport === 'udp') {
      const udp = createSocket('udp4');
      this.udp = udp;
      udp.on('message', (message) => this.onPacket(message));
      udp.on('error', () => this.close());
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(this.o.port ?? 0, host, () => {
          udp.off('error', reject);
          resolve();
        });
      });
      try {
        udp.setRecvBufferSize(4 * 1024 * 1024);
      } catch {
        // the system's limit stays
      }
      return { port: udp.address().port };
    }
    if (this.o.transport === 'tcp-passive') {
      const server = createServer((socket) => this.onConnection(socket));
      this.server = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.o.port ?? 0, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return { port: (server.address() as AddressInfo).port };
    }
    return { port: 0 };
  }

  /** tcp-active: connects to where the device listens (its SDP answer). */
  connect(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.off('error', reject);
        this.onConnection(socket);
        resolve();
      });
      socket.once('error', reject);
    });
  }

  /** The session's SSRC (the y= line); packets that came before it are read now. */
  expectSsrc(ssrc: number): void {
    this.ssrc = ssrc >>> 0;
    const early = this.early;
    this.early = [];
    for (const packet of early) this.onPacket(packet);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.udp?.close();
    this.server?.close();
    this.tcp?.destroy();
  }

  private onConnection(socket: Socket): void {
    if (this.tcp || this.closed) {
      this.stats.extraConnections++;
      socket.destroy();
      return;
    }
    this.tcp = socket;
    socket.setNoDelay(true);
    const reader = new Rfc4571Reader((packet) => this.onPacket(packet));
    socket.on('data', (chunk) => reader.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.tcp === socket) this.tcp = undefined;
    });
  }

  private onPacket(data: Buffer): void {
    if (this.closed) return;
    const stats = this.stats;
    if (this.ssrc === undefined) {
      if (this.early.length < MAX_EARLY) this.early.push(data);
      return;
    }
    if (data.length < 12 || data[0]! >>> 6 !== 2) {
      stats.malformed++;
      return;
    }
    if (data.readUInt32BE(8) !== this.ssrc) {
      stats.wrongSsrc++;
      return;
    }
    this.arrivalMs = this.now();
    if (this.reorder) this.reorder.push(data.readUInt16BE(2), data, this.arrivalMs);
    else this.read(data);
  }

  /** A packet of the session, in sequence as far as the reorder buffer could put it. */
  private read(data: Buffer): void {
    const stats = this.stats;
    let packet: RtpPacket;
    try {
      packet = parseRtpPacket(data, this.packet);
    } catch {
      stats.malformed++;
      return;
    }
    stats.packets++;
    stats.bytes += data.length;
    const seq = this.sequence.push(packet.sequenceNumber);
    if (seq < 0 && seq !== SEQ_RESET) {
      stats.discarded++;
      return;
    }
    if (seq !== 0) this.demuxer.lose();
    const now = this.arrivalMs;
    this.lastPacketMs = now;
    const units = this.demuxer.push(packet.payload, now, packet.marker);
    if (units.length > 0) this.o.onAccessUnits(units, now);
  }
}
