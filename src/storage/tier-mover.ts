/**
 * Tiered storage (issue 16): local segments older than `tiered.localHours` go to the bucket. Each is
 * uploaded, read back and hashed; only when its SHA-256 and size equal its index row's does one
 * transaction per batch set `location` 's3' and `moved_at`, and only after that commit is the local
 * file removed. A crash between the commit and the removal leaves local copies of moved segments:
 * harmless (the same verified bytes), and removed at the start of the next run, which looks at the
 * latest moves first. Hashes, chain and ledger are untouched: a move changes where bytes are, never
 * which bytes. In `s3` mode the mover uploads what an upload failure left on local disk (hours 0).
 * `source` 'index' (one process, or one shared folder) walks the index's local rows, and a row without
 * its file is a failure (LOCAL_MISSING). `source` 'folder' (a cluster, where each recorder keeps its
 * own data folder) walks the files of this process's folder and moves the rows they belong to: rows
 * whose file is on another node are never looked at, and a file that another mover took meanwhile
 * (a shared folder) is no failure. The API processes move only where `leadership.isLeader`; each
 * recorder moves its own folder (a leadership that always leads).
 */
import type { Leadership } from '../cluster/leadership.ts';
import type { Db } from '../db/connect.ts';
import type { SegmentRow } from '../recording/model.ts';
import { resolveInRoot } from '../recording/segment-paths.ts';
import type { Clock } from '../shared/clock.ts';
import { hashStream } from '../shared/file-hash.ts';
import { finalFilesBefore } from './local-segment-files.ts';
import type { S3SegmentStore } from './s3-segment-store.ts';
import type { SegmentStores } from './segment-stores.ts';

const BATCH = 100;
const HOUR_MS = 3_600_000;

export interface MoveFailure {
  segmentId: string;
  path: string;
  /** LOCAL_MISSING: no local file; UNVERIFIED: the object read back differs from the index row; UPLOAD_FAILED. */
  reason: 'LOCAL_MISSING' | 'UNVERIFIED' | 'UPLOAD_FAILED';
  detail: string;
}

export interface MoveReport {
  moved: number;
  bytes: number;
  failed: MoveFailure[];
  /** Local copies of already moved segments removed (left by a crash). */
  leftoversRemoved: number;
}

export interface TierMoverLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface TierMoverDeps {
  db: Db;
  clock: Clock;
  stores: SegmentStores;
  leadership: Leadership;
  /** What is moved: the index's local rows (default), or the rows of the files in this process's folder. */
  source?: 'index' | 'folder';
  log?: TierMoverLog;
}

export class TierMover {
  private running: Promise<MoveReport> | undefined;

  constructor(private readonly d: TierMoverDeps) {}

  /** Local segments stay this long: `tiered.localHours`; 0 in `s3` mode (only upload failures are local). */
  get localHours(): number {
    return this.d.stores.config.mode === 'tiered' ? this.d.stores.config.tiered.localHours : 0;
  }

