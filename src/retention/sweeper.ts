/**
 * The retention job (REG-17-3): deletes, in batches, the segments that are eligible, whose purpose
 * is achieved and that no hold covers, each through the gate and the deleter. Runs every few minutes
 * in the server and on demand (`custos retention sweep`); "now" is the injected clock's.
 */
import type { Db } from '../db/connect.ts';
import { camerasWithSegments } from '../recording/segment-repository.ts';
import type { Clock } from '../shared/clock.ts';
import { permitDeletion, type CameraRetentionFacts, type DeletionPermit } from './deletion-gate.ts';
import { cameraFacts, requireCameraRecord } from './facts-repository.ts';
import type { ObjectRefusal, SegmentDeleter } from './segment-deleter.ts';

const DAY_MS = 86_400_000;

export interface SweepOptions {
  /** Segments deleted per transaction (default 2000). */
  batchSize?: number;
  /** Only this camera. */
  cameraId?: string;
  onProgress?: (p: SweepProgress) => void;
}

export interface SweepProgress {
  phase: 'sweep';
  done: number;
  total: number;
}

export interface SweepReport {
  at: string;
  deleted: number;
  bytes: number;
  filesMissing: number;
  /** Segments past eligibility kept: under a hold, or linked to an open case. */
  kept: { held: number; purposeOngoing: number };
  /** Cameras with segments but no registry record: nothing of theirs is deleted. */
  unknownCameras: string[];
  durationMs: number;
  /** Segments whose object the bucket refused to delete (object lock); present only when there were any. */
  objectsRefused?: ObjectRefusal[];
}

export interface SweeperDeps {
  db: Db;
  clock: Clock;
  deleter: SegmentDeleter;
}

export class RetentionSweeper {
  private running: Promise<SweepReport> | undefined;

  constructor(private readonly d: SweeperDeps) {}

  /** One sweep; a call while one runs waits for it and returns its report. */
  sweep(options: SweepOptions = {}): Promise<SweepReport> {
    this.running ??= this.run(options).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(options: SweepOptions): Promise<SweepReport> {
    const started = Date.now();
    const now = this.d.clock.now();
    const report: SweepReport = { at: now.toISOString(), deleted: 0, bytes: 0, filesMissing: 0, kept: { held: 0, purposeOngoing: 0 }, unknownCameras: [], durationMs: 0 };
    const cameras = options.cameraId ? [options.cameraId] : await camerasWithSegments(this.d.db);
    const progress: SweepProgress = { phase: 'sweep', done: 0, total: cameras.length };
    for (const cameraId of cameras) {
      const camera = await requireCameraRecord(this.d.db, cameraId);
      if (!camera) report.unknownCameras.push(cameraId);
      else await this.sweepCamera(await cameraFacts(this.d.db, camera, now), now, options.batchSize ?? 2000, report);
      progress.done++;
      options.onProgress?.({ ...progress });
    }
    report.durationMs = Date.now() - started;
    return report;
  }

  private async sweepCamera(facts: CameraRetentionFacts, now: Date, batchSize: number, report: SweepReport): Promise<void> {
    // No segment that ended or was indexed after this can be eligible yet: a superset, each one checked by the gate.
    const shortest = Math.max(facts.floorDays ?? 0, Math.min(...facts.timeline.map((t) => t.days)));
    const cutoff = new Date(now.getTime() - shortest * DAY_MS).toISOString();
    const db = this.d.db;
    async function* batches(): AsyncGenerator<DeletionPermit[]> {
      let afterSeq = 0;
      for (;;) {
        const page = await db
          .selectFrom('segments')
          .selectAll()
          .where('cameraId', '=', facts.cameraId)
          .where('seq', '>', afterSeq)
          .where('endAt', '<', cutoff)
          .where('createdAt', '<', cutoff)
          .orderBy('seq')
          .limit(batchSize)
          .execute();
        const permits: DeletionPermit[] = [];
        for (const segment of page) {
          const verdict = permitDeletion(segment, { kind: 'RETENTION', facts }, now);
          if (verdict.permitted) permits.push(verdict);
          else if (verdict.reason === 'HELD') report.kept.held++;
          else if (verdict.reason === 'PURPOSE_ONGOING') report.kept.purposeOngoing++;
        }
        if (permits.length > 0) yield permits;
        if (page.length < batchSize) return;
        afterSeq = page[page.length - 1]!.seq;
      }
    }
    const done = await this.d.deleter.deleteAll(batches(), now);
    report.deleted += done.deleted;
    report.bytes += done.bytes;
    report.filesMissing += done.filesMissing;
    if (done.objectsRefused) report.objectsRefused = [...(report.objectsRefused ?? []), ...done.objectsRefused];
  }
}
