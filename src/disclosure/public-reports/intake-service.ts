/**
 * The public side of art. 24 reports: anyone standing under a sign reports a camera that should not be
 * there (art. 7 ¶3, 8 ¶1, 9 ¶1), with photos, anonymously if they wish, and keeps a reference number
 * that tells them the report's status and dates, nothing more. The unit is alerted on arrival
 * (PUBLIC_REPORT_RECEIVED) and the first-action time starts.
 */
import type { Db } from '../../db/connect.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import { resolveSignCode } from '../../public/sign-codes.ts';
import { sitesRepository } from '../../registry/repositories/index.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { referenceUnknown, seenInFuture, signCodeUnknown } from './errors.ts';
import { intakeInput, type ReportStatus, type ReportStatusView } from './model.ts';
import { checkPhoto, type ReportPhotoStore } from './photo-store.ts';
import type { PublicReportPolicy } from './policy.ts';
import { newReference, normaliseReference } from './reference.ts';
import { articleOf, reportsRepository as repo } from './repository.ts';
import type { PublicReportPhotosTable } from './tables.ts';

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  photos: ReportPhotoStore;
  alarms: AlarmSink;
  policy: PublicReportPolicy;
}

/** A few minutes of clock skew between a phone and the server are not "the future". */
const SKEW_MS = 10 * 60_000;
export const PUBLIC_ACTOR = '公众举报人 / member of the public';

export class ReportIntakeService {
  constructor(private readonly deps: IntakeDeps) {}

  /** The site a sign code opens, if it is active (E_SIGN_CODE_UNKNOWN otherwise). */
  async siteOf(code: string): Promise<{ siteId: string; signId: string; unitId: string }> {
    const ref = await resolveSignCode(this.deps.db, code);
    const site = ref ? await sitesRepository.get(this.deps.db, ref.siteId) : undefined;
    if (!ref || !site || !site.active) throw signCodeUnknown();
    return { siteId: site.id, signId: ref.signId, unitId: site.unitId };
  }

  /** Takes a report in; answers the reference number the reporter keeps. */
  async intake(code: string, raw: unknown): Promise<ReportStatusView & { firstActionDueAt: string }> {
    const { db, clock, photos, alarms, policy } = this.deps;
    const input = intakeInput.parse(raw);
    const place = await this.siteOf(code);
    const now = clock.now();
    if (input.seenAt && Date.parse(input.seenAt) > now.getTime() + SKEW_MS) throw seenInFuture();
    const checked = input.photos.map((p) => checkPhoto(p.contentBase64));
    const at = now.toISOString();
    const id = newId('rpt');
    const stored: PublicReportPhotosTable[] = [];
    for (const photo of checked) {
      const photoId = newId('pho');
      const { path, sha256 } = await photos.put(id, photoId, photo.bytes);
      stored.push({ id: photoId, reportId: id, kind: 'REPORT', stepId: null, mediaType: photo.mediaType, bytes: photo.bytes.length, sha256, path, uploadedAt: at });
    }
    const contact = input.contact;
    const contactGiven = Boolean(contact && (contact.name || contact.phone || contact.email));
    const dueAt = new Date(now.getTime() + policy.firstActionHours * 3_600_000).toISOString();
    const status: ReportStatus = 'RECEIVED';
    let reference = '';
    for (let attempt = 0; ; attempt++) {
      reference = newReference();
      try {
        await db.transaction().execute(async (tx) => {
          await repo.insert(
            tx,
            {
              id,
              reference,
              siteId: place.siteId,
              unitId: place.unitId,
              signId: place.signId,
              violationType: input.violationType,
              location: input.location,
              cameraDescription: input.cameraDescription || null,
              seenAt: input.seenAt ? new Date(input.seenAt).toISOString() : null,
              description: input.description,
              anonymous: contactGiven ? 0 : 1,
              contactName: (contactGiven && contact?.name) || null,
              contactPhone: (contactGiven && contact?.phone) || null,
              contactEmail: (contactGiven && contact?.email) || null,
              contactToPolice: contactGiven && contact?.shareWithPolice ? 1 : 0,
              language: input.language,
              status,
              outcome: null,
              cameraId: null,
              receivedAt: at,
              firstActionDueAt: dueAt,
              firstActionAt: null,
              forwardedAt: null,
              resolvedAt: null,
              updatedAt: at,
            },
            stored,
            { id: newId('rps'), reportId: id, action: 'RECEIVE', status, actorId: null, actorName: PUBLIC_ACTOR, at, note: null, outcome: null, cameraId: null, photoId: null },
          );
          // The administration history's hash chain holds the report's facts, never the contact.
          await historyRepository.append(tx, {
            entityType: 'publicReport',
            entityId: id,
            action: 'RECEIVE',
            actor: PUBLIC_ACTOR,
            at,
            before: null,
            after: { reference, siteId: place.siteId, violationType: input.violationType, location: input.location, anonymous: !contactGiven, photoSha256: stored.map((p) => p.sha256), firstActionDueAt: dueAt },
          });
        });
        break;
      } catch (error) {
        if (attempt < 3 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
    await alarms.raise({
      kind: 'PUBLIC_REPORT_RECEIVED',
      subject: id,
      at,
      // The reference number stays with the reporter and the report's readers: alarms reach administrators of every unit.
      details: { reportId: id, siteId: place.siteId, violationType: input.violationType, article: articleOf(input.violationType), firstActionDueAt: dueAt },
    });
    return { reference, status, receivedAt: at, firstActionAt: null, forwardedAt: null, resolvedAt: null, updatedAt: at, firstActionDueAt: dueAt };
  }

  /** What the reference number tells: the status and its dates (E_REPORT_REFERENCE_UNKNOWN otherwise). */
  async status(typed: string): Promise<ReportStatusView> {
    const reference = normaliseReference(typed);
    const row = reference ? await repo.byReference(this.deps.db, reference) : undefined;
    if (!row) throw referenceUnknown();
    return { reference: row.reference, status: row.status as ReportStatus, receivedAt: row.receivedAt, firstActionAt: row.firstActionAt, forwardedAt: row.forwardedAt, resolvedAt: row.resolvedAt, updatedAt: row.updatedAt };
  }
}
