/**
 * The unit's handling of public reports (art. 24 ¶2; REG-24-2's intent on the unit's side): reports are
 * seen within the caller's reach over their site; they are handled by those who hold ADMINISTER over the
 * site. ADMINISTER, not CONFIG: a report is the unit's answer to the public and to the public security
 * organ (as filings are), its reporter's contact is personal information kept to the unit's own staff,
 * and a contractor, who may hold CONFIG but never ADMINISTER (art. 19), may be the very installer reported.
 * Every step is inserted, never changed, with its actor and time, and chained in the administration history.
 */
import type { Db } from '../../db/connect.ts';
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import { siteTarget } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { EventBus } from '../../events/event-bus.ts';
import { camerasRepository } from '../../registry/repositories/index.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { authorityFor } from './authority.ts';
import { alreadyForwarded, cameraNotOfSite, notForwarded, notHandler, photoNotFound, reportNotFound, stepNotAllowed } from './errors.ts';
import { renderForwardingLetter } from './forwarding-letter.ts';
import { forwardInput, linkCameraInput, resolveInput, stepInput, type Forwarding, type Outcome, type PublicReport, type ReportStatus, type StepAction, type ViolationType } from './model.ts';
import { checkPhoto, type ReportPhotoStore } from './photo-store.ts';
import { articleOf, reportsRepository as repo, type StoredReport } from './repository.ts';
import type { PublicReportPhotosTable, PublicReportsTable } from './tables.ts';
import { siteFacts } from './site-facts.ts';

export interface HandlingDeps {
  db: Db;
  clock: Clock;
  gate: AuthorizationService;
  photos: ReportPhotoStore;
  alarms: AlarmSink;
  bus: EventBus;
}

const OPEN: ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'INVESTIGATING', 'FORWARDED'];
/** From which status each step may be taken, and the status it leaves. */
const STEPS: Record<Exclude<StepAction, 'RECEIVE'>, { from: ReportStatus[]; to: (current: ReportStatus) => ReportStatus }> = {
  ACKNOWLEDGE: { from: ['RECEIVED'], to: () => 'ACKNOWLEDGED' },
  INVESTIGATE: { from: ['RECEIVED', 'ACKNOWLEDGED'], to: () => 'INVESTIGATING' },
  LINK_CAMERA: { from: OPEN, to: (current) => current },
  // A device found and removed is still reported to the police (art. 8 ¶2): a resolved report may be forwarded.
  FORWARD: { from: [...OPEN, 'RESOLVED'], to: (current) => (current === 'RESOLVED' ? 'RESOLVED' : 'FORWARDED') },
  RESOLVE: { from: OPEN, to: () => 'RESOLVED' },
};

interface StepExtras {
  note?: string | null | undefined;
  outcome?: Outcome;
  cameraId?: string;
  evidence?: { bytes: Buffer; mediaType: string };
  forwarding?: Omit<Forwarding, 'id' | 'reportId' | 'forwardedBy' | 'forwardedByName' | 'forwardedAt'>;
}

export class ReportHandlingService {
  constructor(private readonly deps: HandlingDeps) {}

  async list(principal: Principal, filter: { status?: string | undefined; siteId?: string | undefined } = {}): Promise<PublicReport[]> {
    const reach = await this.deps.gate.reach(principal);
    const out: PublicReport[] = [];
    for (const row of await repo.list(this.deps.db, filter)) {
      if (!reach.everything && !reach.covers({ unitId: row.unitId, siteId: row.siteId })) continue;
      out.push(await this.view(principal, await repo.expand(this.deps.db, row)));
    }
    return out;
  }

  async get(principal: Principal, id: string): Promise<PublicReport> {
    return this.view(principal, await this.visible(principal, id));
  }

  /** A photo's bytes: for handlers only (a photo may show more of the reporter than they meant). */
  async photo(principal: Principal, id: string, photoId: string): Promise<{ mediaType: string; sha256: string; bytes: Buffer }> {
    const report = await this.handled(principal, id);
    const photo = await repo.photo(this.deps.db, report.row.id, photoId);
    if (!photo) throw photoNotFound(photoId);
    return { mediaType: photo.mediaType, sha256: photo.sha256, bytes: await this.deps.photos.read(photo.path) };
  }

  acknowledge(principal: Principal, id: string, raw: unknown): Promise<PublicReport> {
    return this.step(principal, id, 'ACKNOWLEDGE', { note: stepInput.parse(raw ?? {}).note });
  }

