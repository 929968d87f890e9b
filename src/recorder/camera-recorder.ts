/**
 * Records one camera: RTSP (through a reconnecting supervisor) → RTP → access units → fMP4 →
 * segments with their index rows and chain. A problem with this camera (bad packets, a stalled or
 * lost connection, a full disk) changes its status and never escapes to other cameras.
 */
import { EventEmitter } from 'node:events';
import type { Db } from '../db/connect.ts';
import { H264Depacketizer } from '../media/h264/depacketizer.ts';
import { H265Depacketizer } from '../media/h265/depacketizer.ts';
import { parseRtpPacket } from '../media/rtp/packet.ts';
import type { RtpDepacketizer } from '../media/rtp/depacketizer.ts';
import { RtspClient } from '../media/rtsp/client.ts';
import { RtspSupervisor } from '../media/rtsp/reconnect.ts';
import { RtpWallClock } from '../media/rtsp/rtcp.ts';
import type { DescribedTrack } from '../media/rtsp/sdp.ts';
import { parameterSetsFromFmtp } from '../media/sdp-fmtp.ts';
import type { AccessUnit } from '../media/types.ts';
import { recordGap } from '../recording/gap-repository.ts';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import { SegmentWriter } from '../recording/segment-writer.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import { initialStatus, RateMeter, type CameraRecordingState, type CameraRecordingStatus } from './camera-status.ts';
import { Fragmenter, type FragmenterOutput } from './fragmenter.ts';

/** No video for this long while playing counts as a stalled camera: reconnect. */
const STALL_TIMEOUT_MS = 5000;

export interface CameraRecorderOptions {
  cameraId: string;
  url: string;
  db: Db;
  store: SegmentStore;
  clock: Clock;
  segmentMs?: number;
  fragmentMs?: number;
  transport?: 'tcp' | 'udp';
  /** Passed to the supervisor; tests shorten the backoff. */
  backoff?: { baseMs?: number; capMs?: number };
}

export interface CameraRecorderEvents {
  status: [status: CameraRecordingStatus];
  alarm: [alarm: RecordingAlarm];
}

export class CameraRecorder extends EventEmitter<CameraRecorderEvents> {
  private readonly supervisor: RtspSupervisor<RtspClient>;
  private readonly writer: SegmentWriter;
  private readonly fragmenter: Fragmenter;
  private readonly rates: RateMeter;
  private depacketizer: RtpDepacketizer | undefined;
  private wallClock = new RtpWallClock();
  private arrivalBase: { wallMs: number; rtp: number } | undefined;
  private segmentOpen = false;
  private lastEndMs: number | undefined;
  private lostBefore = { frames: 0, packets: 0 };
  /** Writer operations in order; a failure stops the camera, never the process. */
  private writes: Promise<void> = Promise.resolve();
  private readonly status: CameraRecordingStatus;

  constructor(private readonly o: CameraRecorderOptions) {
    super();
    const now = o.clock.now();
    this.rates = new RateMeter(now.getTime());
    this.fragmenter = new Fragmenter({ segmentMs: o.segmentMs, fragmentMs: o.fragmentMs });
    this.status = initialStatus(o.cameraId, now);
    this.writer = new SegmentWriter({
      db: o.db,
      store: o.store,
      cameraId: o.cameraId,
      clock: o.clock,
      onSegment: () => {
        this.status.segments += 1;
      },
      onAlarm: (alarm) => {
        this.setState('error', alarm.detail || alarm.kind);
        this.emit('alarm', alarm);
      },
    });
    this.supervisor = new RtspSupervisor<RtspClient>({
      createClient: () => this.createClient(),
      baseMs: o.backoff?.baseMs,
      capMs: o.backoff?.capMs,
    });
    this.supervisor.on('state', (state) => {
      if (state === 'connecting') this.setState('starting', this.status.reason);
      else if (state === 'backoff') this.onDisconnected(this.supervisor.lastError ?? 'connection lost');
    });
  }

  get currentStatus(): CameraRecordingStatus {
    return { ...this.status, fps: this.rates.fps, bitrateBps: this.rates.bitrateBps };
  }

  start(): void {
    this.setState('starting', null);
    this.supervisor.start();
  }

