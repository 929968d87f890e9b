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
import { AccessUnitRecording } from './access-unit-recording.ts';
import { CameraClockTrust } from './camera-clock-trust.ts';
import type { FragmentTap } from './recorder.ts';
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
  /** Cluster mode: this recorder's node id, the fence its segments are indexed under (segment-repository.ts). */
  fence?: string;
  /** How far the camera's RTCP clock may be from ours and still stamp the footage (default camera-clock-trust.ts CAMERA_CLOCK_TOLERANCE_MS). */
  clockToleranceMs?: number;
}

export interface CameraRecorderEvents {
  status: [status: CameraRecordingStatus];
  alarm: [alarm: RecordingAlarm];
}

export class CameraRecorder extends EventEmitter<CameraRecorderEvents> {
  private readonly supervisor: RtspSupervisor<RtspClient>;
  private readonly recording: AccessUnitRecording;
  private depacketizer: RtpDepacketizer | undefined;
  private wallClock = new RtpWallClock();
  private readonly clockTrust: CameraClockTrust;
  /** Filled anew for each packet: the depacketizer keeps no packet object. */
  private readonly packet: RtpPacket = { version: 2, padding: false, extension: false, marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0, payload: Buffer.alloc(0) };

  constructor(private readonly o: CameraRecorderOptions) {
    super();
    this.clockTrust = new CameraClockTrust(o.clockToleranceMs);
    this.recording = new AccessUnitRecording({
      cameraId: o.cameraId,
      db: o.db,
      store: o.store,
      clock: o.clock,
      segmentMs: o.segmentMs,
      fragmentMs: o.fragmentMs,
      liveChunkMs: o.liveChunkMs,
      sourceUrl: o.url,
      keyframeTap: o.keyframeTap,
      fence: o.fence,
      onStatus: (status) => this.emit('status', status),
      onAlarm: (alarm) => this.emit('alarm', alarm),
    });
    this.supervisor = new RtspSupervisor<RtspClient>({
      createClient: () => this.createClient(),
      baseMs: o.backoff?.baseMs,
      capMs: o.backoff?.capMs,
    });
    this.supervisor.on('state', (state) => {
      if (state === 'connecting') this.recording.output.setState('starting', this.recording.status.reason);
      else if (state === 'backoff') this.recording.disconnected(this.supervisor.lastError ?? 'connection lost');
    });
  }

  get currentStatus(): CameraRecordingStatus {
    return this.recording.currentStatus;
  }

  setLiveTap(tap: FragmentTap | null): void {
    this.recording.setLiveTap(tap);
  }

  start(): void {
    this.recording.output.setState('starting', null);
    this.supervisor.start();
  }

  /** Stops recording: the open segment is finished and indexed before this resolves. */
  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.recording.finish();
    await this.recording.output.flushed();
    this.recording.output.setState('stopped', null);
  }

  private createClient(): RtspClient {
    // The depacketizer copies what it keeps and RTCP is read at once: reads can share one buffer.
    const client = new RtspClient({ url: this.o.url, transport: this.o.transport ?? 'tcp', dataTimeoutMs: STALL_TIMEOUT_MS, reuseReadBuffer: true, checkTarget: this.o.checkSource });
    client.on('described', (track) => this.onDescribed(track));
    client.on('playing', () => this.recording.output.setState('online', null));
    client.on('keepAliveUnanswered', () => this.recording.status.keepAlivesUnanswered++);
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
    const drift = Math.round(ntpMs - this.o.clock.now().getTime());
    this.recording.status.clockDriftMs = drift;
    this.clockTrust.report(drift);
  }

  private onDescribed(track: DescribedTrack): void {
    const parameterSets = parameterSetsFromFmtp(track.codec, track.fmtp);
    const options = parameterSets ? { parameterSets } : {};
    const depacketizer = track.codec === 'h264' ? new H264Depacketizer(options) : new H265Depacketizer(options);
    this.depacketizer = depacketizer;
    this.wallClock = new RtpWallClock(track.clockRate);
    this.clockTrust.reset();
    this.recording.begin(
      {
        get parameterSets() {
          return depacketizer.parameterSets;
        },
        framesLost: () => depacketizer.stats.brokenAccessUnits,
        packetsLost: () => depacketizer.sequence.stats.lost,
        releaseThrough: (view) => depacketizer.releaseThrough(view),
      },
      track.codec,
    );
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
    for (const au of units) this.recording.accessUnit(au, arrivalMs, this.wallMsOf(au.rtpTimestamp, arrivalMs));
  }

  /**
   * RTCP sender reports where the camera sends them and its clock agrees with ours; otherwise (no
   * reports yet, or a camera clock days behind or seconds ahead) arrival time, kept monotonic by RTP time.
   */
  private wallMsOf(rtpTimestamp: number, arrivalMs: number): number {
    const fromRtcp = this.clockTrust.trusted ? this.wallClock.toWallMs(rtpTimestamp) : undefined;
    if (fromRtcp !== undefined) return Math.round(fromRtcp);
    return this.recording.arrivalWallMs(rtpTimestamp, arrivalMs);
  }
}
