/**
 * Deletes segments that hold a permit (deletion-gate.ts), in batches, so that a crash at any point
 * leaves nothing that start-up recovery cannot settle:
 *   1. each file is renamed into `<segments>/.deleting/<segmentId>` (same file system: atomic), and
 *      that folder is flushed once per batch;
 *   2. one transaction removes the index rows and writes their `segment_deletions` rows (the
 *      commit point);
 *   3. the quarantined files are unlinked.
 * After a crash before 2 commits, recovery moves each quarantined file back to its row's path;
 * after 2, it unlinks the files whose rows are gone. No index row is ever left without its file, and
 * no file without its row. The quarantine folder's name is not a camera id, so the recorder's
 * recovery and the chain verifier never look inside it.
 * A segment in the object store (location 's3') is not moved: after the commit its object is
 * deleted, as step 3 unlinks a file. A bucket whose object lock still holds it refuses: that refusal
 * is recorded for the segment (objectsRefused, onObjectRefused) and nothing else changes.
 */
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import { errno } from '../recording/segment-fs.ts';
import { resolveInRoot } from '../recording/segment-paths.ts';
import { isIssued, type DeletionPermit } from './deletion-gate.ts';
import { nodeDeletionFs, type DeletionFs } from './deletion-fs.ts';
import type { SegmentDeletionsTable } from '../db/ledger-tables.ts';
import { retentionDb } from './tables.ts';

export const QUARANTINE_DIR = '.deleting';
const CONCURRENCY = 32;
/** Renames queued at once: enough to keep the thread pool busy while the main thread commits. */
const MOVE_CONCURRENCY = 512;
const INSERT_CHUNK = 2000;

export interface DeleterOptions {
  db: Db;
  /** The segments root. */
  root: string;
  fs?: DeletionFs;
  /** The object store, for segments whose location is 's3'. */
  objects?: ObjectDeleter;
  /** An object the store refused to delete (object lock): its row and log entry went like the others'. */
  onObjectRefused?: (refusal: ObjectRefusal) => void;
}

export interface ObjectDeleter {
  deleteObject(path: string): Promise<void>;
}

export interface ObjectRefusal {
  segmentId: string;
  path: string;
  error: string;
}

export interface DeletedBatch {
  deleted: number;
  bytes: number;
  /** Segments whose file was already missing when they were deleted (their row and log entry went). */
  filesMissing: number;
  /** Objects the store refused to delete; present only when there were any. */
  objectsRefused?: ObjectRefusal[];
}

export class DeletionRefused extends Error {}

interface Moved {
  permits: readonly DeletionPermit[];
  moved: DeletionPermit[];
  filesMissing: number;
}

