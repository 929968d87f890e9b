/**
 * The render job of a publication (art. 22): the redacted file is made on the job runner, not inside
 * the publish request. When the render ends, the file, its manifest, the register's EXPORT entry and
 * the release's published fields are written together; a render that fails or is cancelled leaves
 * none of them (the partial file is removed) and the release stays APPROVED, to be published again.
 * A job the runner no longer knows (the server restarted) reads FAILED with an INTERRUPTED error.
 */
import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { Principal } from '../../access/principal.ts';
import { listSegments } from '../../recording/segment-repository.ts';
import type { SegmentRow } from '../../recording/model.ts';
import type { Progress } from '../../redaction/model.ts';
import { hashFile } from '../../shared/file-hash.ts';
import { type ReleaseDeps, loadRelease, publicReleaseBasis, publicReleaseReason, releaseContent, requireOnCamera } from './context.ts';
import { jobNotCancellable, releaseLocked, renderNotStarted, sourceNotRecorded } from './errors.ts';
import type { RedactionJob, Release, ReleaseManifest, RenderJob } from './model.ts';
import { releaseRepository as repo } from './release-repository.ts';

const PROGRESS_WRITE_MS = 1000;
export const INTERRUPTED = 'INTERRUPTED: the server stopped while the job ran';

export class RenderJobService {
  constructor(
    private readonly deps: ReleaseDeps,
    private readonly afterPublish: (releaseId: string, principal: Principal) => Promise<void>,
  ) {}

  /** Queues the render of an approved release whose checks passed (ReleaseService.publish makes them). */
  async start(principal: Principal, release: Release, job: RedactionJob): Promise<RenderJob> {
    const { db, clock, runner } = this.deps;
    const segments = await listSegments(db, { cameraId: release.cameraId, from: release.from, to: release.to });
    if (segments.length === 0) throw sourceNotRecorded(release.cameraId, release.from, release.to);
    const now = clock.now().toISOString();
    const render = await repo.insertRenderJob(db, { releaseId: release.id, createdBy: principal.userId, createdAt: now });
    runner.submit(render.id, async (run) => {
      await this.render(render.id, principal, release, job, segments, run);
    });
    return render;
  }

  /** The release's latest render job, with live progress while it runs (who may read the release's job may read it). */
  async current(principal: Principal, releaseId: string): Promise<RenderJob> {
    const release = await loadRelease(this.deps, releaseId);
    await requireOnCamera(this.deps, principal, release, 'EXPORT');
    const latest = await this.latest(releaseId);
    if (!latest) throw renderNotStarted(releaseId);
    return latest;
  }

  /** The latest render job of a release (interrupted ones marked so), or undefined. */
  async latest(releaseId: string): Promise<RenderJob | undefined> {
    const job = await repo.latestRenderJob(this.deps.db, releaseId);
    return job ? this.refreshed(job.id) : undefined;
  }

  async cancel(principal: Principal, releaseId: string): Promise<RenderJob> {
    const release = await loadRelease(this.deps, releaseId);
    await requireOnCamera(this.deps, principal, release, 'EXPORT');
    const job = await this.latest(releaseId);
    if (!job) throw renderNotStarted(releaseId);
    if (job.status !== 'QUEUED' && job.status !== 'RUNNING') throw jobNotCancellable(job.id, job.status);
    const found = this.deps.runner.cancel(job.id);
    // A queued job never runs: its row is ended here. A running one ends itself (and removes its partial file).
    const ended = await repo.updateJob(this.deps.db, job.id, { status: 'CANCELLED', phase: 'cancelled', finishedAt: this.deps.clock.now().toISOString() }, found === 'RUNNING' ? ['RUNNING'] : ['QUEUED', 'RUNNING']);
    if (!ended) throw jobNotCancellable(job.id, (await this.refreshed(job.id)).status);
    return this.refreshed(job.id);
  }

