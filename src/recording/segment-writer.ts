/**
 * One camera's segment writer. open(init) starts a segment; the file appears (as `<name>.mp4.partial`)
 * with the first fragment, whose start names it; append() writes fragments in order, hashing each
 * as it is written (the file is never read back); close() flushes, publishes the file under its final
 * name and only then adds the index row and chain link. Operations of one writer run strictly in
 * order; writers of different cameras share nothing but the database.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { SegmentLocation } from '../db/recording-tables.ts';
import type { Clock } from '../shared/clock.ts';
import { ConflictError, DomainError, InvalidError } from '../shared/errors.ts';
import { parseInit } from './fmp4-meta.ts';
import { recordGap, type GapInput } from './gap-repository.ts';
import { isoMs, type FinishedSegment, type SegmentRow } from './model.ts';
import { recoverPartials } from './recover.ts';
import { roomToResume } from './disk-room.ts';
import { isDiskFull } from './segment-fs.ts';
import { checkCameraId } from './segment-paths.ts';
import { chainHead, indexSegment, latestSegment } from './segment-repository.ts';
import type { SegmentSink, SegmentStore } from './segment-store.ts';

export interface FragmentMeta {
  startMs: number;
  endMs: number;
  frames: number;
  keyframe: boolean;
}

export interface RecordingAlarm {
  kind: 'DISK_FULL' | 'WRITE_FAILED';
  cameraId: string;
  at: string;
  detail: string;
  /** The segment saved from the interrupted one, if any fragment of it was complete. */
  salvaged: SegmentRow | null;
}

export interface SegmentWriterOptions {
  db: Db;
  store: SegmentStore;
  cameraId: string;
  clock: Clock;
  /** Defaults to the codec named in the init segment. */
  codec?: string;
  onSegment?: (row: SegmentRow) => void;
  onAlarm?: (alarm: RecordingAlarm) => void;
  /** Cluster mode: this recorder's node id; a segment is indexed only while it holds the camera's lease. */
  fence?: string;
}

export type WriterState = 'idle' | 'open' | 'stopped';

interface Current {
  init: Buffer;
  codec: string;
  sink?: SegmentSink;
  hash: Hash;
  seq: number;
  startMs: number;
  endMs: number;
  frames: number;
  fragments: number;
  /** Bytes up to the end of the last fragment written whole. */
  bytes: number;
}

export class SegmentWriter {
  private readonly o: SegmentWriterOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private current: Current | null = null;
  private stoppedBy: string | null = null;
  /** The failure whose gap is open and whose alarm went out; retries that fail the same way add neither. */
  private outage: RecordingAlarm['kind'] | null = null;
  /** Where the outage's gap begins: a row of a segment from before it (salvaged, written late) does not end the outage. */
  private outageFromMs = 0;
  private lastSeq: number | null = null;
  /** Final files whose index row could not be written yet; retried, in order, before the next one. */
  private readonly unindexed: FinishedSegment[] = [];
  /** The outage's gap, when the database (on the same full disk) refused it: written before the next row, which closes it. */
  private pendingGap: GapInput | null = null;
  /** A salvaged segment whose file the full disk would not let be finished: finished first when there is room. */
  private unpublished: { cur: Current; sink: SegmentSink } | null = null;
  /** Size of the last segment this writer finished: what the next one will need, about. */
  private lastSegmentBytes = 0;

  constructor(options: SegmentWriterOptions) {
    checkCameraId(options.cameraId);
    this.o = options;
  }

  get state(): WriterState {
    return this.stoppedBy ? 'stopped' : this.current ? 'open' : 'idle';
  }

  /**
   * Starts a segment with this init segment. Also restarts a writer stopped by a full disk, once the disk
   * has room for a segment and its reserve (disk-room.ts); until then the writer stays stopped and every
   * append is refused (E_RECORDING_STOPPED) without touching the disk, so each open is one cheap check.
   */
  open(init: Buffer): Promise<void> {
    return this.serial(async () => {
      if (this.current) throw conflict('E_SEGMENT_ALREADY_OPEN', 'A segment is already open; close it first', '已有录像段未关闭');
      // Rows the full disk refused (the salvaged segment, the gap) are written as soon as the database takes them.
      if (this.unindexed.length > 0 || this.pendingGap) await this.flushIndex().catch(() => undefined);
      if (this.outage === 'DISK_FULL' && !(await this.roomAgain())) {
        this.stoppedBy = 'DISK_FULL';
        return;
      }
      if (this.unpublished) await this.finishSalvaged(this.unpublished);
      if (this.unpublished) {
        this.stoppedBy = 'DISK_FULL';
        return;
      }
      this.stoppedBy = null;
      const codec = this.o.codec ?? parseInit(init).codec ?? 'unknown';
      this.current = { init, codec, hash: createHash('sha256'), seq: 0, startMs: 0, endMs: 0, frames: 0, fragments: 0, bytes: 0 };
    });
  }

