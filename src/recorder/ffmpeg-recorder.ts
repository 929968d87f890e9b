/**
 * Records one camera the native client cannot handle (http(s), a file, an odd camera) through an
 * ffmpeg process that copies the video into fragmented MP4. Its fragments go, unchanged, through the
 * same SegmentWriter as the native path, so segments, index rows, gaps and the chain are the same.
 * Segments are cut at the first keyframe fragment after segmentMs; ffmpeg is restarted with backoff.
 */
import { EventEmitter } from 'node:events';
import type { Db } from '../db/connect.ts';
import { RtspSupervisor } from '../media/rtsp/reconnect.ts';
import { recordGap } from '../recording/gap-repository.ts';
import { SegmentWriter } from '../recording/segment-writer.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import { initialStatus, RateMeter, type CameraRecordingState, type CameraRecordingStatus } from './camera-status.ts';
import { resolveFfmpegPath } from './ffmpeg-path.ts';
import { FfmpegSource } from './ffmpeg-source.ts';
import { readFragmentTiming, readStreamInit, type StreamInit } from './fmp4-fragment-meta.ts';
import type { Recorder, RecorderEvents } from './recorder.ts';

export interface FfmpegRecorderOptions {
  cameraId: string;
  url: string;
  db: Db;
  store: SegmentStore;
  clock: Clock;
  segmentMs?: number;
  /** Default: ffmpeg on PATH, else @ffmpeg-installer/ffmpeg's binary. */
  ffmpegPath?: string;
  transport?: 'tcp' | 'udp';
  /** Replaces the input options chosen from the URL (e.g. ['-re'] for a file read once). */
  inputArgs?: string[];
  stallMs?: number;
  backoff?: { baseMs?: number; capMs?: number };
}

export class FfmpegRecorder extends EventEmitter<RecorderEvents> implements Recorder {
  private readonly supervisor: RtspSupervisor<FfmpegSource>;
  private readonly writer: SegmentWriter;
  private readonly rates: RateMeter;
  private readonly status: CameraRecordingStatus;
  private readonly segmentMs: number;
  private readonly ffmpegPath: string;
  private init: { data: Buffer; info: StreamInit } | undefined;
  /** Wall-clock ms at decode time 0 of the current ffmpeg run. */
  private baseMs: number | undefined;
  private segmentStartMs: number | undefined;
  private lastEndMs: number | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly o: FfmpegRecorderOptions) {
    super();
    const now = o.clock.now();
    this.segmentMs = o.segmentMs ?? 10_000;
    this.ffmpegPath = resolveFfmpegPath(o.ffmpegPath);
    this.rates = new RateMeter(now.getTime());
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
    this.supervisor = new RtspSupervisor<FfmpegSource>({ createClient: () => this.createSource(), baseMs: o.backoff?.baseMs ?? 1000, capMs: o.backoff?.capMs });
    this.supervisor.on('state', (state) => {
      if (state === 'connecting') this.setState('starting', this.status.reason);
      else if (state === 'backoff') this.onEnded(this.supervisor.lastError ?? 'ffmpeg ended');
    });
  }

  get currentStatus(): CameraRecordingStatus {
    return { ...this.status, fps: this.rates.fps, bitrateBps: this.rates.bitrateBps };
  }

  start(): void {
    this.setState('starting', null);
    this.supervisor.start();
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.finishSegment();
    await this.writes;
    this.setState('stopped', null);
  }

  private createSource(): FfmpegSource {
    const source = new FfmpegSource({ ffmpegPath: this.ffmpegPath, url: this.o.url, transport: this.o.transport, inputArgs: this.o.inputArgs, stallMs: this.o.stallMs });
    source.on('init', (data) => this.onInit(data));
    source.on('fragment', (data, moofOffset) => this.onFragment(data, moofOffset));
    return source;
  }

  private onInit(data: Buffer): void {
    const info = readStreamInit(data);
    this.finishSegment();
    this.baseMs = undefined;
    if (!info) {
      this.init = undefined;
      this.setState('error', 'stream not recordable: no video track in ffmpeg output');
      return;
    }
    this.init = { data, info };
    this.status.codec = info.codec;
    this.status.width = info.width;
    this.status.height = info.height;
    this.setState('online', null);
  }

  private onFragment(data: Buffer, moofOffset: number): void {
    const init = this.init;
    if (!init) return;
    const timing = readFragmentTiming(data, moofOffset, init.info);
    if (!timing) return;
    const now = this.o.clock.now().getTime();
    const toMs = (t: number): number => (t * 1000) / init.info.timescale;
    // The first fragment of a run ends about now; later ones follow ffmpeg's clock, never overlapping the last run.
    this.baseMs ??= Math.max(now - toMs(timing.decodeTime + timing.duration), (this.lastEndMs ?? 0) - toMs(timing.decodeTime));
    const startMs = Math.round(this.baseMs + toMs(timing.decodeTime));
    const endMs = Math.round(this.baseMs + toMs(timing.decodeTime + timing.duration));
    this.rates.add(timing.frames, data.length, now);
    if (timing.keyframe) this.status.lastKeyframeAt = new Date(startMs).toISOString();

    const open = this.segmentStartMs !== undefined;
    if (!open && !timing.keyframe) return; // a segment must start on a keyframe
    if (!open || (timing.keyframe && startMs - (this.segmentStartMs as number) >= this.segmentMs)) {
      if (open) this.enqueue(() => this.writer.close());
      this.segmentStartMs = startMs;
      this.enqueue(() => this.writer.open(init.data));
    }
    this.lastEndMs = endMs;
    this.enqueue(() => this.writer.append(data, { startMs, endMs, frames: timing.frames, keyframe: timing.keyframe }));
  }

  private enqueue(operation: () => Promise<unknown>): void {
    this.writes = this.writes.then(operation).then(
      () => undefined,
      (error: unknown) => {
        this.segmentStartMs = undefined;
        this.setState('error', (error as Error).message);
      },
    );
  }

  private finishSegment(): void {
    if (this.segmentStartMs === undefined) return;
    this.segmentStartMs = undefined;
    this.enqueue(() => this.writer.close());
  }

  private onEnded(reason: string): void {
    const wasRecording = this.segmentStartMs !== undefined;
    this.finishSegment();
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
