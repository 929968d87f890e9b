/** public_releases, redaction_jobs, redaction_edits: every read and write of the release workflow. */
import type { Db } from '../../db/connect.ts';
import { releaseDb, type PublicReleasesTable, type RedactionJobsTable } from '../../db/release-tables.ts';
import type { ClipInfo } from '../../redaction/model.ts';
import type { JobStatus, RedactionEdit, RedactionJob, Release, ReleaseManifest, ReleaseStatus, RenderJob, ReviewedTrack } from './model.ts';
import { newId } from '../../shared/ids.ts';
import { unresolvedCount } from './track-edits.ts';

function toRelease(row: PublicReleasesTable): Release {
  return {
    id: row.id,
    cameraId: row.cameraId,
    from: row.fromAt,
    to: row.toAt,
    basis: { type: row.basisType, text: row.basisText },
    purpose: row.purpose,
    channel: row.channel,
    url: row.url,
    status: row.status as ReleaseStatus,
    requestedBy: { userId: row.requestedBy, name: row.requestedByName },
    jobId: row.jobId,
    holdId: row.holdId,
    approver: row.approvedBy && row.approvedAt ? { userId: row.approvedBy, name: row.approvedByName ?? '', at: row.approvedAt, note: row.approvalNote } : null,
    publishedAt: row.publishedAt,
    file: row.fileName && row.fileSha256 ? { name: row.fileName, sha256: row.fileSha256, bytes: Number(row.fileBytes ?? 0) } : null,
    manifest: row.manifest ? (JSON.parse(row.manifest) as ReleaseManifest) : null,
    registerEntryId: row.registerEntryId,
    createdAt: row.createdAt,
  };
}

