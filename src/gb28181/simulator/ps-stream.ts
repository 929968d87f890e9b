/**
 * One media session of the simulated device: the looping clip as PS over RTP (one PS pack per
 * picture, GB/T 28181-2022 Annex C), paced at the clip's frame rate by the shared Pacer, to a UDP
 * address or over a TCP connection with RFC 4571 framing. A TCP peer that falls behind loses frames
 * until the next keyframe, as a real device's send buffer would.
 */
import { performance } from 'node:perf_hooks';
import { muxPsPicture } from '../../media/ps/muxer.ts';
import { packetizePs } from '../../media/ps/rtp-ps-packetizer.ts';
import { frameTimestamp, type Clip } from '../../media/simulator/clip.ts';
import type { Paced } from '../../media/simulator/pacer.ts';
import type { PsSink } from '../ua/media-transport.ts';

export type { PsSink } from '../ua/media-transport.ts';

export interface PsStreamStats {
  framesSent: number;
  framesDropped: number;
  packetsSent: number;
  bytesSent: number;
}

const MAX_BUFFERED_BYTES = 2 * 1024 * 1024;
const MAX_LATE_MS = 1000;

export class PsStream implements Paced {
  readonly stats: PsStreamStats = { framesSent: 0, framesDropped: 0, packetsSent: 0, bytesSent: 0 };
  private readonly startMs = performance.now();
  private frameIndex = 0;
  private nextDueMs = this.startMs;
  private sequence = Math.floor(Math.random() * 0x10000);
  private readonly timestampBase = Math.floor(Math.random() * 0x7fffffff);
  private needKeyframe = false;
  private stopped = false;

  constructor(
    private readonly clip: Clip,
    private readonly sink: PsSink,
    private readonly ssrc: number,
  ) {}

  tick(now: number): void {
    if (this.stopped) return;
    if (now - this.nextDueMs > MAX_LATE_MS) {
      const skipTo = Math.floor(((now - this.startMs) * this.clip.fps) / 1000);
      this.stats.framesDropped += skipTo - this.frameIndex;
      this.frameIndex = skipTo;
      this.nextDueMs = this.startMs + frameTimestamp(this.clip, skipTo) / 90;
      this.needKeyframe = true;
    }
    while (this.nextDueMs <= now && !this.stopped) {
      this.send(this.frameIndex);
      this.frameIndex++;
      this.nextDueMs = this.startMs + frameTimestamp(this.clip, this.frameIndex) / 90;
    }
  }

  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private send(k: number): void {
    const frame = this.clip.frames[k % this.clip.frames.length]!;
    const timestamp = (this.timestampBase + frameTimestamp(this.clip, k)) >>> 0;
    const congested = this.sink.kind === 'tcp' && (this.sink.socket.destroyed || this.sink.socket.writableLength > MAX_BUFFERED_BYTES);
    if (congested || (this.needKeyframe && !frame.keyframe)) {
      this.needKeyframe = true;
      this.stats.framesDropped++;
      return;
    }
    this.needKeyframe = false;
    const pack = muxPsPicture({ codec: this.clip.codec, nalus: frame.nalus, keyframe: frame.keyframe, parameterSets: this.clip.parameterSets, pts90k: timestamp });
    const packets = packetizePs(pack, { sequence: this.sequence, timestamp, ssrc: this.ssrc }, { framed: this.sink.kind === 'tcp' });
    this.sequence = (this.sequence + packets.length) & 0xffff;
    if (this.sink.kind === 'tcp') this.sink.socket.write(Buffer.concat(packets));
    else for (const packet of packets) this.sink.socket.send(packet, this.sink.port, this.sink.host);
    this.stats.framesSent++;
    this.stats.packetsSent += packets.length;
    for (const packet of packets) this.stats.bytesSent += packet.length;
  }
}
