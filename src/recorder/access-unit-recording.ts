/**
 * What the native recorders share once a source gives access units (RTSP/RTP, GB/T 28181 PS over
 * RTP): fMP4 fragments and segments through the Fragmenter and RecordingOutput (index, chain, live
 * tap), the keyframe tap for tamper detection, the status counters, and the end of a stream.
 */
import type { AccessUnit, ParameterSets } from '../media/types.ts';
import type { RecordingAlarm } from '../recording/segment-writer.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import type { CameraRecordingStatus } from './camera-status.ts';
import { Fragmenter, type FragmenterOutput } from './fragmenter.ts';
import { RecordingOutput } from './recording-output.ts';
import type { FragmentTap } from './recorder.ts';
import { keyframeAnnexB } from '../analytics/tamper/annex-b.ts';
import type { KeyframeTap } from '../analytics/tamper/tamper-monitor.ts';

/** A stream's access units come from here (a depacketizer, a PS demuxer). */
export interface AccessUnitSource {
  readonly parameterSets: ParameterSets | undefined;
  /** Pictures and packets lost in this stream so far. */
  framesLost(): number;
  packetsLost(): number;
  /** The NAL units handed out up to this view are written: their memory may be used again. */
  releaseThrough(view: Uint8Array): void;
}

export interface AccessUnitRecordingOptions {
  cameraId: string;
  db: Db;
  store: SegmentStore;
  clock: Clock;
  segmentMs?: number;
  fragmentMs?: number;
  liveChunkMs?: number;
  /** The camera's source, whose credentials never appear in a reason. */
  sourceUrl: string;
  keyframeTap?: KeyframeTap;
  onStatus: (status: CameraRecordingStatus) => void;
  onAlarm: (alarm: RecordingAlarm) => void;
  /** Cluster mode: this recorder's node id, the fence its segments are indexed under (segment-repository.ts). */
  fence?: string;
}

export class AccessUnitRecording {
  readonly output: RecordingOutput;
  private readonly fragmenter: Fragmenter;
  private source: AccessUnitSource | undefined;
  private arrivalBase: { wallMs: number; rtp: number } | undefined;
  private lostBefore = { frames: 0, packets: 0 };
  private lastTappedMs = -Infinity;

  constructor(private readonly o: AccessUnitRecordingOptions) {
    this.fragmenter = new Fragmenter({ segmentMs: o.segmentMs, fragmentMs: o.fragmentMs, liveChunkMs: o.liveChunkMs });
    this.output = new RecordingOutput({ cameraId: o.cameraId, db: o.db, store: o.store, clock: o.clock, onStatus: o.onStatus, onAlarm: o.onAlarm, sourceUrl: o.sourceUrl, liveChunks: true, fence: o.fence });
  }

  get currentStatus(): CameraRecordingStatus {
    return this.output.currentStatus;
  }

  get status(): CameraRecordingStatus {
    return this.output.status;
  }

  setLiveTap(tap: FragmentTap | null): void {
    this.fragmenter.live = tap !== null;
    this.output.setLiveTap(tap);
  }

  /** A new stream begins (after a connection or an INVITE): its access units come from `source`. */
  begin(source: AccessUnitSource, codec: string | null): void {
    this.source = source;
    this.arrivalBase = undefined;
    this.fragmenter.reset();
    if (codec) this.output.status.codec = codec;
  }

  /** Arrival time, kept monotonic by the stream's 90 kHz time (for sources without RTCP sender reports). */
  arrivalWallMs(rtpTimestamp: number, arrivalMs: number): number {
    if (!this.arrivalBase) this.arrivalBase = { wallMs: arrivalMs, rtp: rtpTimestamp };
    return Math.round(this.arrivalBase.wallMs + (((rtpTimestamp - this.arrivalBase.rtp) | 0) * 1000) / 90_000);
  }

  accessUnit(au: AccessUnit, arrivalMs: number, wallMs: number = this.arrivalWallMs(au.rtpTimestamp, arrivalMs)): void {
    const source = this.source;
    if (!source) return;
    let outputs: FragmenterOutput[];
    try {
      outputs = this.fragmenter.push(au, source.parameterSets, wallMs);
    } catch (error) {
      this.output.setState('error', `stream not recordable: ${(error as Error).message}`);
      return;
    }
    let bytes = 0;
    for (const nal of au.nalus) bytes += nal.length;
    const status = this.output.status;
    this.output.rates.add(1, bytes, arrivalMs);
    if (au.keyframe) status.lastKeyframeAt = new Date(wallMs).toISOString();
    status.framesLost = this.lostBefore.frames + source.framesLost();
    status.packetsLost = this.lostBefore.packets + source.packetsLost();
    this.write(outputs);
    if (this.o.keyframeTap) this.tapKeyframe(this.o.keyframeTap, au, source, wallMs);
  }

  /** The stream ended: its last fragment is written and its loss counts kept for the next stream. */
  endStream(): void {
    this.write(this.fragmenter.flush());
    this.fragmenter.reset();
    if (this.source) {
      this.lostBefore = { frames: this.output.status.framesLost, packets: this.output.status.packetsLost };
      this.source = undefined;
    }
  }

  /** Stopping: the last fragment and the open segment are finished. */
  finish(): void {
    this.endStream();
    this.output.finishSegment();
  }

  /** The source went away: the open segment is finished and the time until the next one is a gap. */
  disconnected(reason: string): void {
    this.endStream();
    this.output.disconnected(reason);
  }

  /** Tamper detection never gets in the recording's way: at most one keyframe a second, copied, errors dropped. */
  private tapKeyframe(tap: KeyframeTap, au: AccessUnit, source: AccessUnitSource, wallMs: number): void {
    try {
      tap.picture(wallMs);
      const parameterSets = source.parameterSets;
      if (!au.keyframe || !parameterSets || (wallMs - this.lastTappedMs < 1000 && wallMs >= this.lastTappedMs)) return;
      this.lastTappedMs = wallMs;
      tap.keyframe({ codec: au.codec, annexB: keyframeAnnexB(parameterSets, au.nalus), wallMs });
    } catch {
      // a tamper problem is the detector's, never the recording's
    }
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
      } else if (output.kind === 'hole') {
        this.output.hole(output.fromMs, output.toMs, 'FRAMES_LOST', holeDetail(output.frames, output.keyframe));
      } else {
        // Once written (or failed), the source's memory behind these samples can be used again.
        const source = this.source;
        const last = output.parts[output.parts.length - 1]!;
        this.output.append(output.parts, output.meta, source && (() => source.releaseThrough(last)));
      }
    }
  }
}

/** The gap's detail, read by people on the timeline and in alarms: both languages. */
function holeDetail(frames: number, keyframe: boolean): string {
  return keyframe
    ? `约 ${frames} 帧缺失,从下一个关键帧继续 / about ${frames} frames missing, skipped to the next keyframe`
    : `约 ${frames} 帧缺失 / about ${frames} frames missing`;
}