  /** One pass: segments that started more than `olderThanHours` ago. One pass at a time. */
  run(olderThanHours = this.localHours): Promise<MoveReport> {
    this.running ??= this.pass(olderThanHours).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Every `tiered.moveEveryMinutes` while this process is the leader. */
  start(): { stop(): Promise<void> } {
    const every = this.d.stores.config.tiered.moveEveryMinutes * 60_000;
    const tick = async () => {
      if (!this.d.leadership.isLeader) return;
      try {
        const report = await this.run();
        if (report.moved + report.failed.length + report.leftoversRemoved > 0) this.d.log?.info({ ...report, failed: report.failed.length }, 'tier mover');
        for (const f of report.failed) this.d.log?.warn({ ...f }, 'segment not moved to the object store');
      } catch (error) {
        this.d.log?.warn({ err: error }, 'tier mover failed');
      }
    };
    const timer = setInterval(() => void tick(), every);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await this.running?.catch(() => undefined);
      },
    };
  }

  private get s3(): S3SegmentStore {
    const s3 = this.d.stores.s3;
    if (!s3) throw new Error('storage.mode is local: there is no object store to move segments to');
    return s3;
  }

  private async pass(olderThanHours: number): Promise<MoveReport> {
    const s3 = this.s3;
    await this.d.stores.start();
    const report: MoveReport = { moved: 0, bytes: 0, failed: [], leftoversRemoved: 0 };
    report.leftoversRemoved = await this.removeLeftovers();
    const cutoffMs = this.d.clock.now().getTime() - olderThanHours * HOUR_MS;
    const pages = this.d.source === 'folder' ? this.folderPages(cutoffMs, report) : this.indexPages(new Date(cutoffMs).toISOString());
    for await (const page of pages) {
      const verified: SegmentRow[] = [];
      for (const row of page) {
        const failure = await this.copy(s3, row);
        if (!failure) verified.push(row);
        // Another mover over the same folder took it meanwhile: its file is gone, its row moved.
        else if (this.d.source !== 'folder' || (await this.d.stores.local.stat(row.path))) report.failed.push(failure);
      }
      const flipped = await this.flip(verified);
      for (const row of flipped) {
        await this.d.stores.local.fs.unlink(this.localFile(row)).catch(() => undefined);
        report.moved++;
        report.bytes += Number(row.bytes);
      }
    }
    return report;
  }

  /** The index's local rows that started before the cutoff, a batch at a time. */
  private async *indexPages(cutoff: string): AsyncGenerator<SegmentRow[]> {
    let after: { startAt: string; id: string } | undefined;
    for (;;) {
      const page = await this.localPage(cutoff, after);
      if (page.length > 0) yield page;
      if (page.length < BATCH) return;
      const last = page[page.length - 1] as SegmentRow;
      after = { startAt: last.startAt, id: last.id };
    }
  }

  /**
   * The rows of the files in this folder that started before the cutoff, a batch at a time. A file
   * whose row says 's3' is a leftover copy (removed here); one without a row is recovery's business.
   */
  private async *folderPages(cutoffMs: number, report: MoveReport): AsyncGenerator<SegmentRow[]> {
    const local = this.d.stores.local;
    for await (const files of finalFilesBefore(local.fs, local.root, cutoffMs, BATCH)) {
      const rows = await this.d.db.selectFrom('segments').selectAll().where('path', 'in', files.map((f) => f.rel)).execute();
      const page: SegmentRow[] = [];
      for (const row of rows) {
        if (row.location === 'local') page.push(row);
        else if (row.movedAt) {
          // Gone meanwhile when another mover over the same folder removed it.
          if (await local.fs.unlink(this.localFile(row)).then(() => true, () => false)) report.leftoversRemoved++;
        }
      }
      if (page.length > 0) yield page.sort((a, b) => a.startAt.localeCompare(b.startAt) || a.id.localeCompare(b.id));
    }
  }

  private localFile(row: Pick<SegmentRow, 'path'>): string {
    return resolveInRoot(this.d.stores.local.root, row.path);
  }

  private localPage(cutoff: string, after: { startAt: string; id: string } | undefined): Promise<SegmentRow[]> {
    let query = this.d.db.selectFrom('segments').selectAll().where('location', '=', 'local').where('startAt', '<', cutoff);
    if (after) query = query.where((eb) => eb.or([eb('startAt', '>', after.startAt), eb.and([eb('startAt', '=', after.startAt), eb('id', '>', after.id)])]));
    return query.orderBy('startAt').orderBy('id').limit(BATCH).execute();
  }

  /** Uploads the segment and reads it back; a failure when the object is not the index row's bytes. */
  private async copy(s3: S3SegmentStore, row: SegmentRow): Promise<MoveFailure | undefined> {
    const fail = (reason: MoveFailure['reason'], detail: string): MoveFailure => ({ segmentId: row.id, path: row.path, reason, detail });
    const file = this.localFile(row);
    if (!(await this.d.stores.local.stat(row.path))) return fail('LOCAL_MISSING', 'no local file');
    try {
      await s3.upload(row.path, file, row.sha256);
    } catch (error) {
      return fail('UPLOAD_FAILED', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    const back = await hashStream(await s3.openRead(row.path));
    if (back.sha256 !== row.sha256 || back.bytes !== Number(row.bytes)) {
      return fail('UNVERIFIED', `the stored object has ${back.bytes} bytes, sha256 ${back.sha256}; the index says ${row.bytes} bytes, ${row.sha256}; the local file is kept`);
    }
    return undefined;
  }

  /** The commit point: the rows of the verified segments say 's3', in one transaction. Rows gone or changed meanwhile are left out. */
  private async flip(rows: readonly SegmentRow[]): Promise<SegmentRow[]> {
    if (rows.length === 0) return [];
    const movedAt = this.d.clock.now().toISOString();
    return this.d.db.transaction().execute(async (tx) => {
      const flipped: SegmentRow[] = [];
      for (const row of rows) {
        const result = await tx.updateTable('segments').set({ location: 's3', movedAt }).where('id', '=', row.id).where('location', '=', 'local').where('sha256', '=', row.sha256).executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) flipped.push(row);
      }
      return flipped;
    });
  }

  /** Local copies of the latest moved segments that a crash between commit and removal left behind. */
  private async removeLeftovers(): Promise<number> {
    const latest = await this.d.db.selectFrom('segments').select(['path']).where('location', '=', 's3').where('movedAt', 'is not', null).orderBy('movedAt', 'desc').limit(BATCH).execute();
    let removed = 0;
    for (const row of latest) {
      if (!(await this.d.stores.local.stat(row.path))) continue;
      await this.d.stores.local.fs.unlink(this.localFile(row));
      removed++;
    }
    return removed;
  }
}
