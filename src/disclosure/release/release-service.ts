/**
 * Public release (art. 22, REG-22-1, REG-22-3): a release names a recorded range of one camera, its
 * legal basis and channel; it goes out only as the file the redaction job's reviewed tracks make, after
 * the reviewer's sign-off and the approval of a second person, with an EXPORT entry in the register
 * and a manifest that ties the released file to the original segments' hashes.
 */
import type { Readable } from 'node:stream';
import type { Principal } from '../../access/principal.ts';
import { checkReason } from '../../access/register/reason.ts';
import { checkRange } from '../../access/video-access/video-access-service.ts';
import { listSegments } from '../../recording/segment-repository.ts';
import type { Progress } from '../../redaction/model.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { type ReleaseDeps, deniedAsEntry, loadRelease, publicReleaseBasis, publicReleaseReason, releaseContent, requireOnCamera } from './context.ts';
import {
  jobNotReady,
  notReleaseRequester,
  redactionIncomplete,
  redactionRequired,
  releaseLocked,
  releaseNotApproved,
  releaseNotFound,
  releaseRangeTooLong,
  releaseSelfApproval,
  signOffRequired,
  sourceNotRecorded,
} from './errors.ts';
import type { RedactionJob, Release, ReleaseBasisType, ReleaseChannel, ReleaseStatus, RenderJob } from './model.ts';
import { RenderJobService } from './render-job-service.ts';
import { releaseRepository as repo } from './release-repository.ts';

/** The longest range one release may cover (the redaction runs over every frame of it). */
export const MAX_RELEASE_MINUTES = 30;

export interface ReleaseInput {
  cameraId: string;
  from: string;
  to: string;
  basis: { type: ReleaseBasisType; text: string };
  purpose: string;
  channel: ReleaseChannel;
  url?: string | null | undefined;
}

export class ReleaseService {
  private readonly renders: RenderJobService;

  constructor(private readonly deps: ReleaseDeps) {
    this.renders = new RenderJobService(deps, (id, principal) => this.releaseHold(id, principal, 'PUBLISHED'));
  }

