/**
 * What every recorder of a camera shares, whatever its source: the status it reports, the segment
 * writer with its ordered queue of operations, and the gap it records when the source goes away.
 * A failed write stops the camera with a reason, never the process.
 */
import type { Db } from '../db/connect.ts';
import { recordGap } from '../recording/gap-repository.ts';
import type { FragmentMeta, RecordingAlarm } from '../recording/segment-writer.ts';
import { SegmentWriter } from '../recording/segment-writer.ts';
import type { GapReason } from '../recording/model.ts';
import type { SegmentStore } from '../recording/segment-store.ts';
import type { Clock } from '../shared/clock.ts';
import { stripCredentials } from '../shared/redact.ts';
import { initialStatus, RateMeter, type CameraRecordingState, type CameraRecordingStatus } from './camera-status.ts';
import type { FragmentTap } from './recorder.ts';

export interface RecordingOutputOptions {
  cameraId: string;
  db: Db;
  store: SegmentStore;
  clock: Clock;
  onStatus: (status: CameraRecordingStatus) => void;
  onAlarm: (alarm: RecordingAlarm) => void;
  /** The camera's source: its password is taken out of every reason and error this reports. */
  sourceUrl?: string;
  /** The recorder sends live viewers chunks of its own (`live`), smaller than the fragments it writes. */
  liveChunks?: boolean;
  /** Cluster mode: this recorder's node id, the fence its segments are indexed under (segment-repository.ts). */
  fence?: string;
}

export class RecordingOutput {
  readonly status: CameraRecordingStatus;
  readonly rates: RateMeter;
  private readonly writer: SegmentWriter;
  private writes: Promise<void> = Promise.resolve();
  private open = false;
  private lastEndMs: number | undefined;
  /** Set while someone watches live: a copy of every init and fragment, taken before it is queued for the disk. */
  private liveTap: FragmentTap | null = null;
  private currentInit: Buffer | undefined;
  /** Missing time of the gaps this output opened and saw closed (ms); the one still open begins at outageFromMs. */
  private missingMs = 0;
  private outageFromMs: number | undefined;

  constructor(private readonly o: RecordingOutputOptions) {
    const now = o.clock.now();
    this.status = initialStatus(o.cameraId, now);
    this.rates = new RateMeter(now.getTime());
    this.writer = new SegmentWriter({
      db: o.db,
      store: o.store,
      cameraId: o.cameraId,
      clock: o.clock,
      fence: o.fence,
      onSegment: () => {
        this.status.segments += 1;
        // A segment indexed again (the database back, space freed): the camera records, whatever failed before.
        if (this.status.state === 'error') this.setState('online', null);
      },
      onAlarm: (alarm) => {
        // The writer opened a gap (DISK_FULL, STREAM_ERROR) from the end of what it kept: the next segment closes it.
        this.outageFromMs ??= this.lastEndMs ?? o.clock.now().getTime();
        this.setState('error', alarm.detail || alarm.kind);
        o.onAlarm(alarm);
      },
    });
  }

  get segmentOpen(): boolean {
    return this.open;
  }

  get currentStatus(): CameraRecordingStatus {
    return { ...this.status, fps: this.rates.fps, bitrateBps: this.rates.bitrateBps, secondsMissing: this.secondsMissing() };
  }

  /** Every gap's seconds since this output began, an outage still going on counted up to now. */
  secondsMissing(nowMs: number = this.o.clock.now().getTime()): number {
    const openMs = this.outageFromMs === undefined ? 0 : Math.max(0, nowMs - this.outageFromMs);
    return Math.round(this.missingMs + openMs) / 1000;
  }

  /** Starts a segment with this init segment, finishing the open one first. */
  startSegment(init: Buffer): void {
    const wasOpen = this.open;
    this.open = true;
    this.currentInit = init;
    this.liveTap?.({ kind: 'init', data: Buffer.from(init), wallMs: this.o.clock.now().getTime(), keyframe: false });
    this.enqueue(async () => {
      // The writer's own state too: a failed write may have run after this segment's open was queued.
      // A finished segment whose row could not be written (database away) is kept for the next close;
      // the next segment is written to disk meanwhile.
      if (wasOpen || this.writer.state === 'open') await this.writer.close().catch((error: unknown) => this.setState('error', (error as Error).message));
      await this.writer.open(init);
    });
  }