  /** Appends a fragment, given as one buffer or as pieces written in order (one vectored write). */
  append(fragment: Buffer | readonly Buffer[], info: FragmentMeta): Promise<void> {
    return this.serial(async () => {
      const cur = this.requireOpen();
      checkMeta(info, cur);
      try {
        if (!cur.sink) await this.startFile(cur, info);
        await (cur.sink as SegmentSink).write(fragment);
      } catch (error) {
        await this.stop(error, cur, info.startMs);
        throw stopped(this.o.cameraId, this.stoppedBy ?? 'WRITE_FAILED');
      }
      if (Buffer.isBuffer(fragment)) {
        cur.hash.update(fragment);
        cur.bytes += fragment.length;
      } else {
        for (const part of fragment) {
          cur.hash.update(part);
          cur.bytes += part.length;
        }
      }
      cur.endMs = info.endMs;
      cur.frames += info.frames;
      cur.fragments++;
    });
  }

  /** Finishes the segment: the file becomes final, then its row is added. Null when nothing was appended. */
  close(): Promise<SegmentRow | null> {
    return this.serial(async () => {
      const cur = this.current;
      if (!cur) return null;
      if (!cur.sink) {
        this.current = null;
        return null;
      }
      try {
        await cur.sink.commit(cur.hash.copy().digest('hex'));
      } catch (error) {
        await this.stop(error, cur, cur.endMs, true);
        throw stopped(this.o.cameraId, this.stoppedBy ?? 'WRITE_FAILED');
      }
      this.current = null;
      this.lastSegmentBytes = cur.bytes;
      return this.index(finished(this.o.cameraId, cur, cur.sink.path, cur.sink.location));
    });
  }

  private async roomAgain(): Promise<boolean> {
    const space = await this.o.store.space?.().catch(() => null);
    return !space || space.freeBytes >= roomToResume(this.lastSegmentBytes, space.totalBytes);
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private requireOpen(): Current {
    if (this.stoppedBy) throw stopped(this.o.cameraId, this.stoppedBy);
    if (!this.current) throw conflict('E_SEGMENT_NOT_OPEN', 'No segment is open; call open() first', '没有打开的录像段');
    return this.current;
  }

  private async startFile(cur: Current, info: FragmentMeta): Promise<void> {
    this.lastSeq ??= await this.firstSeq();
    cur.seq = this.lastSeq + 1;
    cur.startMs = info.startMs;
    cur.sink = await this.o.store.begin({ cameraId: this.o.cameraId, seq: cur.seq, startMs: info.startMs });
    this.lastSeq = cur.seq;
    await cur.sink.write(cur.init);
    cur.hash.update(cur.init);
    cur.bytes = cur.init.length;
  }

  /**
   * Where this writer's numbering continues: after the chain head and after every segment file of the
   * camera on disk. Files above the head without a row (a segment salvaged on a full disk whose row the
   * database refused, then a restart) are first given their rows as start-up recovery does, so that no
   * number is used twice and no file is left out of the chain. Cluster mode leaves that to the recovery
   * run when the camera is claimed.
   */
  private async firstSeq(): Promise<number> {
    const head = (await chainHead(this.o.db, this.o.cameraId))?.seq ?? 0;
    const newest = this.o.store.highestSeq ? await latestSegment(this.o.db, this.o.cameraId) : undefined;
    const onDisk = (await this.o.store.highestSeq?.(this.o.cameraId, newest && Date.parse(newest.startAt))) ?? 0;
    if (onDisk <= head) return head;
    const local = this.o.store.localRoot;
    if (local && this.o.fence === undefined) {
      await recoverPartials(local.root, this.o.db, this.o.clock, { fs: local.fs, cameras: [this.o.cameraId] }).catch(() => undefined);
    }
    return Math.max(onDisk, (await chainHead(this.o.db, this.o.cameraId))?.seq ?? 0);
  }

  private async index(seg: FinishedSegment): Promise<SegmentRow> {
    this.unindexed.push(seg);
    return (await this.flushIndex()) as SegmentRow;
  }

  /** Writes the waiting gap, then the waiting rows in order; the last row written, if any. */
  private async flushIndex(): Promise<SegmentRow | undefined> {
    if (this.pendingGap) {
      await recordGap(this.o.db, this.pendingGap, this.o.clock.now());
      this.pendingGap = null;
    }
    let row: SegmentRow | undefined;
    while (this.unindexed.length > 0) {
      const next = this.unindexed[0] as FinishedSegment;
      try {
        row = await indexSegment(this.o.db, next, this.o.clock.now(), this.o.fence);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'E_LEASE_LOST') await this.leaseLost(error);
        throw error;
      }
      this.unindexed.shift();
      if (next.startMs >= this.outageFromMs) this.outage = null;
      this.o.onSegment?.(row);
    }
    return row;
  }

