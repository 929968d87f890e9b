/**
 * The redaction job of a release (REG-22-1): detection in the background with progress and
 * cancellation, then the editor's changes to the tracks (each recorded with who and when), each AUTO
 * track resolved (MASK or JUSTIFIED with a reason), and the reviewer's sign-off.
 */
import type { Principal } from '../../access/principal.ts';
import { listSegments } from '../../recording/segment-repository.ts';
import type { Progress, TrackKeyframe, TrackKind } from '../../redaction/model.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { type ReleaseDeps, loadRelease, requireOnCamera } from './context.ts';
import { jobBusy, jobNotCancellable, jobNotReady, redactionIncomplete, redactionRequired, releaseLocked, sourceNotRecorded } from './errors.ts';
import type { RedactionEdit, RedactionJob, Release, Resolution, ReviewedTrack } from './model.ts';
import { releaseRepository as repo } from './release-repository.ts';
import * as edits from './track-edits.ts';

/** How often a running job's progress is written to the database (readers on this process see it live). */
const PROGRESS_WRITE_MS = 1000;

export type TrackEdit =
  | { action: 'ADD'; kind: TrackKind; keyframe: TrackKeyframe }
  | { action: 'SET_KEYFRAME'; trackId: string; keyframe: TrackKeyframe }
  | { action: 'DELETE_KEYFRAME'; trackId: string; t: number }
  | { action: 'EXTEND'; trackId: string; t: number }
  | { action: 'DELETE'; trackId: string }
  | { action: 'RESOLVE'; trackId: string; resolution: Resolution; justification?: string | null };

export class RedactionJobService {
  constructor(private readonly deps: ReleaseDeps) {}

  /** Starts detection over the release's source range (a new job replaces an ended one while the release is a draft). */
  async start(principal: Principal, releaseId: string, options: { everyNth?: number } = {}): Promise<RedactionJob> {
    const { db, clock, files, runner } = this.deps;
    const release = await loadRelease(this.deps, releaseId);
    await requireOnCamera(this.deps, principal, release, 'REDACT');
    if (release.status !== 'DRAFT') throw releaseLocked(release.id, release.status);
    const current = release.jobId ? await this.refreshed(release.jobId) : undefined;
    if (current && (current.status === 'QUEUED' || current.status === 'RUNNING')) throw jobBusy(current.id, current.status);
    const segments = await listSegments(db, { cameraId: release.cameraId, from: release.from, to: release.to });
    if (segments.length === 0) throw sourceNotRecorded(release.cameraId, release.from, release.to);
    const now = clock.now().toISOString();
    const job = await repo.insertJob(db, {
      id: newId('rdj'),
      releaseId: release.id,
      status: 'QUEUED',
      phase: 'queued',
      done: 0,
      total: 0,
      error: null,
      tracks: '[]',
      clip: null,
      detectors: null,
      signedOffBy: null,
      signedOffByName: null,
      signedOffAt: null,
      createdBy: principal.userId,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
    });
    // Known to the runner at once, so that no reader takes the new QUEUED row for one lost in a restart.
    runner.submit(job.id, async (run) => {
      await files.withSegmentFiles(segments, (inputs) => this.detect(job.id, inputs, { signal: run.signal, progress: (p) => run.progress(p), everyNth: options.everyNth }));
    });
    await repo.setJob(db, release.id, job.id, now);
    await repo.appendEdit(db, job.id, { id: newId('rde'), trackId: null, action: 'DETECT', detail: { segments: segments.length, ...options }, byUserId: principal.userId, byName: principal.displayName, at: now });
    return job;
  }

  /** The release's current job, with live progress while it runs: for those who redact, and for the approver who decides on it. */
  async current(principal: Principal, releaseId: string): Promise<RedactionJob> {
    const release = await loadRelease(this.deps, releaseId);
    try {
      await this.deps.gate.requireCamera(principal, 'REDACT', release.cameraId);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      const mayApprove = await this.deps.gate.requireCamera(principal, 'APPROVE', release.cameraId).then(
        () => true,
        () => false,
      );
      if (!mayApprove) throw error;
    }
    if (!release.jobId) throw redactionRequired({ releaseId });
    return this.refreshed(release.jobId);
  }

  async cancel(principal: Principal, releaseId: string): Promise<RedactionJob> {
    const { release, job } = await this.jobOf(principal, releaseId);
    if (job.status !== 'QUEUED' && job.status !== 'RUNNING') throw jobNotCancellable(job.id, job.status);
    this.deps.runner.cancel(job.id);
    const now = this.deps.clock.now().toISOString();
    await repo.updateJob(this.deps.db, job.id, { status: 'CANCELLED', phase: 'cancelled', finishedAt: now }, ['QUEUED', 'RUNNING']);
    await repo.appendEdit(this.deps.db, job.id, { id: newId('rde'), trackId: null, action: 'CANCEL', detail: { releaseId: release.id }, byUserId: principal.userId, byName: principal.displayName, at: now });
    return this.refreshed(job.id);
  }