  /** A fragment, as one buffer or as pieces written in order; `done` runs once it is written, or failed. */
  append(fragment: Buffer | readonly Buffer[], meta: FragmentMeta, done?: () => void): void {
    if (this.outageFromMs !== undefined) {
      // The first fragment after an outage: its segment's index row closes the open gap at this start.
      this.missingMs += Math.max(0, meta.startMs - this.outageFromMs);
      this.outageFromMs = undefined;
    }
    this.lastEndMs = meta.endMs;
    this.status.framesRecorded += meta.frames;
    // Copied now: the pieces may be views into buffers the recorder reuses once they are written.
    if (this.liveTap && !this.o.liveChunks) this.liveTap({ kind: 'fragment', data: Buffer.concat(Buffer.isBuffer(fragment) ? [fragment] : fragment), wallMs: meta.startMs, keyframe: meta.keyframe });
    this.enqueue(async () => {
      try {
        await this.writer.append(fragment, meta);
      } finally {
        done?.();
      }
    });
  }

  /** A live chunk (a moof+mdat for viewers only, not written), when the recorder makes its own. */
  live(data: Buffer, meta: { startMs: number; keyframe: boolean }): void {
    this.liveTap?.({ kind: 'fragment', data, wallMs: meta.startMs, keyframe: meta.keyframe });
  }

  /** Live viewers: every init and fragment from now on (the open segment's init at once), until null. */
  setLiveTap(tap: FragmentTap | null): void {
    this.liveTap = tap;
    if (tap && this.open && this.currentInit) tap({ kind: 'init', data: Buffer.from(this.currentInit), wallMs: this.o.clock.now().getTime(), keyframe: false });
  }

  finishSegment(): void {
    if (!this.open) return;
    this.open = false;
    this.enqueue(() => this.writer.close());
  }

  /** The source went away: the segment is finished, the camera is offline, and the missing time is a gap. */
  disconnected(unsafeReason: string): void {
    const reason = this.safe(unsafeReason);
    const wasRecording = this.open;
    this.finishSegment();
    this.status.reconnects += 1;
    this.rates.reset(this.o.clock.now().getTime());
    this.setState('offline', reason);
    if (wasRecording && this.lastEndMs !== undefined) {
      this.outageFromMs ??= this.lastEndMs;
      const fromAt = new Date(this.lastEndMs).toISOString();
      this.enqueue(() => recordGap(this.o.db, { cameraId: this.o.cameraId, fromAt, reason: 'CONNECTION_LOST', detail: reason }, this.o.clock.now()));
    }
  }

  /**
   * Time missing inside a stream (frames skipped to a keyframe): a closed gap, written in order with
   * the fragments around it, and counted in secondsMissing.
   */
  hole(fromMs: number, toMs: number, reason: GapReason, detail: string): void {
    if (toMs <= fromMs) return;
    this.missingMs += toMs - fromMs;
    const gap = { cameraId: this.o.cameraId, fromAt: new Date(fromMs).toISOString(), toAt: new Date(toMs).toISOString(), reason, detail };
    this.enqueue(() => recordGap(this.o.db, gap, this.o.clock.now()));
  }

  /** Resolves when every queued write is done. */
  flushed(): Promise<void> {
    return this.writes;
  }

  setState(state: CameraRecordingState, unsafeReason: string | null): void {
    const reason = unsafeReason === null ? null : this.safe(unsafeReason);
    if (this.status.state !== state) this.status.since = this.o.clock.now().toISOString();
    this.status.state = state;
    if (reason !== null || state === 'online') this.status.reason = reason;
    if (reason !== null) this.status.lastError = reason;
    this.o.onStatus(this.currentStatus);
  }

  /** Every reason and error leaves the recorder (status, events, gaps) through here, without credentials. */
  private safe(reason: string): string {
    return stripCredentials(reason, this.o.sourceUrl);
  }

  private enqueue(operation: () => Promise<unknown>): void {
    this.writes = this.writes.then(operation).then(
      () => undefined,
      (error: unknown) => {
        this.open = false;
        this.setState('error', (error as Error).message);
      },
    );
  }
}
