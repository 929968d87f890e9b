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
import type { AccessUnit, RtpPacket } from '../media/types.ts';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import { Fragmenter, type FragmenterOutput } from './fragmenter.ts';
import { RecordingOutput } from './recording-output.ts';
import type { FragmentTap } from './recorder.ts';
import { keyframeAnnexB } from '../analytics/tamper/annex-b.ts';
import type { KeyframeTap } from '../analytics/tamper/tamper-monitor.ts';

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
  /** Live viewers get chunks of about this length (default 200 ms), whatever the fragments on disk. */
  liveChunkMs?: number;
  transport?: 'tcp' | 'udp';
  /** Refuses a source address before each connection and redirect (registry/source-address-policy.ts). */
  checkSource?: (url: string) => Promise<void>;
  /** Passed to the supervisor; tests shorten the backoff. */
  backoff?: { baseMs?: number; capMs?: number };
  /** Tamper detection (analytics/tamper): a copy of at most one keyframe a second, and each picture's time. */
  keyframeTap?: KeyframeTap;
}

export interface CameraRecorderEvents {
  status: [status: CameraRecordingStatus];
  alarm: [alarm: RecordingAlarm];
}

export class CameraRecorder extends EventEmitter<CameraRecorderEvents> {
  private readonly supervisor: RtspSupervisor<RtspClient>;
  private readonly output: RecordingOutput;
  private readonly fragmenter: Fragmenter;
  private depacketizer: RtpDepacketizer | undefined;
  private wallClock = new RtpWallClock();
  private arrivalBase: { wallMs: number; rtp: number } | undefined;
  private lostBefore = { frames: 0, packets: 0 };
  private lastTappedMs = -Infinity;
  /** Filled anew for each packet: the depacketizer keeps no packet object. */
  private readonly packet: RtpPacket = { version: 2, padding: false, extension: false, marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0, payload: Buffer.alloc(0) };

  constructor(private readonly o: CameraRecorderOptions) {
    super();
    this.fragmenter = new Fragmenter({ segmentMs: o.segmentMs, fragmentMs: o.fragmentMs, liveChunkMs: o.liveChunkMs });
    this.output = new RecordingOutput({
      cameraId: o.cameraId,
      db: o.db,
      store: o.store,
      clock: o.clock,
      onStatus: (status) => this.emit('status', status),
      onAlarm: (alarm) => this.emit('alarm', alarm),
      sourceUrl: o.url,
      liveChunks: true,
    });
    this.supervisor = new RtspSupervisor<RtspClient>({
      createClient: () => this.createClient(),
      baseMs: o.backoff?.baseMs,
      capMs: o.backoff?.capMs,
    });
    this.supervisor.on('state', (state) => {
      if (state === 'connecting') this.output.setState('starting', this.output.status.reason);
      else if (state === 'backoff') this.onDisconnected(this.supervisor.lastError ?? 'connection lost');
    });
  }

  get currentStatus(): CameraRecordingStatus {
    return this.output.currentStatus;
  }

  setLiveTap(tap: FragmentTap | null): void {
    this.fragmenter.live = tap !== null;
    this.output.setLiveTap(tap);
  }

  start(): void {
    this.output.setState('starting', null);
    this.supervisor.start();
  }