  investigate(principal: Principal, id: string, raw: unknown): Promise<PublicReport> {
    return this.step(principal, id, 'INVESTIGATE', { note: stepInput.parse(raw ?? {}).note });
  }

  resolve(principal: Principal, id: string, raw: unknown): Promise<PublicReport> {
    const input = resolveInput.parse(raw);
    return this.step(principal, id, 'RESOLVE', { note: input.note, outcome: input.outcome, ...(input.evidencePhoto ? { evidence: checkPhoto(input.evidencePhoto.contentBase64) } : {}) });
  }

  /** The camera of the site the report is about, once identified. */
  async linkCamera(principal: Principal, id: string, raw: unknown): Promise<PublicReport> {
    const input = linkCameraInput.parse(raw);
    const report = await this.handled(principal, id);
    const camera = await camerasRepository.get(this.deps.db, input.cameraId);
    if (!camera || camera.siteId !== report.row.siteId) throw cameraNotOfSite(input.cameraId);
    return this.step(principal, id, 'LINK_CAMERA', { note: input.note, cameraId: camera.id });
  }

  /**
   * Art. 24 ¶2: forwarded to the county public security organ (from the filing authorities, or as named),
   * with channel, actor and time; the police side is told on the bus (`public-report.forwarded`).
   */
  async forward(principal: Principal, id: string, raw: unknown): Promise<PublicReport> {
    const input = forwardInput.parse(raw);
    const report = await this.handled(principal, id);
    if (report.forwarding) throw alreadyForwarded(id);
    const site = await siteFacts(this.deps.db, report.row.siteId);
    const authority = await authorityFor(this.deps.db, site, input.authority);
    const forwarded = await this.step(principal, id, 'FORWARD', { note: input.note, forwarding: { authority, adminDivisionCode: site.adminDivisionCode, channel: input.channel, note: input.note || null } });
    const f = forwarded.forwarding!;
    this.deps.bus.publish({
      type: 'public-report.forwarded',
      report: {
        reportId: id,
        reference: forwarded.reference,
        violationType: forwarded.violationType,
        article: forwarded.article,
        unitId: site.unitId,
        unitName: site.unitName,
        siteId: site.id,
        siteName: site.name,
        siteAddress: site.address,
        adminDivisionCode: f.adminDivisionCode,
        authority: f.authority,
        channel: f.channel,
        forwardedAt: f.forwardedAt,
        forwardedByName: f.forwardedByName,
        receivedAt: forwarded.receivedAt,
        location: forwarded.location,
        photoSha256: forwarded.photos.filter((p) => p.kind === 'REPORT').map((p) => p.sha256),
        letterPath: `/api/public-reports/${id}/forwarding-letter.pdf`,
      },
    });
    return forwarded;
  }

  /** The one-page bilingual forwarding letter (转交函) for hand delivery; handlers only. */
  async letter(principal: Principal, id: string): Promise<{ pdf: Buffer; fileName: string }> {
    const report = await this.handled(principal, id);
    if (!report.forwarding) throw notForwarded(id);
    const site = await siteFacts(this.deps.db, report.row.siteId);
    const pdf = await renderForwardingLetter({ report: report.row, photos: report.photos, steps: report.steps, forwarding: report.forwarding, site }, this.deps.clock.now());
    return { pdf, fileName: `${report.row.reference}-forwarding.pdf` };
  }

  /** REG-24-2: every report without a first action past its due time raises PUBLIC_REPORT_SLA_BREACHED (once). */
  async checkSla(): Promise<number> {
    const now = this.deps.clock.now().toISOString();
    const due = await repo.unhandledDue(this.deps.db, now);
    for (const row of due) {
      await this.deps.alarms.raise({
        kind: 'PUBLIC_REPORT_SLA_BREACHED',
        subject: row.id,
        at: row.firstActionDueAt,
        details: { reportId: row.id, siteId: row.siteId, violationType: row.violationType, article: articleOf(row.violationType), receivedAt: row.receivedAt, firstActionDueAt: row.firstActionDueAt },
      });
    }
    return due.length;
  }

