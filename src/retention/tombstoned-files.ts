/**
 * Removes from one segments folder the files of segments whose deletion is recorded (art. 17): in a
 * cluster the sweep runs on the API leader and deletes the row and logs the tombstone, while the file
 * sits on the recorder that wrote it. Each recorder walks the deletion log (segment_deletions, by its
 * seq) and removes the file at the tombstone's path when no row names it again and its bytes are the
 * deleted segment's (SHA-256 of the tombstone). A file that merely has no row is never touched: that
 * is recovery's (orphans, salvage). Each removal is one unlink inside the root, its folder flushed.
 * Log seqs can commit out of order (two nodes deleting at once) or never (a rolled-back batch): a gap
 * in the seqs is read again on every run until SETTLE_MS have passed since it was first seen.
 */
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import { nodeSegmentFs, type SegmentFs } from '../recording/segment-fs.ts';
import { resolveInRoot, segmentRelPath } from '../recording/segment-paths.ts';
import type { Clock } from '../shared/clock.ts';
import { hashStream } from '../shared/file-hash.ts';

const PAGE = 1000;
const SETTLE_MS = 10 * 60_000;

export interface TombstonedFilesReport {
  /** Files found at the path of a deleted segment. */
  found: number;
  removed: number;
  bytes: number;
  /** Found but kept: a row names the path again, or the bytes are not the deleted segment's. */
  kept: number;
}

export interface TombstonedFilesLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface TombstonedFilesDeps {
  db: Db;
  /** The segments folder of this process. */
  root: string;
  clock: Clock;
  fs?: SegmentFs;
  log?: TombstonedFilesLog;
}

interface Tombstone {
  seq: number | string;
  segmentId: string;
  cameraId: string;
  segmentSeq: number;
  startAt: string;
  sha256: string;
}

export class TombstonedFiles {
  /** Every log entry up to this seq is settled. */
  private settledThrough = 0;
  private gap: { at: number; since: number; seenThrough: number } | undefined;
  private readonly warned = new Set<string>();
  private running: Promise<TombstonedFilesReport> | undefined;
  private readonly fs: SegmentFs;
  private readonly root: string;

  constructor(private readonly d: TombstonedFilesDeps) {
    this.fs = d.fs ?? nodeSegmentFs;
    this.root = path.resolve(d.root);
  }

  /** One pass over the log entries not settled yet. One pass at a time. */
  run(): Promise<TombstonedFilesReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** A pass every `everyMs`, logging what it removed. */
  start(everyMs: number): { stop(): Promise<void> } {
    const tick = async () => {
      try {
        const report = await this.run();
        if (report.found > 0) this.d.log?.info({ ...report }, 'files of deleted segments removed');
      } catch (error) {
        this.d.log?.warn({ err: error }, 'removing the files of deleted segments failed');
      }
    };
    const timer = setInterval(() => void tick(), everyMs);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await this.running?.catch(() => undefined);
      },
    };
  }

  private async pass(): Promise<TombstonedFilesReport> {
    const report: TombstonedFilesReport = { found: 0, removed: 0, bytes: 0, kept: 0 };
    let after = this.settledThrough;
    let contiguous = this.settledThrough;
    let gapAt: number | undefined;
    for (;;) {
      const page: Tombstone[] = await this.d.db.selectFrom('segmentDeletions').select(['seq', 'segmentId', 'cameraId', 'segmentSeq', 'startAt', 'sha256']).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
      for (const tombstone of page) {
        await this.settle(tombstone, report);
        const seq = Number(tombstone.seq);
        if (gapAt === undefined && seq === contiguous + 1) contiguous = seq;
        else gapAt ??= contiguous + 1;
        after = seq;
      }
      if (page.length < PAGE) break;
    }
    this.advance(contiguous, gapAt, after);
    return report;
  }

  /** Moves the settled mark: past what was read without a gap, and past a gap once it is old enough. */
  private advance(contiguous: number, gapAt: number | undefined, seenThrough: number): void {
    this.settledThrough = contiguous;
    if (gapAt === undefined) {
      this.gap = undefined;
      return;
    }
    const now = this.d.clock.now().getTime();
    if (this.gap?.at !== gapAt) this.gap = { at: gapAt, since: now, seenThrough };
    else if (now - this.gap.since >= SETTLE_MS) {
      this.settledThrough = Math.max(contiguous, this.gap.seenThrough);
      this.gap = undefined;
    }
  }

  private async settle(t: Tombstone, report: TombstonedFilesReport): Promise<void> {
    let rel: string;
    let file: string;
    try {
      rel = segmentRelPath({ cameraId: t.cameraId, seq: Number(t.segmentSeq), startMs: Date.parse(t.startAt) });
      file = resolveInRoot(this.root, rel);
    } catch {
      return;
    }
    const stat = await this.fs.stat(file);
    if (!stat?.isFile) return;
    report.found++;
    if (!(await this.removable(t, rel, file))) {
      report.kept++;
      return;
    }
    await this.fs.unlink(file);
    await this.fs.syncDir(path.dirname(file));
    report.removed++;
    report.bytes += stat.size;
  }

  /** No row names the file or the camera's seq, and the file holds the deleted segment's bytes. */
  private async removable(t: Tombstone, rel: string, file: string): Promise<boolean> {
    const row = await this.d.db
      .selectFrom('segments')
      .select('id')
      .where((eb) => eb.or([eb('path', '=', rel), eb.and([eb('cameraId', '=', t.cameraId), eb('seq', '=', Number(t.segmentSeq))])]))
      .executeTakeFirst();
    if (row) return false;
    const { sha256 } = await hashStream(this.fs.readStream(file));
    if (sha256 === t.sha256) return true;
    if (!this.warned.has(rel)) {
      this.warned.add(rel);
      this.d.log?.warn({ path: rel, segmentId: t.segmentId, sha256, deletedSha256: t.sha256 }, 'a file at the path of a deleted segment holds other bytes: kept');
    }
    return false;
  }
}