  /** Stops recording: the open segment is finished and indexed before this resolves. */
  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.finishStream();
    await this.output.flushed();
    this.output.setState('stopped', null);
  }

  private createClient(): RtspClient {
    // The depacketizer copies what it keeps and RTCP is read at once: reads can share one buffer.
    const client = new RtspClient({ url: this.o.url, transport: this.o.transport ?? 'tcp', dataTimeoutMs: STALL_TIMEOUT_MS, reuseReadBuffer: true, checkTarget: this.o.checkSource });
    client.on('described', (track) => this.onDescribed(track));
    client.on('playing', () => this.output.setState('online', null));
    client.on('rtp', (payload) => this.onRtp(payload));
    client.on('rtcp', (payload) => {
      if (this.wallClock.onRtcp(payload)) this.onSenderReport();
    });
    return client;
  }

  /** Each sender report says what the camera's clock reads now: its offset from ours is the drift. */
  private onSenderReport(): void {
    const ntpMs = this.wallClock.latestNtpMs;
    if (ntpMs === undefined) return;
    this.output.status.clockDriftMs = Math.round(ntpMs - this.o.clock.now().getTime());
  }

  private onDescribed(track: DescribedTrack): void {
    const parameterSets = parameterSetsFromFmtp(track.codec, track.fmtp);
    const options = parameterSets ? { parameterSets } : {};
    this.depacketizer = track.codec === 'h264' ? new H264Depacketizer(options) : new H265Depacketizer(options);
    this.wallClock = new RtpWallClock(track.clockRate);
    this.arrivalBase = undefined;
    this.fragmenter.reset();
    this.output.status.codec = track.codec;
  }

  private onRtp(payload: Buffer): void {
    const depacketizer = this.depacketizer;
    if (!depacketizer) return;
    const arrivalMs = this.o.clock.now().getTime();
    let units: readonly AccessUnit[];
    try {
      units = depacketizer.push(parseRtpPacket(payload, this.packet), arrivalMs);
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
      this.output.setState('error', `stream not recordable: ${(error as Error).message}`);
      return;
    }
    let bytes = 0;
    for (const nal of au.nalus) bytes += nal.length;
    const status = this.output.status;
    this.output.rates.add(1, bytes, arrivalMs);
    if (au.keyframe) status.lastKeyframeAt = new Date(wallMs).toISOString();
    status.framesLost = this.lostBefore.frames + depacketizer.stats.brokenAccessUnits;
    status.packetsLost = this.lostBefore.packets + depacketizer.sequence.stats.lost;
    this.write(outputs);
    if (this.o.keyframeTap) this.tapKeyframe(this.o.keyframeTap, au, depacketizer, wallMs);
  }

  /** Tamper detection never gets in the recording's way: at most one keyframe a second, copied, errors dropped. */
  private tapKeyframe(tap: KeyframeTap, au: AccessUnit, depacketizer: RtpDepacketizer, wallMs: number): void {
    try {
      tap.picture(wallMs);
      const parameterSets = depacketizer.parameterSets;
      if (!au.keyframe || !parameterSets || (wallMs - this.lastTappedMs < 1000 && wallMs >= this.lastTappedMs)) return;
      this.lastTappedMs = wallMs;
      tap.keyframe({ codec: au.codec, annexB: keyframeAnnexB(parameterSets, au.nalus), wallMs });
    } catch {
      // a tamper problem is the detector's, never the recording's
    }
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
        const status = this.output.status;
        status.width = output.track.width;
        status.height = output.track.height;
        status.codec = output.track.codecString;
        this.output.startSegment(output.init);
      } else if (output.kind === 'live') {
        this.output.live(output.data, output.meta);
      } else {
        // Once written (or failed), the depacketizer's memory behind these samples can be used again.
        const depacketizer = this.depacketizer;
        const last = output.parts[output.parts.length - 1]!;
        this.output.append(output.parts, output.meta, depacketizer && (() => depacketizer.releaseThrough(last)));
      }
    }
  }

  /** The stream ended: its last fragment is written and its loss counts kept for the next session. */
  private endStream(): void {
    this.write(this.fragmenter.flush());
    this.fragmenter.reset();
    if (this.depacketizer) {
      this.lostBefore = { frames: this.output.status.framesLost, packets: this.output.status.packetsLost };
      this.depacketizer = undefined;
    }
  }

  private finishStream(): void {
    this.endStream();
    this.output.finishSegment();
  }

  private onDisconnected(reason: string): void {
    this.endStream();
    this.output.disconnected(reason);
  }
}
