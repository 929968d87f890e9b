/**
 * Records one GB/T 28181 channel (`gb28181://<deviceId>/<channelId>`): opens a PS-over-RTP receiver
 * (UDP, TCP passive or TCP active), asks the SIP side (a GbMediaBroker) to INVITE the device to send
 * there, and feeds the access units through the same fragments, segments, chain, index, live tap and
 * tamper tap as the RTSP recorder. No media for 5 s: the session is ended (BYE), the gap recorded,
 * and a new INVITE sent after a backoff. Nothing this camera does escapes to another.
 */
import { EventEmitter } from 'node:events';
import type { Db } from '../db/connect.ts';
import type { GbMediaBroker, GbMediaSession } from '../gb28181/media-session.ts';
import { parseGbStreamUrl, type GbStreamAddress } from '../gb28181/stream-url.ts';
import { RtpPsReceiver } from '../media/ps/rtp-ps-receiver.ts';
import type { AccessUnit } from '../media/types.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import type { KeyframeTap } from '../analytics/tamper/tamper-monitor.ts';
import { AccessUnitRecording } from './access-unit-recording.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import type { FragmentTap, Recorder, RecorderEvents } from './recorder.ts';

export const GB_PLATFORM_NOT_ENABLED = 'GB/T 28181 platform not enabled';

export interface GbCameraRecorderOptions {
  cameraId: string;
  url: string;
  db: Db;
  store: SegmentStore;
  clock: Clock;
  segmentMs?: number;
  fragmentMs?: number;
  liveChunkMs?: number;
  /** The SIP side; absent when the GB/T 28181 platform is off (the status says so). */
  broker?: GbMediaBroker;
  /** The address the device is told to send to (the broker may put its own media address instead). */
  mediaHost?: string;
  /** Where the receiver listens (default all IPv4 addresses). */
  bindHost?: string;
  /** No media for this long ends the session (default 5 s). */
  stallMs?: number;
  backoff?: { baseMs?: number; capMs?: number };
  keyframeTap?: KeyframeTap;
  /** Cluster mode: this recorder's node id, the fence its segments are indexed under (segment-repository.ts). */
  fence?: string;
}

export class GbCameraRecorder extends EventEmitter<RecorderEvents> implements Recorder {
  private readonly recording: AccessUnitRecording;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private online = false;

  constructor(private readonly o: GbCameraRecorderOptions) {
    super();
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
  }

  get currentStatus(): CameraRecordingStatus {
    return this.recording.currentStatus;
  }

  setLiveTap(tap: FragmentTap | null): void {
    this.recording.setLiveTap(tap);
  }

  start(): void {
    const broker = this.o.broker;
    if (!broker) return this.recording.output.setState('error', GB_PLATFORM_NOT_ENABLED);
    let address: GbStreamAddress;
    try {
      address = parseGbStreamUrl(this.o.url);
    } catch (error) {
      return this.recording.output.setState('error', reasonOf(error));
    }
    this.recording.output.setState('starting', null);
    this.running = this.loop(broker, address);
  }

  /** Stops recording: the session is ended and the open segment finished and indexed before this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // An INVITE still waiting for its answer is not waited for: its session is ended when it comes.
    if (this.running) await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    this.recording.finish();
    await this.recording.output.flushed();
    this.recording.output.setState('stopped', null);
  }

  private async loop(broker: GbMediaBroker, address: GbStreamAddress): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const streamed = await this.session(broker, address);
      if (this.stopped) break;
      failures = streamed ? 1 : failures + 1;
      const base = this.o.backoff?.baseMs ?? 500;
      const cap = this.o.backoff?.capMs ?? 30_000;
      await this.pause(Math.random() * Math.min(cap, base * 2 ** Math.min(failures, 16)));
    }
  }

  /** One INVITE: resolves once the session ended; true when media came. */
  private async session(broker: GbMediaBroker, address: GbStreamAddress): Promise<boolean> {
    const output = this.recording.output;
    if (output.status.state !== 'starting') output.setState('starting', output.status.reason);
    this.online = false;
    const receiver = new RtpPsReceiver({
      transport: address.transport,
      bindHost: this.o.bindHost,
      now: () => this.o.clock.now().getTime(),
      onAccessUnits: (units, arrivalMs) => this.onAccessUnits(units, arrivalMs),
    });
    let session: GbMediaSession | undefined;
    let reason: string;
    try {
      const { port } = await receiver.open();
      const host = this.o.mediaHost ?? (this.o.bindHost && this.o.bindHost !== '0.0.0.0' ? this.o.bindHost : '127.0.0.1');
      session = await broker.invite({ deviceId: address.deviceId, channelId: address.channelId, mode: 'Play', receiver: { host, port }, transport: address.transport });
      if (!this.stopped) {
        if (address.transport === 'tcp-active') {
          if (!session.deviceMedia) throw new Error('the device gave no media address for TCP active');
          await receiver.connect(session.deviceMedia.host, session.deviceMedia.port);
        }
        const ssrc = Number.parseInt(session.ssrc, 10);
        this.recording.begin(
          {
            get parameterSets() {
              return receiver.demuxer.parameterSets;
            },
            framesLost: () => receiver.demuxer.framesLost,
            packetsLost: () => receiver.sequence.stats.lost,
            releaseThrough: (view) => receiver.demuxer.releaseThrough(view),
          },
          null,
        );
        receiver.expectSsrc(Number.isFinite(ssrc) ? ssrc : 0);
        receiver.lastPacketMs = this.o.clock.now().getTime();
        await this.watch(receiver);
      }
      reason = `no media from the device for ${(this.o.stallMs ?? 5000) / 1000} s`;
    } catch (error) {
      reason = reasonOf(error);
    } finally {
      receiver.close();
      if (session) await broker.bye(session.callId).catch(() => undefined);
    }
    const streamed = this.online;
    if (!this.stopped) this.recording.disconnected(reason);
    return streamed;
  }

  private onAccessUnits(units: readonly AccessUnit[], arrivalMs: number): void {
    if (this.stopped) return;
    if (!this.online) {
      this.online = true;
      this.recording.output.setState('online', null);
    }
    for (const au of units) this.recording.accessUnit(au, arrivalMs);
  }

  /** Resolves when no packet has come for the stall time, or on stop. */
  private watch(receiver: RtpPsReceiver): Promise<void> {
    const stallMs = this.o.stallMs ?? 5000;
    return new Promise((resolve) => {
      const timer = setInterval(
        () => {
          if (this.o.clock.now().getTime() - receiver.lastPacketMs > stallMs) done();
        },
        Math.min(500, stallMs / 4),
      );
      const done = () => {
        clearInterval(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }
}

function reasonOf(error: unknown): string {
  return error instanceof DomainError ? `${error.code}: ${error.localized.en}` : (error as Error).message;
}