function toJob(row: RedactionJobsTable): RedactionJob {
  const tracks = JSON.parse(row.tracks) as ReviewedTrack[];
  return {
    id: row.id,
    releaseId: row.releaseId,
    status: row.status as JobStatus,
    progress: { phase: row.phase ?? '', done: Number(row.done), total: Number(row.total) },
    error: row.error,
    tracks,
    clip: row.clip ? (JSON.parse(row.clip) as ClipInfo) : null,
    detectors: row.detectors ? (JSON.parse(row.detectors) as Record<string, unknown>) : null,
    unresolved: unresolvedCount(tracks),
    signOff: row.signedOffBy && row.signedOffAt ? { userId: row.signedOffBy, name: row.signedOffByName ?? '', at: row.signedOffAt } : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * Render jobs are kept in redaction_jobs beside detection jobs (status, phase, progress, error and
 * times are the same columns), as kind RENDER; a release's jobId stays its detection job.
 */

function toRenderJob(row: RedactionJobsTable): RenderJob {
  const { id, releaseId, status, progress, error, createdBy, createdAt, startedAt, finishedAt } = toJob(row);
  return { id, releaseId, status, progress, error, createdBy, createdAt, startedAt, finishedAt };
}

export const releaseRepository = {
  async insert(db: Db, row: PublicReleasesTable): Promise<Release> {
    await releaseDb(db).insertInto('publicReleases').values(row).execute();
    return toRelease(row);
  },

  async get(db: Db, id: string): Promise<Release | undefined> {
    const row = await releaseDb(db).selectFrom('publicReleases').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRelease(row) : undefined;
  },

  async list(db: Db, filter: { status?: string; cameraId?: string } = {}): Promise<Release[]> {
    let query = releaseDb(db).selectFrom('publicReleases').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.cameraId) query = query.where('cameraId', '=', filter.cameraId);
    return (await query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(500).execute()).map(toRelease);
  },

  /** Changes a release only from the status given; false when another request got there first. */
  async transition(db: Db, id: string, from: ReleaseStatus, set: Partial<PublicReleasesTable>): Promise<boolean> {
    const result = await releaseDb(db).updateTable('publicReleases').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async holdOf(db: Db, id: string): Promise<string | null> {
    const row = await releaseDb(db).selectFrom('publicReleases').select('holdId').where('id', '=', id).executeTakeFirst();
    return row?.holdId ?? null;
  },

  async setJob(db: Db, id: string, jobId: string, at: string): Promise<void> {
    await releaseDb(db).updateTable('publicReleases').set({ jobId, updatedAt: at }).where('id', '=', id).execute();
  },

  /** A new detection job, numbered after the release's earlier ones. */
  async insertJob(db: Db, job: Omit<RedactionJobsTable, 'kind' | 'attempt'>): Promise<RedactionJob> {
    const count = await releaseDb(db).selectFrom('redactionJobs').select((eb) => eb.fn.countAll().as('n')).where('releaseId', '=', job.releaseId).where('kind', '=', 'DETECT').executeTakeFirst();
    const row: RedactionJobsTable = { ...job, kind: 'DETECT', attempt: Number(count?.n ?? 0) + 1 };
    await releaseDb(db).insertInto('redactionJobs').values(row).execute();
    return toJob(row);
  },

  async getJob(db: Db, id: string): Promise<RedactionJob | undefined> {
    const row = await releaseDb(db).selectFrom('redactionJobs').selectAll().where('id', '=', id).where('kind', '=', 'DETECT').executeTakeFirst();
    return row ? toJob(row) : undefined;
  },

  /** A new render job, numbered after the release's earlier ones. */
  async insertRenderJob(db: Db, job: { releaseId: string; createdBy: string; createdAt: string }): Promise<RenderJob> {
    const count = await releaseDb(db).selectFrom('redactionJobs').select((eb) => eb.fn.countAll().as('n')).where('releaseId', '=', job.releaseId).where('kind', '=', 'RENDER').executeTakeFirst();
    const row: RedactionJobsTable = { ...job, id: newId('rnd'), kind: 'RENDER', attempt: Number(count?.n ?? 0) + 1, status: 'QUEUED', phase: 'queued', done: 0, total: 0, error: null, tracks: '[]', clip: null, detectors: null, signedOffBy: null, signedOffByName: null, signedOffAt: null, startedAt: null, finishedAt: null };
    await releaseDb(db).insertInto('redactionJobs').values(row).execute();
    return toRenderJob(row);
  },

  async getRenderJob(db: Db, id: string): Promise<RenderJob | undefined> {
    const row = await releaseDb(db).selectFrom('redactionJobs').selectAll().where('id', '=', id).where('kind', '=', 'RENDER').executeTakeFirst();
    return row ? toRenderJob(row) : undefined;
  },

  /** The release's most recent render job. */
  async latestRenderJob(db: Db, releaseId: string): Promise<RenderJob | undefined> {
    const row = await releaseDb(db)
      .selectFrom('redactionJobs')
      .selectAll()
      .where('releaseId', '=', releaseId)
      .where('kind', '=', 'RENDER')
      .orderBy('attempt', 'desc')
      .executeTakeFirst();
    return row ? toRenderJob(row) : undefined;
  },

  async updateJob(db: Db, id: string, set: Partial<RedactionJobsTable>, onlyIn?: JobStatus[]): Promise<boolean> {
    let query = releaseDb(db).updateTable('redactionJobs').set(set).where('id', '=', id);
    if (onlyIn) query = query.where('status', 'in', onlyIn);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** New tracks for a job, clearing its sign-off (any change needs a fresh review), with the edit that made them. */
  async saveTracks(db: Db, jobId: string, tracks: ReviewedTrack[], edit: { trackId: string | null; action: string; detail: Record<string, unknown>; byUserId: string; byName: string; at: string; id: string }): Promise<void> {
    await releaseDb(db).transaction().execute(async (tx) => {
      await tx.updateTable('redactionJobs').set({ tracks: JSON.stringify(tracks), signedOffBy: null, signedOffByName: null, signedOffAt: null }).where('id', '=', jobId).execute();
      await releaseRepository.appendEdit(tx as unknown as Db, jobId, edit);
    });
  },

  async appendEdit(db: Db, jobId: string, edit: { trackId: string | null; action: string; detail: Record<string, unknown>; byUserId: string; byName: string; at: string; id: string }): Promise<void> {
    const last = await releaseDb(db).selectFrom('redactionEdits').select((eb) => eb.fn.max('seq').as('seq')).where('jobId', '=', jobId).executeTakeFirst();
    await releaseDb(db)
      .insertInto('redactionEdits')
      .values({ id: edit.id, jobId, seq: Number(last?.seq ?? 0) + 1, trackId: edit.trackId, action: edit.action, detail: JSON.stringify(edit.detail), byUserId: edit.byUserId, byName: edit.byName, at: edit.at })
      .execute();
  },

  async edits(db: Db, jobId: string): Promise<RedactionEdit[]> {
    const rows = await releaseDb(db).selectFrom('redactionEdits').selectAll().where('jobId', '=', jobId).orderBy('seq').execute();
    return rows.map((r) => ({ seq: Number(r.seq), trackId: r.trackId, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown>, by: { userId: r.byUserId, name: r.byName }, at: r.at }));
  },

  /** Releases still in progress (not published or rejected) of a camera whose source holds [from, to]. */
  async openCovering(db: Db, id: string, cameraId: string, from: string, to: string): Promise<boolean> {
    const row = await releaseDb(db)
      .selectFrom('publicReleases')
      .select('id')
      .where('id', '=', id)
      .where('cameraId', '=', cameraId)
      .where('status', 'in', ['DRAFT', 'APPROVED'])
      .where('fromAt', '<=', from)
      .where('toAt', '>=', to)
      .executeTakeFirst();
    return row !== undefined;
  },
};