  /** Stops recording: the open segment is finished and indexed before this resolves. */
  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.finishStream();
    await this.writes;
    this.setState('stopped', null);
  }

  private createClient(): RtspClient {
    const client = new RtspClient({ url: this.o.url, transport: this.o.transport ?? 'tcp', dataTimeoutMs: STALL_TIMEOUT_MS });
    client.on('described', (track) => this.onDescribed(track));
    client.on('playing', () => this.setState('online', null));
    client.on('rtp', (payload) => this.onRtp(payload));
    client.on('rtcp', (payload) => {
      this.wallClock.onRtcp(payload);
    });
    return client;
  }

  private onDescribed(track: DescribedTrack): void {
    const parameterSets = parameterSetsFromFmtp(track.codec, track.fmtp);
    const options = parameterSets ? { parameterSets } : {};
    this.depacketizer = track.codec === 'h264' ? new H264Depacketizer(options) : new H265Depacketizer(options);
    this.wallClock = new RtpWallClock(track.clockRate);
    this.arrivalBase = undefined;
    this.fragmenter.reset();
    this.status.codec = track.codec;
  }

  private onRtp(payload: Buffer): void {
    const depacketizer = this.depacketizer;
    if (!depacketizer) return;
    const arrivalMs = this.o.clock.now().getTime();
    let units: readonly AccessUnit[];
    try {
      units = depacketizer.push(parseRtpPacket(payload), arrivalMs);
    } catch {
      return; // a malformed RTP packet is counted by the sequence tracker's gap, and skipped
    }
    for (const au of units) this.onAccessUnit(au, depacketizer, arrivalMs);
  }

  private onAccessUnit(au: AccessUnit, depacketizer: RtpDepacketizer, arrivalMs: number): void {
    const wallMs = this.wallMsOf(au.rtpTimestamp, arrivalMs);
    let outputs: FragmenterOutput[];
    try {
      outputs = this.fragmenter.push(au, depacketizer.parameterSets, wallMs);
    } catch (error) {
      this.setState('error', `stream not recordable: ${(error as Error).message}`);
      return;
    }
    let bytes = 0;
    for (const nal of au.nalus) bytes += nal.length;
    this.rates.add(1, bytes, arrivalMs);
    if (au.keyframe) this.status.lastKeyframeAt = new Date(wallMs).toISOString();
    this.status.framesLost = this.lostBefore.frames + depacketizer.stats.brokenAccessUnits;
    this.status.packetsLost = this.lostBefore.packets + depacketizer.sequence.stats.lost;
    this.write(outputs);
  }

  /** RTCP sender reports where the camera sends them; otherwise arrival time, kept monotonic by RTP time. */
  private wallMsOf(rtpTimestamp: number, arrivalMs: number): number {
    const fromRtcp = this.wallClock.toWallMs(rtpTimestamp);
    if (fromRtcp !== undefined) return Math.round(fromRtcp);
    if (!this.arrivalBase) this.arrivalBase = { wallMs: arrivalMs, rtp: rtpTimestamp };
    return Math.round(this.arrivalBase.wallMs + (((rtpTimestamp - this.arrivalBase.rtp) | 0) * 1000) / 90_000);
  }

  private write(outputs: FragmenterOutput[]): void {
    for (const output of outputs) {
      if (output.kind === 'segment') {
        const track = output.track;
        this.status.width = track.width;
        this.status.height = track.height;
        this.status.codec = track.codecString;
        const wasOpen = this.segmentOpen;
        this.segmentOpen = true;
        this.enqueue(async () => {
          if (wasOpen) await this.writer.close();
          await this.writer.open(output.init);
        });
      } else {
        this.lastEndMs = output.meta.endMs;
        this.enqueue(() => this.writer.append(output.data, output.meta));
      }
    }
  }

  private enqueue(operation: () => Promise<unknown>): void {
    this.writes = this.writes.then(operation).then(
      () => undefined,
      (error: unknown) => {
        this.segmentOpen = false;
        this.setState('error', (error as Error).message);
      },
    );
  }

  /** The stream ended: its last fragment is written and the segment finished. */
  private finishStream(): void {
    this.write(this.fragmenter.flush());
    this.fragmenter.reset();
    if (this.segmentOpen) {
      this.segmentOpen = false;
      this.enqueue(() => this.writer.close());
    }
    if (this.depacketizer) {
      this.lostBefore = { frames: this.status.framesLost, packets: this.status.packetsLost };
      this.depacketizer = undefined;
    }
  }

  private onDisconnected(reason: string): void {
    const wasRecording = this.segmentOpen;
    this.finishStream();
    this.status.reconnects += 1;
    this.rates.reset(this.o.clock.now().getTime());
    this.setState('offline', reason);
    if (wasRecording && this.lastEndMs !== undefined) {
      const fromAt = new Date(this.lastEndMs).toISOString();
      this.enqueue(() => recordGap(this.o.db, { cameraId: this.o.cameraId, fromAt, reason: 'CONNECTION_LOST', detail: reason }, this.o.clock.now()));
    }
  }

  private setState(state: CameraRecordingState, reason: string | null): void {
    if (this.status.state !== state) this.status.since = this.o.clock.now().toISOString();
    this.status.state = state;
    if (reason !== null || state === 'online') this.status.reason = reason;
    if (reason !== null) this.status.lastError = reason;
    this.emit('status', this.currentStatus);
  }
}
