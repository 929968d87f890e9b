/**
 * Start-up recovery after a crash (kill -9, power loss). For each camera, in sequence order:
 * - `<name>.mp4.partial`: cut to its last complete fragment and finished as a segment (file, then
 *   row and chain link), or deleted when no fragment is complete;
 * - a final file newer than the chain head but without a row (crash between rename and insert):
 *   given its row.
 * A CRASH_RECOVERY gap then covers the lost time, left open until the camera's next segment closes it. A final file at or below the chain head
 * without a row, or a row without a file, is tampering or loss: verifyChain reports it, nothing here
 * touches it. A partial at or below the chain head (a dead cluster recorder's, whose successor went on with
 * the chain) is set aside as an orphan (orphans.ts), never indexed. Only day folders from the chain head's
 * day on are scanned, unless `full` is set.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import { recordGap } from './gap-repository.ts';
import { isoMs, type RecordingGap } from './model.ts';
import { setAsideOrphan } from './orphans.ts';
import { salvageLayout } from './salvage.ts';
import { nodeSegmentFs, type SegmentFs } from './segment-fs.ts';
import { isCameraId } from './segment-paths.ts';
import { dayFolders, dayOf, segmentFiles, type FoundFile } from './segment-scan.ts';
import { chainHead, indexSegment, latestSegment } from './segment-repository.ts';

export interface RecoveryOptions {
  fs?: SegmentFs;
  /** Scan every day folder, not only those from the chain head's day on. */
  full?: boolean;
  /** Only these cameras (a cluster recorder recovers a camera when it claims it). */
  cameras?: readonly string[];
  /** Cluster mode: the node id the segments are indexed under (indexSegment's fence). */
  fence?: string;
}

export interface RecoveryReport {
  /** Partial files finished as segments. */
  recovered: { cameraId: string; seq: number; path: string; keptBytes: number; lostBytes: number; frames: number }[];
  /** Final files that had no row and got one. */
  indexed: { cameraId: string; seq: number; path: string }[];
  /** Partial files with no complete fragment, deleted. */
  discarded: { cameraId: string; path: string; lostBytes: number }[];
  /** Partial files whose seq the chain had passed, set aside under `<camera>/orphans/`. */
  orphaned: { cameraId: string; seq: number; path: string }[];
  gaps: RecordingGap[];
  failed: { path: string; error: string }[];
}

interface Ctx {
  db: Db;
  clock: Clock;
  fs: SegmentFs;
  root: string;
  fence: string | undefined;
  report: RecoveryReport;
}

export async function recoverPartials(root: string, db: Db, clock: Clock, options: RecoveryOptions = {}): Promise<RecoveryReport> {
  const ctx: Ctx = { db, clock, fs: options.fs ?? nodeSegmentFs, root: path.resolve(root), fence: options.fence, report: { recovered: [], indexed: [], discarded: [], orphaned: [], gaps: [], failed: [] } };
  const only = options.cameras ? new Set(options.cameras) : undefined;
  for (const cameraId of (await ctx.fs.list(ctx.root)).filter((id) => isCameraId(id) && (!only || only.has(id))).sort()) {
    try {
      await recoverCamera(ctx, cameraId, options.full ?? false);
    } catch (error) {
      ctx.report.failed.push({ path: cameraId, error: message(error) });
    }
  }
  return ctx.report;
}