  /**
   * Another recorder holds the camera now and continues its chain: what this one wrote stays out of the
   * index, kept aside as orphans, and the camera stops here (the recorder service's next reconcile).
   */
  private async leaseLost(error: DomainError): Promise<void> {
    const lost = this.unindexed.splice(0);
    this.lastSeq = null;
    this.stoppedBy = error.code;
    for (const seg of lost) {
      try {
        await this.o.store.setAside?.(seg.path);
      } catch {
        // Left where it is: verification then names the file no row has.
      }
    }
  }

  private async salvage(cur: Current, sink: SegmentSink): Promise<SegmentRow | null> {
    try {
      await sink.truncate(cur.bytes);
    } catch {
      // The partial file stays; recoverPartials finishes it at the next start.
      await sink.abandon();
      return null;
    }
    return this.finishSalvaged({ cur, sink });
  }

  /**
   * Publishes the salvaged file and writes its row. A commit the full disk refused is tried again at the
   * next open, before anything else is written, so the file is never left behind a newer segment.
   */
  private async finishSalvaged(s: { cur: Current; sink: SegmentSink }): Promise<SegmentRow | null> {
    try {
      await s.sink.commit(s.cur.hash.copy().digest('hex'));
      this.unpublished = null;
    } catch (error) {
      this.unpublished = isDiskFull(error) ? s : null;
      // Not a matter of room: the partial stays for recoverPartials at the next start.
      if (!this.unpublished) await s.sink.abandon();
      return null;
    }
    // A row that cannot be written now (the database may share the full disk) is retried at the next open or close.
    return this.index(finished(this.o.cameraId, s.cur, s.sink.path, s.sink.location)).catch(() => null);
  }

  /**
   * A write failed: keep what was complete (cut back to the last whole fragment, then finished like
   * any segment), open a gap, raise the alarm. Nothing recorded before is touched.
   */
  private async stop(error: unknown, cur: Current, gapFromMs: number, committing = false): Promise<void> {
    const kind = isDiskFull(error) ? 'DISK_FULL' : 'WRITE_FAILED';
    this.stoppedBy = kind;
    this.current = null;
    let salvaged: SegmentRow | null = null;
    const sink = cur.sink;
    if (sink && cur.fragments > 0 && !committing) {
      salvaged = await this.salvage(cur, sink);
    } else if (sink && committing) {
      await sink.abandon();
    } else if (sink) {
      await sink.discard();
      if (this.lastSeq === cur.seq) this.lastSeq = cur.seq - 1;
    }
    if (this.outage === kind) return;
    this.outage = kind;
    const at = this.o.clock.now();
    const fromMs = cur.fragments > 0 ? cur.endMs : gapFromMs;
    this.outageFromMs = fromMs;
    const detail = error instanceof Error ? error.message : String(error);
    const reason = kind === 'DISK_FULL' ? 'DISK_FULL' : 'STREAM_ERROR';
    const gap: GapInput = { cameraId: this.o.cameraId, fromAt: isoMs(fromMs), reason, detail };
    try {
      await recordGap(this.o.db, gap, at);
    } catch {
      // The database may share the full disk: the gap is written before the next row, the alarm goes out now.
      this.pendingGap = gap;
    }
    this.o.onAlarm?.({ kind, cameraId: this.o.cameraId, at: at.toISOString(), detail, salvaged });
  }
}

function finished(cameraId: string, cur: Current, path: string, location?: SegmentLocation): FinishedSegment {
  return { cameraId, seq: cur.seq, startMs: cur.startMs, endMs: cur.endMs, bytes: cur.bytes, codec: cur.codec, frames: cur.frames, path, sha256: cur.hash.copy().digest('hex'), ...(location ? { location } : {}) };
}

function checkMeta(info: FragmentMeta, cur: Current): void {
  const ok =
    Number.isSafeInteger(info.startMs) && Number.isSafeInteger(info.endMs) && info.startMs >= 0 && info.endMs >= info.startMs && Number.isSafeInteger(info.frames) && info.frames >= 0;
  if (!ok) throw new InvalidError('E_FRAGMENT_META_INVALID', { message: { zh: '片段时间或帧数无效', en: 'Invalid fragment times or frame count' }, details: { ...info } });
  if (cur.fragments === 0 && !info.keyframe) {
    // A segment must play on its own, so it starts on a keyframe.
    throw new InvalidError('E_SEGMENT_NOT_KEYFRAME', { message: { zh: '录像段必须从关键帧开始', en: 'A segment must start on a keyframe' } });
  }
}

function conflict(code: string, en: string, zh: string): ConflictError {
  return new ConflictError(code, { message: { zh, en } });
}

function stopped(cameraId: string, reason: string): ConflictError {
  return new ConflictError('E_RECORDING_STOPPED', {
    message: { zh: `摄像机 ${cameraId} 的录像已停止(${reason})`, en: `Recording of ${cameraId} has stopped (${reason})` },
    details: { cameraId, reason },
  });
}