  private async render(jobId: string, principal: Principal, release: Release, job: RedactionJob, segments: SegmentRow[], run: { signal: AbortSignal; progress(p: Progress): void }): Promise<void> {
    const { db, clock, files, engines, register } = this.deps;
    if (!(await repo.updateJob(db, jobId, { status: 'RUNNING', phase: 'starting', startedAt: clock.now().toISOString() }, ['QUEUED']))) return;
    const fileName = `${release.id}.mp4`;
    const folder = await files.folder(release.id);
    const out = path.join(folder, fileName);
    const partial = `${out}.part`;
    let written = 0;
    const onProgress = (p: Progress) => {
      run.progress(p);
      const now = Date.now();
      if (now - written < PROGRESS_WRITE_MS) return;
      written = now;
      void repo.updateJob(db, jobId, { phase: p.phase, done: p.done, total: p.total }, ['RUNNING']).catch(() => undefined);
    };
    let committed = false;
    try {
      const masked = job.tracks.filter((t) => t.resolution === 'MASK').map(({ id: trackId, kind, source, keyframes }) => ({ id: trackId, kind, source, keyframes }));
      const engine = await engines.get();
      const rendered = await files.withSegmentFiles(segments, (inputs) => engine.render(inputs, masked, partial, { signal: run.signal, onProgress }));
      run.signal.throwIfAborted();
      const { sha256, bytes } = await hashFile(partial);
      run.progress({ phase: 'storing', done: rendered.frames, total: rendered.frames });
      const approver = release.approver as NonNullable<Release['approver']>;
      const publishedAt = clock.now().toISOString();
      const manifest = releaseManifest(release, job, segments, { name: fileName, sha256, bytes }, rendered.parameters, approver, publishedAt);
      run.signal.throwIfAborted();
      await rename(partial, out);
      await files.writeManifest(release.id, manifest);
      await db.transaction().execute(async (tx) => {
        // The job ends DONE only if nobody cancelled it meanwhile; otherwise nothing of the publication stays.
        const done = await repo.updateJob(tx, jobId, { status: 'DONE', phase: 'done', done: rendered.frames, total: rendered.frames, finishedAt: publishedAt }, ['RUNNING']);
        if (!done) throw new Error('cancelled');
        const entry = await register.open(
          principal,
          {
            operation: 'EXPORT',
            reason: publicReleaseReason(release),
            content: { ...releaseContent(release), fileHashes: [{ file: fileName, bytes, sha256 }, ...segments.map((s) => ({ segmentId: s.id, cameraId: s.cameraId, sha256: s.sha256 }))] },
            basis: publicReleaseBasis(release),
            approver: { userId: approver.userId, name: approver.name },
          },
          tx,
        );
        const set = { status: 'PUBLISHED', publishedAt, fileName, fileSha256: sha256, fileBytes: bytes, manifest: JSON.stringify(manifest), registerEntryId: entry.id, updatedAt: publishedAt };
        if (!(await repo.transition(tx, release.id, 'APPROVED', set))) throw releaseLocked(release.id, 'PUBLISHED');
      });
      committed = true;
      await this.afterPublish(release.id, principal);
    } catch (error) {
      if (committed) return;
      await files.remove(partial);
      await files.remove(out);
      await files.remove(path.join(folder, 'manifest.json'));
      const cancelled = run.signal.aborted;
      const message = error instanceof Error ? error.message : String(error);
      await repo.updateJob(db, jobId, { status: cancelled ? 'CANCELLED' : 'FAILED', phase: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : message.slice(0, 2000), finishedAt: clock.now().toISOString() }, ['RUNNING']);
    }
  }

  /** The job as stored, with the runner's live progress; a job the runner no longer knows was interrupted. */
  private async refreshed(jobId: string): Promise<RenderJob> {
    const { db, runner, clock } = this.deps;
    const job = (await repo.getRenderJob(db, jobId)) as RenderJob;
    if (job.status !== 'QUEUED' && job.status !== 'RUNNING') return job;
    const live = runner.progress(jobId);
    if (live) return { ...job, progress: live };
    const again = (await repo.getRenderJob(db, jobId)) as RenderJob;
    if (again.status !== 'QUEUED' && again.status !== 'RUNNING') return again;
    await repo.updateJob(db, jobId, { status: 'FAILED', phase: 'failed', error: INTERRUPTED, finishedAt: clock.now().toISOString() }, ['QUEUED', 'RUNNING']);
    const release = await repo.get(db, job.releaseId);
    if (release && release.status === 'APPROVED') {
      const folder = await this.deps.files.folder(job.releaseId);
      await this.deps.files.remove(path.join(folder, `${job.releaseId}.mp4.part`));
    }
    return (await repo.getRenderJob(db, jobId)) as RenderJob;
  }
}

export function releaseManifest(release: Release, job: RedactionJob, segments: SegmentRow[], file: ReleaseManifest['file'], parameters: Record<string, unknown>, approver: NonNullable<Release['approver']>, publishedAt: string): ReleaseManifest {
  return {
    releaseId: release.id,
    file,
    source: {
      cameraId: release.cameraId,
      from: release.from,
      to: release.to,
      segments: segments.map((s) => ({ id: s.id, seq: s.seq, startAt: s.startAt, endAt: s.endAt, sha256: s.sha256, chainHash: s.chainHash })),
    },
    redaction: {
      jobId: job.id,
      parameters,
      detectors: job.detectors,
      masked: job.tracks.filter((t) => t.resolution === 'MASK').map((t) => ({ trackId: t.id, kind: t.kind, source: t.source, keyframes: t.keyframes.length })),
      justified: job.tracks.filter((t) => t.resolution === 'JUSTIFIED').map((t) => ({ trackId: t.id, kind: t.kind, justification: t.justification ?? '' })),
      signedOffBy: job.signOff as NonNullable<RedactionJob['signOff']>,
    },
    basis: release.basis,
    channel: release.channel,
    url: release.url,
    approver: { userId: approver.userId, name: approver.name, at: approver.at },
    publishedAt,
  };
}