async function recoverCamera(ctx: Ctx, cameraId: string, full: boolean): Promise<void> {
  const latest = await latestSegment(ctx.db, cameraId);
  const days = await dayFolders(ctx.fs, path.join(ctx.root, cameraId), full || !latest ? undefined : dayOf(latest.startAt));
  const headSeq = (await chainHead(ctx.db, cameraId))?.seq ?? 0;
  const found = await segmentFiles(ctx.fs, ctx.root, cameraId, days);
  await setAsideStalePartials(ctx, cameraId, found.filter((f) => f.seq <= headSeq));
  const files = found.filter((f) => f.seq > headSeq);
  let lostFromMs: number | null = null;
  for (const [i, file] of files.entries()) {
    const next = files[i + 1];
    try {
      if (file.partial) lostFromMs = await recoverPartial(ctx, cameraId, file);
      // A crash between link and unlink leaves the final file and its partial twin: the final one is complete.
      else if (next?.partial && next.seq === file.seq) {
        await ctx.fs.unlink(next.abs);
        files.splice(i + 1, 1);
        lostFromMs = await indexFinal(ctx, cameraId, file);
      } else lostFromMs = await indexFinal(ctx, cameraId, file);
    } catch (error) {
      ctx.report.failed.push({ path: file.rel, error: message(error) });
    }
  }
  if (lostFromMs === null) return;
  // Open: what is lost runs on past the restart until the camera's first new segment, which closes it.
  const detail = '最后一个完整分片之后的录像在崩溃中丢失 / footage lost between the last complete fragment and the restart';
  ctx.report.gaps.push(await recordGap(ctx.db, { cameraId, fromAt: isoMs(lostFromMs), reason: 'CRASH_RECOVERY', detail }, ctx.clock.now()));
}

/** Partials the chain has passed (no final twin of the same name): kept, out of the way of recovery and verification. */
async function setAsideStalePartials(ctx: Ctx, cameraId: string, stale: FoundFile[]): Promise<void> {
  const finals = new Set(stale.filter((f) => !f.partial).map((f) => f.rel));
  for (const file of stale) {
    if (!file.partial || finals.has(file.rel.slice(0, -'.partial'.length))) continue;
    try {
      ctx.report.orphaned.push({ cameraId, seq: file.seq, path: await setAsideOrphan(ctx.fs, ctx.root, file.rel) });
    } catch (error) {
      ctx.report.failed.push({ path: file.rel, error: message(error) });
    }
  }
}

/** Returns where the kept footage ends (the partial's start when nothing was kept). */
async function recoverPartial(ctx: Ctx, cameraId: string, file: FoundFile): Promise<number> {
  // The one place a segment file is read back: its incremental hash died with the crashed process.
  const buf = await ctx.fs.readFile(file.abs);
  const kept = salvageLayout(buf);
  if (kept.fragments === 0) {
    await ctx.fs.unlink(file.abs);
    await ctx.fs.syncDir(path.dirname(file.abs));
    ctx.report.discarded.push({ cameraId, path: file.rel, lostBytes: buf.length });
    return file.startMs;
  }
  if (kept.keptEnd < buf.length) {
    const handle = await ctx.fs.openForUpdate(file.abs);
    try {
      await handle.truncate(kept.keptEnd);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
  const finalAbs = file.abs.slice(0, -'.partial'.length);
  const finalRel = file.rel.slice(0, -'.partial'.length);
  await ctx.fs.publish(file.abs, finalAbs);
  await ctx.fs.syncDir(path.dirname(finalAbs));
  const endMs = file.startMs + kept.durationMs;
  const sha256 = createHash('sha256').update(buf.subarray(0, kept.keptEnd)).digest('hex');
  const seg = { cameraId, seq: file.seq, startMs: file.startMs, endMs, bytes: kept.keptEnd, codec: kept.codec ?? 'unknown', frames: kept.frames, path: finalRel, sha256 };
  await indexSegment(ctx.db, seg, ctx.clock.now(), ctx.fence);
  ctx.report.recovered.push({ cameraId, seq: file.seq, path: finalRel, keptBytes: kept.keptEnd, lostBytes: buf.length - kept.keptEnd, frames: kept.frames });
  return endMs;
}

/** A complete file that lost its row: hashed whole (it was flushed before it got its name). */
async function indexFinal(ctx: Ctx, cameraId: string, file: FoundFile): Promise<number> {
  const buf = await ctx.fs.readFile(file.abs);
  const meta = salvageLayout(buf);
  const endMs = file.startMs + meta.durationMs;
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const seg = { cameraId, seq: file.seq, startMs: file.startMs, endMs, bytes: buf.length, codec: meta.codec ?? 'unknown', frames: meta.frames, path: file.rel, sha256 };
  await indexSegment(ctx.db, seg, ctx.clock.now(), ctx.fence);
  ctx.report.indexed.push({ cameraId, seq: file.seq, path: file.rel });
  return endMs;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
