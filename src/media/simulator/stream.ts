/**
 * One playing session of a camera: sends each frame when it comes due, stamped with the session's
 * sequence numbers, timestamps and SSRC, plus an RTCP sender report every 5 s.
 */
import type { Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { openDropSpan, type DropSpan, type SimCamera } from './camera.ts';
import { frameTimestamp } from './clip.ts';
import { faultActive, garblePackets } from './faults.ts';
import { INTERLEAVED_HEADER_BYTES, packetCount, stampPackets, type PacketizedFrame } from './packetizer.ts';
import { senderReport } from './rtcp.ts';

export type MediaSink =
  | { kind: 'tcp'; socket: Socket; channel: number }
  | { kind: 'udp'; rtp: UdpSocket; rtcp: UdpSocket; host: string; rtpPort: number; rtcpPort: number };

export type StreamEnd = 'drop' | 'timeout';

export interface StreamOptions {
  sequence: number;
  timestampBase: number;
  ssrc: number;
  cname: string;
  /** A TCP client with more than this waiting in its socket buffer loses frames until it catches up. */
  maxBufferedBytes: number;
  /** No request or RTCP from the client for this long ends the session (0: never). */
  sessionTimeoutMs: number;
  onEnd: (why: StreamEnd) => void;
}

const SENDER_REPORT_MS = 5000;
/** Further behind than this (a blocked event loop), the stream skips ahead instead of bursting. */
const MAX_LATE_MS = 1000;

export class MediaStream {
  lastActivityMs = performance.now();
  private readonly startMs = performance.now();
  private frameIndex = 0;
  private nextDueMs = this.startMs;
  private nextReportMs = this.startMs;
  private sequence: number;
  private needKeyframe = false;
  /** The clip this session plays and the frame index where it began (the simulator's setClip). */
  private clipEpoch: number;
  private clipStart = 0;
  private packets = 0;
  private octets = 0;
  private ended = false;
  /** The span of frames not sent that is still growing, until the next frame sent. */
  private dropping: DropSpan | undefined;
  private expiring = false;

  constructor(
    private readonly camera: SimCamera,
    private readonly sink: MediaSink,
    private readonly options: StreamOptions,
  ) {
    this.sequence = options.sequence;
    this.clipEpoch = camera.clipEpoch;
  }

  playingSeconds(nowMs = performance.now()): number {
    return (nowMs - this.startMs) / 1000;
  }

  tick(now: number): void {
    if (this.ended) return;
    const fault = this.camera.fault;
    const playing = this.playingSeconds(now);
    if (fault?.kind === 'drop' && playing >= fault.afterSeconds) return this.end('drop');
    if (this.options.sessionTimeoutMs > 0 && now - this.lastActivityMs > this.options.sessionTimeoutMs) this.expireUnlessActive();
    const stalled = fault?.kind === 'stall' && faultActive(fault, playing);
    const garbage = fault?.kind === 'garbage' && faultActive(fault, playing) ? (fault.ratio ?? 0.2) : 0;
    if (now - this.nextDueMs > MAX_LATE_MS) {
      const skipTo = Math.floor(((now - this.startMs) * this.camera.clip.fps) / 1000);
      this.camera.stats.framesDropped += skipTo - this.frameIndex;
      // The span begins when the first skipped frame was due, in wall time.
      this.notSent(skipTo - this.frameIndex, Math.round(Date.now() - (now - this.nextDueMs)));
      this.frameIndex = skipTo;
      this.nextDueMs = this.startMs + frameTimestamp(this.camera.clip, skipTo) / 90;
      this.needKeyframe = true;
    }
    if (this.clipEpoch !== this.camera.clipEpoch) {
      this.clipEpoch = this.camera.clipEpoch;
      this.clipStart = this.frameIndex;
    }
    while (this.nextDueMs <= now) {
      const frame = this.camera.frames[(this.frameIndex - this.clipStart) % this.camera.frames.length]!;
      if (stalled) {
        this.needKeyframe = true;
        this.notSent(1);
      } else {
        this.send(frame, this.frameIndex, garbage);
      }
      this.frameIndex++;
      this.nextDueMs = this.startMs + frameTimestamp(this.camera.clip, this.frameIndex) / 90;
    }
    if (now >= this.nextReportMs && !stalled) {
      this.nextReportMs = now + SENDER_REPORT_MS;
      this.report(now);
    }
  }

  /**
   * Timers (this tick) run before the poll phase: after the simulator was blocked or stopped, the
   * client's keep-alives may be waiting unread. Judge after the next poll has read them.
   */
  private expireUnlessActive(): void {
    if (this.expiring) return;
    this.expiring = true;
    const seen = this.lastActivityMs;
    setImmediate(() => {
      this.expiring = false;
      if (!this.ended && this.lastActivityMs === seen) this.end('timeout');
    });
  }

  /** Stops sending; the owner closes the connection or session. */
  stop(): void {
    this.ended = true;
  }

  private send(frame: PacketizedFrame, k: number, garbage: number): void {
    const count = packetCount(frame);
    const stats = this.camera.stats;
    const congested = this.sink.kind === 'tcp' && this.sink.socket.writableLength > this.options.maxBufferedBytes;
    if (congested || (this.needKeyframe && !frame.keyframe)) {
      // Sequence numbers still advance, so the client sees the loss as a gap, as from a real network.
      this.sequence = (this.sequence + count) & 0xffff;
      stats.framesDropped++;
      this.needKeyframe = true;
      this.notSent(1);
      return;
    }
    this.needKeyframe = false;
    if (this.dropping) {
      this.dropping.toMs = Date.now();
      this.dropping = undefined;
    }
    const out = Buffer.allocUnsafe(frame.bytes.length);
    frame.bytes.copy(out);
    const channel = this.sink.kind === 'tcp' ? this.sink.channel : 0;
    stampPackets(frame, out, { channel, sequence: this.sequence, timestamp: this.timestampAt(k + (frame.displayOffset ?? 0)), ssrc: this.options.ssrc });
    if (garbage > 0) stats.packetsGarbled += garblePackets(frame, out, garbage);
    if (this.sink.kind === 'tcp') {
      this.sink.socket.write(out);
    } else {
      for (let i = 0; i < count; i++) {
        const from = frame.offsets[i]! + INTERLEAVED_HEADER_BYTES;
        this.sink.rtp.send(out, from, frame.offsets[i + 1]! - from, this.sink.rtpPort, this.sink.host);
      }
    }
    this.sequence = (this.sequence + count) & 0xffff;
    this.packets += count;
    this.octets += frame.bytes.length - count * (INTERLEAVED_HEADER_BYTES + 12);
    stats.framesSent++;
    stats.bytesSent += out.length;
  }

  private notSent(frames: number, fromMs = Date.now()): void {
    if (frames <= 0) return;
    this.dropping ??= openDropSpan(this.camera.stats, fromMs);
    this.dropping.frames += frames;
  }

  /** The RTP timestamp of a picture shown as frame `k`: its presentation time, as a camera stamps it. */
  private timestampAt(k: number): number {
    return (this.options.timestampBase + frameTimestamp(this.camera.clip, k)) >>> 0;
  }

  private report(now: number): void {
    const rtcp = senderReport({
      ssrc: this.options.ssrc,
      wallMs: performance.timeOrigin + now + this.camera.clockOffsetMs,
      rtpTimestamp: (this.options.timestampBase + Math.round((now - this.startMs) * 90)) >>> 0,
      packets: this.packets,
      octets: this.octets,
      cname: this.options.cname,
    });
    if (this.sink.kind === 'udp') {
      this.sink.rtcp.send(rtcp, this.sink.rtcpPort, this.sink.host);
      return;
    }
    const framed = Buffer.allocUnsafe(4 + rtcp.length);
    framed[0] = 0x24;
    framed[1] = this.sink.channel + 1;
    framed.writeUInt16BE(rtcp.length, 2);
    rtcp.copy(framed, 4);
    this.sink.socket.write(framed);
  }

  private end(why: StreamEnd): void {
    this.ended = true;
    this.options.onEnd(why);
  }

  /** For PLAY's RTP-Info: the sequence number and timestamp of the first packet. */
  get firstPacket(): { sequence: number; timestamp: number } {
    return { sequence: this.options.sequence, timestamp: this.options.timestampBase >>> 0 };
  }
}