  /** One change of the editor, on a finished job of a draft release; clears any earlier sign-off. */
  async edit(principal: Principal, releaseId: string, change: TrackEdit): Promise<RedactionJob> {
    const { job } = await this.editable(principal, releaseId);
    const frame = { width: job.clip?.width ?? 0, height: job.clip?.height ?? 0, durationS: job.clip?.durationS ?? 0, fps: job.clip?.fps ?? 0 };
    const at = this.deps.clock.now().toISOString();
    let tracks: ReviewedTrack[];
    let trackId: string;
    switch (change.action) {
      case 'ADD': {
        const added = edits.addTrack(job.tracks, change.kind, change.keyframe, frame, principal.userId, at);
        tracks = added.tracks;
        trackId = added.track.id;
        break;
      }
      case 'SET_KEYFRAME':
        tracks = edits.setKeyframe(job.tracks, change.trackId, change.keyframe, frame);
        trackId = change.trackId;
        break;
      case 'DELETE_KEYFRAME':
        tracks = edits.deleteKeyframe(job.tracks, change.trackId, change.t);
        trackId = change.trackId;
        break;
      case 'EXTEND':
        tracks = edits.extendTrack(job.tracks, change.trackId, change.t, frame);
        trackId = change.trackId;
        break;
      case 'DELETE':
        tracks = edits.deleteTrack(job.tracks, change.trackId);
        trackId = change.trackId;
        break;
      case 'RESOLVE':
        tracks = edits.resolveTrack(job.tracks, change.trackId, change.resolution, change.justification, principal.userId, at);
        trackId = change.trackId;
        break;
    }
    const { action, ...detail } = change;
    await repo.saveTracks(this.deps.db, job.id, tracks, { id: newId('rde'), trackId, action, detail, byUserId: principal.userId, byName: principal.displayName, at });
    return this.refreshed(job.id);
  }

  /** The reviewer signs that every detection is masked or justified (E_REDACTION_INCOMPLETE otherwise). */
  async signOff(principal: Principal, releaseId: string): Promise<RedactionJob> {
    const { job } = await this.editable(principal, releaseId);
    if (job.unresolved > 0) throw redactionIncomplete(job.unresolved, { jobId: job.id });
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (tx) => {
      await repo.updateJob(tx, job.id, { signedOffBy: principal.userId, signedOffByName: principal.displayName, signedOffAt: at }, ['DONE']);
      await repo.appendEdit(tx, job.id, { id: newId('rde'), trackId: null, action: 'SIGN_OFF', detail: { tracks: job.tracks.length, masked: job.tracks.filter((t) => t.resolution === 'MASK').length }, byUserId: principal.userId, byName: principal.displayName, at });
    });
    return this.refreshed(job.id);
  }

  async edits(principal: Principal, releaseId: string): Promise<RedactionEdit[]> {
    const { job } = await this.jobOf(principal, releaseId);
    return repo.edits(this.deps.db, job.id);
  }

  private async detect(jobId: string, inputs: string[], run: { signal: AbortSignal; progress(p: Progress): void; everyNth?: number | undefined }): Promise<void> {
    const { db, clock, engines } = this.deps;
    if (!(await repo.updateJob(db, jobId, { status: 'RUNNING', phase: 'starting', startedAt: clock.now().toISOString() }, ['QUEUED']))) return;
    let written = 0;
    const onProgress = (p: Progress) => {
      run.progress(p);
      const now = Date.now();
      if (now - written < PROGRESS_WRITE_MS) return;
      written = now;
      void repo.updateJob(db, jobId, { phase: p.phase, done: p.done, total: p.total }, ['RUNNING']).catch(() => undefined);
    };
    try {
      const engine = await engines.get();
      const result = await engine.detect(inputs, { signal: run.signal, onProgress, ...(run.everyNth ? { everyNth: run.everyNth } : {}) });
      const { tracks, detectors, ...clip } = result;
      await repo.updateJob(
        db,
        jobId,
        { status: 'DONE', phase: 'done', done: clip.frames, total: clip.frames, tracks: JSON.stringify(edits.fromDetections(tracks)), clip: JSON.stringify(clip), detectors: JSON.stringify(detectors), finishedAt: clock.now().toISOString() },
        ['RUNNING'],
      );
    } catch (error) {
      const cancelled = run.signal.aborted;
      const message = error instanceof Error ? error.message : String(error);
      await repo.updateJob(db, jobId, { status: cancelled ? 'CANCELLED' : 'FAILED', phase: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : message.slice(0, 2000), finishedAt: clock.now().toISOString() }, ['RUNNING']);
    }
  }

  /** The job as stored, with the runner's live progress; a job the runner no longer knows was interrupted (restart). */
  private async refreshed(jobId: string): Promise<RedactionJob> {
    const { db, runner, clock } = this.deps;
    const job = await repo.getJob(db, jobId);
    if (!job) throw redactionRequired({ jobId });
    if (job.status !== 'QUEUED' && job.status !== 'RUNNING') return job;
    const live = runner.progress(jobId);
    if (live) return { ...job, progress: live };
    // Ended between the two reads, or lost with a restart of the server.
    const again = (await repo.getJob(db, jobId)) as RedactionJob;
    if (again.status !== 'QUEUED' && again.status !== 'RUNNING') return again;
    await repo.updateJob(db, jobId, { status: 'FAILED', phase: 'failed', error: 'INTERRUPTED: the server stopped while the job ran', finishedAt: clock.now().toISOString() }, ['QUEUED', 'RUNNING']);
    return (await repo.getJob(db, jobId)) as RedactionJob;
  }

  private async jobOf(principal: Principal, releaseId: string): Promise<{ release: Release; job: RedactionJob }> {
    const release = await loadRelease(this.deps, releaseId);
    await requireOnCamera(this.deps, principal, release, 'REDACT');
    if (!release.jobId) throw redactionRequired({ releaseId });
    return { release, job: await this.refreshed(release.jobId) };
  }

  private async editable(principal: Principal, releaseId: string): Promise<{ release: Release; job: RedactionJob }> {
    const found = await this.jobOf(principal, releaseId);
    if (found.release.status !== 'DRAFT') throw releaseLocked(found.release.id, found.release.status);
    if (found.job.status !== 'DONE') throw jobNotReady(found.job.id, found.job.status);
    return found;
  }
}