  /** A draft release over what the camera recorded in the range; the requester holds EXPORT on the camera. */
  async create(principal: Principal, input: ReleaseInput): Promise<Release> {
    const { db, clock } = this.deps;
    const range = checkRange(input.from, input.to);
    if (Date.parse(range.to) - Date.parse(range.from) > MAX_RELEASE_MINUTES * 60_000) throw releaseRangeTooLong(MAX_RELEASE_MINUTES);
    const reason = checkReason({ category: 'PUBLIC_RELEASE', text: input.purpose });
    const id = newId('rel');
    const draft = { id, cameraId: input.cameraId, ...range, purpose: reason.text } as Release;
    await requireOnCamera(this.deps, principal, draft, 'EXPORT');
    // The source is what the camera recorded within the range asked for (a range reaching past the recording is cut to it).
    const segments = await listSegments(db, { cameraId: input.cameraId, ...range });
    const first = segments[0];
    const last = segments[segments.length - 1];
    if (!first || !last) throw sourceNotRecorded(input.cameraId, range.from, range.to);
    const now = clock.now().toISOString();
    return repo.insert(db, {
      id,
      cameraId: input.cameraId,
      fromAt: first.startAt > range.from ? first.startAt : range.from,
      toAt: last.endAt < range.to ? last.endAt : range.to,
      basisType: input.basis.type,
      basisText: input.basis.text.trim(),
      purpose: reason.text,
      channel: input.channel,
      url: input.url?.trim() || null,
      status: 'DRAFT',
      requestedBy: principal.userId,
      requestedByName: principal.displayName,
      jobId: null,
      holdId: await this.holdSource(id, input.cameraId, first.startAt > range.from ? first.startAt : range.from, last.endAt < range.to ? last.endAt : range.to, principal, input.basis.text),
      approvedBy: null,
      approvedByName: null,
      approvedAt: null,
      approvalNote: null,
      publishedAt: null,
      fileName: null,
      fileSha256: null,
      fileBytes: null,
      manifest: null,
      registerEntryId: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** A release the caller asked for, or whose camera they may export, redact, approve or audit (others: not found). */
  async get(principal: Principal, id: string): Promise<Release & { rendering: Progress | null }> {
    const release = await repo.get(this.deps.db, id);
    if (!release || !(await this.mayRead(principal, release))) throw releaseNotFound(id);
    const render = release.status === 'APPROVED' ? await this.renders.latest(id) : undefined;
    return { ...release, rendering: render && (render.status === 'QUEUED' || render.status === 'RUNNING') ? render.progress : null };
  }

  /** The release register (REG-22-3), as far as the caller may read it. */
  async list(principal: Principal, filter: { status?: ReleaseStatus; cameraId?: string } = {}): Promise<Release[]> {
    const visible: Release[] = [];
    for (const release of await repo.list(this.deps.db, filter)) if (await this.mayRead(principal, release)) visible.push(release);
    return visible;
  }

  /** Four eyes: APPROVE on the camera, not the requester, and only a signed-off redaction. */
  async approve(principal: Principal, id: string, note?: string): Promise<Release> {
    const release = await loadRelease(this.deps, id);
    await requireOnCamera(this.deps, principal, release, 'APPROVE');
    await deniedAsEntry(this.deps, principal, release, async () => {
      if (release.requestedBy.userId === principal.userId) throw releaseSelfApproval(id);
      if (release.status !== 'DRAFT') throw releaseLocked(id, release.status);
      await this.reviewedJob(release);
    });
    const at = this.deps.clock.now().toISOString();
    const set = { status: 'APPROVED', approvedBy: principal.userId, approvedByName: principal.displayName, approvedAt: at, approvalNote: note?.trim() || null, updatedAt: at };
    if (!(await repo.transition(this.deps.db, id, 'DRAFT', set))) throw releaseLocked(id, (await loadRelease(this.deps, id)).status);
    return loadRelease(this.deps, id);
  }

  async reject(principal: Principal, id: string, note?: string): Promise<Release> {
    const release = await loadRelease(this.deps, id);
    await requireOnCamera(this.deps, principal, release, 'APPROVE');
    if (release.requestedBy.userId === principal.userId) throw releaseSelfApproval(id);
    const at = this.deps.clock.now().toISOString();
    const set = { status: 'REJECTED', approvedBy: principal.userId, approvedByName: principal.displayName, approvedAt: at, approvalNote: note?.trim() || null, updatedAt: at };
    if (!(await repo.transition(this.deps.db, id, 'DRAFT', set))) throw releaseLocked(id, release.status);
    await this.releaseHold(id, principal, 'REJECTED');
    return loadRelease(this.deps, id);
  }

  /**
   * Publishes (once, by the requester): checks, then starts the render job (the redacted file made
   * from the MASK tracks on the job runner); when it ends, the file, its manifest, the EXPORT entry and
   * the release's published fields are stored together (RenderJobService).
   * Refusals, in order: no redaction job (E_REDACTION_REQUIRED), unresolved tracks
   * (E_REDACTION_INCOMPLETE), no sign-off, no approval; each leaves a DENIAL entry.
   */
  async publish(principal: Principal, id: string): Promise<RenderJob> {
    const release = await loadRelease(this.deps, id);
    await requireOnCamera(this.deps, principal, release, 'EXPORT');
    const job = await deniedAsEntry(this.deps, principal, release, async () => {
      if (release.status === 'PUBLISHED' || release.status === 'REJECTED') throw releaseLocked(id, release.status);
      const reviewed = await this.reviewedJob(release);
      if (release.status !== 'APPROVED' || !release.approver) throw releaseNotApproved(id, release.status);
      if (release.requestedBy.userId !== principal.userId) throw notReleaseRequester(id);
      const render = await this.renders.latest(id);
      if (render && (render.status === 'QUEUED' || render.status === 'RUNNING')) throw releaseLocked(id, 'RENDERING');
      return reviewed;
    });
    return this.renders.start(principal, release, job);
  }

  /** The latest render job of the release (for whoever may export its camera). */
  render(principal: Principal, id: string): Promise<RenderJob> {
    return this.renders.current(principal, id);
  }

  cancelRender(principal: Principal, id: string): Promise<RenderJob> {
    return this.renders.cancel(principal, id);
  }

  /** The released (redacted) file, never the original, after an EXPORT entry naming the release. */
  async download(principal: Principal, id: string): Promise<{ stream: Readable; fileName: string; sha256: string; bytes: number; registerEntryId: string }> {
    const release = await this.get(principal, id);
    await requireOnCamera(this.deps, principal, release, 'EXPORT');
    const file = await deniedAsEntry(this.deps, principal, release, async () => {
      if (release.status !== 'PUBLISHED' || !release.file) throw releaseLocked(id, release.status);
      return release.file;
    });
    const entry = await this.deps.register.open(principal, {
      operation: 'EXPORT',
      reason: publicReleaseReason(release),
      content: { ...releaseContent(release), fileHashes: [{ file: file.name, bytes: file.bytes, sha256: file.sha256 }] },
      basis: publicReleaseBasis(release),
      approver: release.approver ? { userId: release.approver.userId, name: release.approver.name } : null,
    });
    return { stream: this.deps.files.open(release.id, file.name), fileName: file.name, sha256: file.sha256, bytes: file.bytes, registerEntryId: entry.id };
  }

  /** The job a release would go out with: finished, every track resolved, signed off. */
  private async reviewedJob(release: Release): Promise<RedactionJob> {
    const job = release.jobId ? await repo.getJob(this.deps.db, release.jobId) : undefined;
    if (!job) throw redactionRequired({ releaseId: release.id });
    if (job.status !== 'DONE') throw jobNotReady(job.id, job.status);
    if (job.unresolved > 0) throw redactionIncomplete(job.unresolved, { jobId: job.id });
    if (!job.signOff) throw signOffRequired(job.id);
    return job;
  }

  /** A legal hold over the source while the release is in progress, so the sweeper keeps it (none without a retention module). */
  private async holdSource(id: string, cameraId: string, from: string, to: string, principal: Principal, basisText: string): Promise<string | null> {
    if (!this.deps.holds) return null;
    const hold = await this.deps.holds.create(
      { basisType: 'OTHER', citation: `公开发布 ${id}(第二十二条):${basisText}`.slice(0, 2000), requestId: id, owner: principal.displayName, ranges: [{ cameraId, from, to }], reason: `public release ${id} in progress` },
      { name: `${principal.displayName} (public release ${id})` },
    );
    return hold.id;
  }

  private async releaseHold(id: string, principal: Principal, outcome: 'PUBLISHED' | 'REJECTED'): Promise<void> {
    const holdId = await repo.holdOf(this.deps.db, id);
    if (!this.deps.holds || !holdId) return;
    await this.deps.holds.release(holdId, { reason: `public release ${id} ${outcome}` }, { name: `${principal.displayName} (public release ${id})` });
  }

  private async mayRead(principal: Principal, release: Release): Promise<boolean> {
    if (release.requestedBy.userId === principal.userId) return true;
    for (const action of ['EXPORT', 'APPROVE', 'REDACT', 'AUDIT'] as const) {
      try {
        await this.deps.gate.requireCamera(principal, action, release.cameraId);
        return true;
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
      }
    }
    return false;
  }
}