export class SegmentDeleter {
  readonly root: string;
  readonly quarantine: string;
  private readonly fs: DeletionFs;
  private ready = false;
  private pending: Promise<void> = Promise.resolve();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly o: DeleterOptions) {
    this.root = path.resolve(o.root);
    this.quarantine = path.join(this.root, QUARANTINE_DIR);
    this.fs = o.fs ?? nodeDeletionFs;
  }

  /** Deletes every segment of the batch, or (on an error before the commit) none of them. */
  async delete(permits: readonly DeletionPermit[], at: Date): Promise<DeletedBatch> {
    return this.exclusive(async () => {
      const moved = await this.move(permits);
      const done = await this.finish(moved, at);
      await this.settle();
      return done;
    });
  }

  /**
   * Deletes batch after batch, each as `delete` does, with the files of the next batch moving into
   * quarantine while the current one commits and the unlinks of the last one running behind. An
   * error stops at the batch that failed; the batches before it are done, it and the one moving
   * are put back.
   */
  async deleteAll(batches: AsyncIterable<readonly DeletionPermit[]>, at: Date): Promise<DeletedBatch> {
    return this.exclusive(() => this.pipeline(batches, at));
  }

  /**
   * One deletion at a time: two runs moving the same file (the sweeper and an order over the same
   * footage) could otherwise leave a file put back without its row.
   */
  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async pipeline(batches: AsyncIterable<readonly DeletionPermit[]>, at: Date): Promise<DeletedBatch> {
    const total: DeletedBatch = { deleted: 0, bytes: 0, filesMissing: 0 };
    const it = batches[Symbol.asyncIterator]();
    let step = await it.next();
    let moving = step.done ? null : this.move(step.value);
    try {
      while (moving) {
        const moved = await moving;
        let following: Promise<Moved> | null;
        try {
          step = await it.next();
          following = step.done ? null : this.move(step.value);
        } catch (error) {
          await this.restore(moved.moved);
          throw error;
        }
        // Settled below on every path; this keeps a rejection from counting as unhandled meanwhile.
        following?.catch(() => undefined);
        try {
          const done = await this.finish(moved, at, true);
          total.deleted += done.deleted;
          total.bytes += done.bytes;
          total.filesMissing += done.filesMissing;
          if (done.objectsRefused) total.objectsRefused = [...(total.objectsRefused ?? []), ...done.objectsRefused];
        } catch (error) {
          if (following) await following.then((m) => this.restore(m.moved), () => undefined);
          throw error;
        }
        moving = following;
      }
    } finally {
      await this.settle();
    }
    return total;
  }

  /** Step 1: the files into quarantine; on an error the ones moved go back. */
  private async move(permits: readonly DeletionPermit[]): Promise<Moved> {
    for (const permit of permits) if (!isIssued(permit)) throw new DeletionRefused(`segment ${permit.segment.id} has no permit from the retention gate`);
    if (!this.ready && permits.length > 0) {
      await this.fs.mkdir(this.quarantine);
      this.ready = true;
    }
    const moved: DeletionPermit[] = [];
    let filesMissing = 0;
    try {
      await eachLimited(permits, MOVE_CONCURRENCY, async (permit) => {
        if (permit.segment.location === 's3') return;
        try {
          await this.fs.rename(resolveInRoot(this.root, permit.segment.path), this.quarantined(permit.segment.id));
          moved.push(permit);
        } catch (error) {
          if (errno(error) !== 'ENOENT') throw error;
          filesMissing++;
        }
      });
    } catch (error) {
      await this.restore(moved);
      throw error;
    }
    return { permits, moved, filesMissing };
  }

  /** Steps 2 and 3: flush the quarantine folder, commit rows and log, unlink (in the background when asked). */
  private async finish(m: Moved, at: Date, background = false): Promise<DeletedBatch> {
    if (m.permits.length === 0) return { deleted: 0, bytes: 0, filesMissing: 0 };
    try {
      if (m.moved.length > 0) await this.fs.syncDir(this.quarantine);
      await this.commit(m.permits, at);
    } catch (error) {
      await this.restore(m.moved);
      throw error;
    }
    const unlinks = eachLimited(m.moved, CONCURRENCY, (permit) => this.fs.unlink(this.quarantined(permit.segment.id)));
    if (background) this.pending = Promise.all([this.pending, unlinks.catch(() => undefined)]).then(() => undefined);
    else await unlinks;
    const refused = await this.deleteObjects(m.permits.filter((p) => p.segment.location === 's3'));
    return { deleted: m.permits.length, bytes: m.permits.reduce((n, p) => n + p.segment.bytes, 0), filesMissing: m.filesMissing, ...(refused.length ? { objectsRefused: refused } : {}) };
  }

  /** Step 3 for the object store: each object deleted, each refusal recorded. */
  private async deleteObjects(permits: readonly DeletionPermit[]): Promise<ObjectRefusal[]> {
    const refused: ObjectRefusal[] = [];
    await eachLimited(permits, CONCURRENCY, async ({ segment }) => {
      try {
        if (!this.o.objects) throw new Error('no object store is configured (storage.mode local)');
        await this.o.objects.deleteObject(segment.path);
      } catch (error) {
        const refusal = { segmentId: segment.id, path: segment.path, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
        refused.push(refusal);
        this.o.onObjectRefused?.(refusal);
      }
    });
    return refused;
  }

  /** Waits for the unlinks started in the background. */
  async settle(): Promise<void> {
    await this.pending;
  }

  /** Start-up: settles what a crash left in the quarantine folder. */
  recover(): Promise<{ restored: number; unlinked: number }> {
    return this.exclusive(() => this.settleQuarantine());
  }

  private async settleQuarantine(): Promise<{ restored: number; unlinked: number }> {
    const names = (await this.fs.list(this.quarantine)).filter((n) => /^seg_[0-9a-z]+$/.test(n));
    let restored = 0;
    let unlinked = 0;
    const db = retentionDb(this.o.db);
    for (const name of names) {
      const row = await db.selectFrom('segments').select(['path']).where('id', '=', name).executeTakeFirst();
      if (row) {
        await this.fs.rename(this.quarantined(name), resolveInRoot(this.root, row.path));
        restored++;
      } else {
        await this.fs.unlink(this.quarantined(name));
        unlinked++;
      }
    }
    return { restored, unlinked };
  }

  private quarantined(segmentId: string): string {
    return path.join(this.quarantine, segmentId);
  }

  private async commit(permits: readonly DeletionPermit[], at: Date): Promise<void> {
    const deletedAt = at.toISOString();
    const rows: Omit<SegmentDeletionsTable, 'seq'>[] = permits.map(({ segment: s, policy, orderRef }) => ({
      // One deletion per segment: its id follows from the segment's (and a replay cannot log it twice).
      id: `del_${s.id.replace(/^seg_/, '')}`,
      segmentId: s.id,
      cameraId: s.cameraId,
      segmentSeq: s.seq,
      startAt: s.startAt,
      endAt: s.endAt,
      sha256: s.sha256,
      prevChainHash: s.prevChainHash,
      chainHash: s.chainHash,
      bytes: s.bytes,
      policy,
      orderRef,
      deletedAt,
    }));
    await retentionDb(this.o.db)
      .transaction()
      .execute(async (tx) => {
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const chunk = rows.slice(i, i + INSERT_CHUNK);
          const result = await tx
            .deleteFrom('segments')
            .where(
              'id',
              'in',
              chunk.map((r) => r.segmentId),
            )
            .executeTakeFirst();
          if (Number(result.numDeletedRows) !== chunk.length) throw new DeletionRefused('a segment row changed or went while it was being deleted');
          await tx.insertInto('segmentDeletions').values(chunk).execute();
        }
      });
  }

  private async restore(moved: readonly DeletionPermit[]): Promise<void> {
    for (const permit of moved) {
      await this.fs.rename(this.quarantined(permit.segment.id), resolveInRoot(this.root, permit.segment.path)).catch(() => undefined);
    }
  }
}

async function eachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