  private async step(principal: Principal, id: string, action: Exclude<StepAction, 'RECEIVE'>, extras: StepExtras): Promise<PublicReport> {
    const { db, clock, photos } = this.deps;
    const report = await this.handled(principal, id);
    const current = report.row.status as ReportStatus;
    const rule = STEPS[action];
    if (!rule.from.includes(current)) throw stepNotAllowed(id, current, action);
    const next = rule.to(current);
    const at = clock.now().toISOString();
    const stepId = newId('rps');
    let photoId: string | null = null;
    let photoRow: PublicReportPhotosTable | undefined;
    if (extras.evidence) {
      photoId = newId('pho');
      const { path, sha256 } = await photos.put(id, photoId, extras.evidence.bytes);
      photoRow = { id: photoId, reportId: id, kind: 'EVIDENCE', stepId, mediaType: extras.evidence.mediaType, bytes: extras.evidence.bytes.length, sha256, path, uploadedAt: at };
    }
    const firstAction = report.row.firstActionAt === null;
    const set: Partial<PublicReportsTable> = { status: next, updatedAt: at };
    if (firstAction) set.firstActionAt = at;
    if (extras.outcome) set.outcome = extras.outcome;
    if (action === 'RESOLVE') set.resolvedAt = at;
    if (extras.cameraId) set.cameraId = extras.cameraId;
    if (extras.forwarding) set.forwardedAt = at;
    await db.transaction().execute(async (tx) => {
      if (!(await repo.update(tx, id, current, set))) throw stepNotAllowed(id, (await repo.row(tx, id))?.status ?? current, action);
      if (photoRow) await repo.insertPhoto(tx, photoRow);
      const step = await repo.appendStep(tx, { id: stepId, reportId: id, action, status: next, actorId: principal.userId, actorName: principal.displayName, at, note: extras.note || null, outcome: extras.outcome ?? null, cameraId: extras.cameraId ?? null, photoId });
      if (extras.forwarding) await repo.insertForwarding(tx, { id: newId('rpf'), reportId: id, ...extras.forwarding, forwardedBy: principal.userId, forwardedByName: principal.displayName, forwardedAt: at });
      await historyRepository.append(tx, {
        entityType: 'publicReport',
        entityId: id,
        action,
        actor: principal.username,
        at,
        before: { status: current },
        after: { ...step, ...(extras.forwarding ? { forwarding: extras.forwarding } : {}), ...(photoRow ? { photoSha256: photoRow.sha256 } : {}) },
      });
    });
    if (firstAction) await this.deps.alarms.resolve('PUBLIC_REPORT_SLA_BREACHED', id, at);
    return this.get(principal, id);
  }

  /** The report, if its site is within the caller's reach (E_NOT_FOUND otherwise: its existence is not told). */
  private async visible(principal: Principal, id: string): Promise<StoredReport> {
    const report = await repo.get(this.deps.db, id);
    if (!report) throw reportNotFound(id);
    const reach = await this.deps.gate.reach(principal);
    if (!reach.everything && !reach.covers({ unitId: report.row.unitId, siteId: report.row.siteId })) throw reportNotFound(id);
    return report;
  }

  /** The report, if the caller handles reports of its site (ADMINISTER over the site). */
  private async handled(principal: Principal, id: string): Promise<StoredReport> {
    const report = await this.visible(principal, id);
    if (!(await this.mayHandle(principal, report.row))) throw notHandler(id);
    return report;
  }

  private async mayHandle(principal: Principal, row: PublicReportsTable): Promise<boolean> {
    return this.deps.gate.may(principal, 'ADMINISTER', await siteTarget(this.deps.db, row.siteId));
  }

  private async view(principal: Principal, stored: StoredReport): Promise<PublicReport> {
    const { row } = stored;
    const handler = await this.mayHandle(principal, row);
    const anonymous = row.anonymous === 1;
    return {
      id: row.id,
      reference: row.reference,
      siteId: row.siteId,
      unitId: row.unitId,
      signId: row.signId,
      violationType: row.violationType as ViolationType,
      article: articleOf(row.violationType),
      location: row.location,
      cameraDescription: row.cameraDescription,
      seenAt: row.seenAt,
      description: row.description,
      anonymous,
      contact: handler && !anonymous ? { name: row.contactName, phone: row.contactPhone, email: row.contactEmail, shareWithPolice: row.contactToPolice === 1 } : null,
      handler,
      language: row.language === 'en' ? 'en' : 'zh',
      status: row.status as ReportStatus,
      outcome: row.outcome as Outcome | null,
      cameraId: row.cameraId,
      receivedAt: row.receivedAt,
      firstActionDueAt: row.firstActionDueAt,
      firstActionAt: row.firstActionAt,
      overdue: row.firstActionAt === null && Date.parse(row.firstActionDueAt) <= this.deps.clock.now().getTime(),
      forwardedAt: row.forwardedAt,
      resolvedAt: row.resolvedAt,
      updatedAt: row.updatedAt,
      photos: stored.photos,
      steps: stored.steps,
      forwarding: stored.forwarding,
    };
  }
}
