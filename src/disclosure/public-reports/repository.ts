/** Every read and write of the public-report tables (migration 0028). Steps and forwardings are only ever inserted. */
import type { Db } from '../../db/connect.ts';
import { VIOLATION_ARTICLE, type Channel, type Forwarding, type Outcome, type ReportPhoto, type ReportStatus, type ReportStep, type StepAction, type ViolationType } from './model.ts';
import { reportsDb, type PublicReportPhotosTable, type PublicReportsTable, type PublicReportStepsTable } from './tables.ts';

/** A report as stored, with the contact still in it: the service decides who sees it. */
export interface StoredReport {
  row: PublicReportsTable;
  photos: ReportPhoto[];
  steps: ReportStep[];
  forwarding: Forwarding | null;
}

export type NewStep = Omit<PublicReportStepsTable, 'seq'>;

const toStep = (row: PublicReportStepsTable): ReportStep => ({
  id: row.id,
  seq: Number(row.seq),
  action: row.action as StepAction,
  status: row.status as ReportStatus,
  actorName: row.actorName,
  at: row.at,
  note: row.note,
  outcome: row.outcome as Outcome | null,
  cameraId: row.cameraId,
  photoId: row.photoId,
});

export const articleOf = (type: string): string => VIOLATION_ARTICLE[type as ViolationType] ?? '24';

export const reportsRepository = {
  async insert(db: Db, row: PublicReportsTable, photos: PublicReportPhotosTable[], first: NewStep): Promise<void> {
    await reportsDb(db).insertInto('publicReports').values(row).execute();
    for (const p of photos) await reportsDb(db).insertInto('publicReportPhotos').values(p).execute();
    await this.appendStep(db, first);
  },

  async row(db: Db, id: string): Promise<PublicReportsTable | undefined> {
    return reportsDb(db).selectFrom('publicReports').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async byReference(db: Db, reference: string): Promise<PublicReportsTable | undefined> {
    return reportsDb(db).selectFrom('publicReports').selectAll().where('reference', '=', reference).executeTakeFirst();
  },

  async get(db: Db, id: string): Promise<StoredReport | undefined> {
    const row = await this.row(db, id);
    return row && this.expand(db, row);
  },

  async list(db: Db, filter: { status?: string | undefined; siteId?: string | undefined }): Promise<PublicReportsTable[]> {
    let q = reportsDb(db).selectFrom('publicReports').selectAll().orderBy('receivedAt', 'desc').orderBy('id');
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.siteId) q = q.where('siteId', '=', filter.siteId);
    return q.execute();
  },

  async expand(db: Db, row: PublicReportsTable): Promise<StoredReport> {
    const photos = await reportsDb(db)
      .selectFrom('publicReportPhotos')
      .select(['id', 'kind', 'mediaType', 'bytes', 'sha256', 'uploadedAt'])
      .where('reportId', '=', row.id)
      .orderBy('uploadedAt')
      .orderBy('id')
      .execute();
    const steps = await reportsDb(db).selectFrom('publicReportSteps').selectAll().where('reportId', '=', row.id).orderBy('seq').execute();
    const forwarding = await reportsDb(db).selectFrom('publicReportForwardings').selectAll().where('reportId', '=', row.id).executeTakeFirst();
    return {
      row,
      photos: photos.map((p) => ({ ...p, bytes: Number(p.bytes), kind: p.kind as ReportPhoto['kind'] })),
      steps: steps.map(toStep),
      forwarding: forwarding ? { ...forwarding, channel: forwarding.channel as Channel } : null,
    };
  },

  async photo(db: Db, reportId: string, photoId: string): Promise<PublicReportPhotosTable | undefined> {
    return reportsDb(db).selectFrom('publicReportPhotos').selectAll().where('reportId', '=', reportId).where('id', '=', photoId).executeTakeFirst();
  },

  async insertPhoto(db: Db, photo: PublicReportPhotosTable): Promise<void> {
    await reportsDb(db).insertInto('publicReportPhotos').values(photo).execute();
  },

  /** The next step in the report's sequence (the unique (report, seq) index refuses a racing twin). */
  async appendStep(db: Db, step: NewStep): Promise<ReportStep> {
    const last = await reportsDb(db).selectFrom('publicReportSteps').select((eb) => eb.fn.max('seq').as('seq')).where('reportId', '=', step.reportId).executeTakeFirst();
    const row = { ...step, seq: Number(last?.seq ?? 0) + 1 };
    await reportsDb(db).insertInto('publicReportSteps').values(row).execute();
    return toStep(row);
  },

  /** Moves the report on from the status it was read in; false when another step came first. */
  async update(db: Db, id: string, fromStatus: string, set: Partial<Omit<PublicReportsTable, 'id' | 'reference'>>): Promise<boolean> {
    const result = await reportsDb(db).updateTable('publicReports').set(set).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async insertForwarding(db: Db, forwarding: Forwarding): Promise<void> {
    await reportsDb(db).insertInto('publicReportForwardings').values(forwarding).execute();
  },

  /** Reports with no first action whose due time has passed (the SLA check). */
  async unhandledDue(db: Db, now: string): Promise<PublicReportsTable[]> {
    return reportsDb(db).selectFrom('publicReports').selectAll().where('firstActionAt', 'is', null).where('firstActionDueAt', '<=', now).orderBy('firstActionDueAt').execute();
  },
};
