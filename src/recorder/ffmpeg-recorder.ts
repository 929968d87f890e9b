/**
 * Records one camera the native client cannot handle (http(s), a file, an odd camera) through an
 * ffmpeg process that copies the video into fragmented MP4. Its fragments go, unchanged, through the
 * same SegmentWriter as the native path, so segments, index rows, gaps and the chain are the same.
 * Segments are cut at the first keyframe fragment after segmentMs; ffmpeg is restarted with backoff.
 */
import { EventEmitter } from 'node:events';
import type { Db } from '../db/connect.ts';
import { RtspSupervisor } from '../media/rtsp/reconnect.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import { resolveFfmpegPath } from './ffmpeg-path.ts';
import { FfmpegSource } from './ffmpeg-source.ts';
import { readFragmentTiming, readStreamInit, type StreamInit } from './fmp4-fragment-meta.ts';
import type { FragmentTap, Recorder, RecorderEvents } from './recorder.ts';
import { RecordingOutput } from './recording-output.ts';

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
  /** Cluster mode: this recorder's node id, the fence its segments are indexed under (segment-repository.ts). */
  fence?: string;
}

export class FfmpegRecorder extends EventEmitter<RecorderEvents> implements Recorder {
  private readonly supervisor: RtspSupervisor<FfmpegSource>;
  private readonly output: RecordingOutput;
  private readonly segmentMs: number;
  private readonly ffmpegPath: string;
  private init: { data: Buffer; info: StreamInit } | undefined;
  /** Wall-clock ms at decode time 0 of the current ffmpeg run. */
  private baseMs: number | undefined;
  private segmentStartMs = 0;
  private lastEndMs: number | undefined;

  constructor(private readonly o: FfmpegRecorderOptions) {
    super();
    this.segmentMs = o.segmentMs ?? 10_000;
    this.ffmpegPath = resolveFfmpegPath(o.ffmpegPath);
    this.output = new RecordingOutput({
      cameraId: o.cameraId,
      db: o.db,
      store: o.store,
      clock: o.clock,
      onStatus: (status) => this.emit('status', status),
      onAlarm: (alarm) => this.emit('alarm', alarm),
      sourceUrl: o.url,
      fence: o.fence,
    });
    this.supervisor = new RtspSupervisor<FfmpegSource>({ createClient: () => this.createSource(), baseMs: o.backoff?.baseMs ?? 1000, capMs: o.backoff?.capMs });
    this.supervisor.on('state', (state) => {
      if (state === 'connecting') this.output.setState('starting', this.output.status.reason);
      else if (state === 'backoff') this.output.disconnected(this.supervisor.lastError ?? 'ffmpeg ended');
    });
  }

  get currentStatus(): CameraRecordingStatus {
    return this.output.currentStatus;
  }

  setLiveTap(tap: FragmentTap | null): void {
    this.output.setLiveTap(tap);
  }

  start(): void {
    this.output.setState('starting', null);
    this.supervisor.start();
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.output.finishSegment();
    await this.output.flushed();
    this.output.setState('stopped', null);
  }

  private createSource(): FfmpegSource {
    const source = new FfmpegSource({ ffmpegPath: this.ffmpegPath, url: this.o.url, transport: this.o.transport, inputArgs: this.o.inputArgs, stallMs: this.o.stallMs });
    source.on('init', (data) => this.onInit(data));
    source.on('fragment', (data, moofOffset) => this.onFragment(data, moofOffset));
    return source;
  }

  private onInit(data: Buffer): void {
    const info = readStreamInit(data);
    this.output.finishSegment();
    this.baseMs = undefined;
    if (!info) {
      this.init = undefined;
      this.output.setState('error', 'stream not recordable: no video track in ffmpeg output');
      return;
    }
    this.init = { data, info };
    const status = this.output.status;
    status.codec = info.codec;
    status.width = info.width;
    status.height = info.height;
    this.output.setState('online', null);
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
    this.output.rates.add(timing.frames, data.length, now);
    if (timing.keyframe) this.output.status.lastKeyframeAt = new Date(startMs).toISOString();

    const open = this.output.segmentOpen;
    if (!open && !timing.keyframe) return; // a segment must start on a keyframe
    if (!open || (timing.keyframe && startMs - this.segmentStartMs >= this.segmentMs)) {
      this.segmentStartMs = startMs;
      this.output.startSegment(init.data);
    }
    this.lastEndMs = endMs;
    this.output.append(data, { startMs, endMs, frames: timing.frames, keyframe: timing.keyframe });
  }
}
