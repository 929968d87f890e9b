/**
 * Art. 21 requests filed from a sign's public page (arts. 13, 21): the same eligibility as at the counter
 * (relationship, purpose, REG-21-1), the same answer deadline, landing PENDING_CONSENT in the unit's
 * workflow, marked PUBLIC_SIGN, with the site and the incident place prefilled. Proof is optional here (an
 * ID photo from the phone); without one the request says the ID is shown at the counter, and consent waits
 * until it is recorded (request-service.ts). The person keeps a random reference number, which tells the
 * status and dates and, once decided, the unit's answer: never the personal data.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import { instant } from '../../registry/model.ts';
import type { Clock } from '../../shared/clock.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import type { Art21DocumentStore } from './document-store.ts';
import { documentTooLarge, proofRequired } from './errors.ts';
import { DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, ID_TYPES, PUBLIC_RECEIVER, type Art21Status } from './model.ts';
import type { Art21Policy } from './policy.ts';
import { art21Repository as repo, type NewDocumentRow } from './repository.ts';
import { answerDueAt, checkPurpose, checkRelationship } from './request-service.ts';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** A21- and three groups of four from a 31-letter alphabet: about 59 bits, not to be guessed behind the rate limit. */
export const PUBLIC_REFERENCE_PATTERN = /^A21-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the public form sends. Relationship and purpose stay strings: the service answers with its own codes. */
export const publicIntakeInput = z.strictObject({
  requester: z.strictObject({
    name: text(100),
    idType: z.enum(ID_TYPES),
    idNumber: text(64),
    /** An email or other way to reach the person, kept as contact only (nothing is sent). */
    contact: z.string().trim().max(200).optional(),
  }),
  relationship: z.string().trim().min(1).max(64),
  relationshipSubtype: z.string().trim().max(64).optional(),
  purpose: z.string().trim().min(1).max(64),
  purposeDescription: text(2000),
  relatedPerson: text(100),
  incidentAt: instant,
  /** Where exactly, in the person's words; the site and the sign's place are recorded in any case. */
  incidentPlace: z.string().trim().max(500).optional(),
  /** One proof document from the phone (an ID photo), optional. */
  document: z
    .strictObject({
      kind: z.enum(DOCUMENT_KINDS).default('IDENTITY'),
      fileName: text(200),
      mediaType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
      contentBase64: z.string().min(1).max(Math.ceil((DOCUMENT_MAX_BYTES * 4) / 3) + 4),
    })
    .optional(),
});
export type PublicIntakeInput = z.input<typeof publicIntakeInput>;

export interface PublicIntakePlace {
  unitId: string;
  siteId: string;
  siteName: string;
  signLocation: string;
}

export interface PublicReceipt {
  reference: string;
  status: Art21Status;
  receivedAt: string;
  dueAt: string;
  /** True when no identity document came with the request: the person shows it at the counter. */
  proofAtCounter: boolean;
}

export interface PublicStatus extends PublicReceipt {
  decidedAt: string | null;
  /** The unit's answer once decided (both languages), without the requester's name or any personal data. */
  answer: { zh: string; en: string } | null;
}

export const referenceUnknown = () =>
  new NotFoundError('E_REFERENCE_UNKNOWN', { message: { zh: '未找到该编号的申请', en: 'No request has this reference number' } });

function newReference(): string {
  const chars = [...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `A21-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

function answerOf(status: string, reason: string | null): { zh: string; en: string } | null {
  const why = reason ? { zh: `\n单位答复:${reason}`, en: `\nThe unit’s answer: ${reason}` } : { zh: '', en: '' };
  switch (status) {
    case 'APPROVED':
      return {
        zh: `管理单位同意您查阅关联的视频图像。请携带身份证件及本编号到管理单位,在工作人员陪同下查阅(仅可观看,不得复制、截图或下载)。${why.zh}`,
        en: `The managing unit consents to your viewing the related footage. Bring your identity document and this reference to the unit; you view it supervised (viewing only: no copy, screenshot or download).${why.en}`,
      };
    case 'REJECTED':
      return {
        zh: `管理单位不同意查阅。如需复制本人个人信息,可依《个人信息保护法》另行申请;如涉及案件,可向公安机关报案。${why.zh}`,
        en: `The managing unit does not consent. For a copy of your own personal information you may apply under the Personal Information Protection Law; where a case is involved, report it to the police.${why.en}`,
      };
    case 'CLOSED':
      return { zh: `申请已办结。${why.zh}`, en: `The request is closed.${why.en}` };
    default:
      return null;
  }
}

export class PublicArt21Intake {
  constructor(private readonly deps: { db: Db; clock: Clock; documents: Art21DocumentStore; policy: Art21Policy }) {}

  async intake(place: PublicIntakePlace, raw: unknown): Promise<PublicReceipt> {
    const { db, clock, documents, policy } = this.deps;
    const input = publicIntakeInput.parse(raw);
    const { relationship, subtype } = checkRelationship(input.relationship, input.relationshipSubtype);
    const purpose = checkPurpose(input.purpose);
    const file = input.document && { ...input.document, bytes: Buffer.from(input.document.contentBase64, 'base64') };
    if (file && file.bytes.length === 0) throw proofRequired(relationship);
    if (file && file.bytes.length > DOCUMENT_MAX_BYTES) throw documentTooLarge(file.fileName, DOCUMENT_MAX_BYTES);
    const now = clock.now();
    const at = now.toISOString();
    const id = newId('a21');
    const stored: NewDocumentRow[] = [];
    if (file) {
      const documentId = newId('doc');
      const { path, sha256 } = await documents.put(id, documentId, file.bytes);
      stored.push({ id: documentId, requestId: id, kind: file.kind, fileName: file.fileName, mediaType: file.mediaType, bytes: file.bytes.length, sha256, path, uploadedBy: PUBLIC_RECEIVER, uploadedAt: at });
    }
    const placeText = `${place.siteName} · ${place.signLocation}${input.incidentPlace ? ` · ${input.incidentPlace}` : ''}`.slice(0, 500);
    const dueAt = answerDueAt(now, policy);
    for (let attempt = 0; ; attempt++) {
      const reference = newReference();
      try {
        await repo.insertRequest(
          db,
          {
            id,
            unitId: place.unitId,
            requesterName: input.requester.name,
            requesterIdType: input.requester.idType,
            requesterIdNumber: input.requester.idNumber,
            requesterEmployer: null,
            requesterContact: input.requester.contact || null,
            relationship,
            relationshipSubtype: subtype,
            purpose,
            purposeDescription: input.purposeDescription,
            relatedPerson: input.relatedPerson,
            incidentAt: new Date(input.incidentAt).toISOString(),
            incidentPlace: placeText,
            receivedBy: PUBLIC_RECEIVER,
            receivedVia: 'PUBLIC_SIGN',
            publicReference: reference,
            siteId: place.siteId,
            receivedAt: at,
            dueAt,
          },
          stored,
        );
        await historyRepository.append(db, {
          entityType: 'art21Request',
          entityId: id,
          action: 'INTAKE',
          actor: 'public-sign',
          reason: null,
          at,
          before: null,
          after: { id, unitId: place.unitId, siteId: place.siteId, receivedVia: 'PUBLIC_SIGN', relationship, purpose, documents: stored.map((d) => ({ kind: d.kind, sha256: d.sha256 })) },
        });
        return { reference, status: 'PENDING_CONSENT', receivedAt: at, dueAt, proofAtCounter: !stored.some((d) => d.kind === 'IDENTITY') };
      } catch (error) {
        if (attempt >= 4 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  /** The status of the request with this reference (E_REFERENCE_UNKNOWN otherwise, malformed included). */
  async status(reference: string): Promise<PublicStatus> {
    const normalised = reference.trim().toUpperCase();
    if (!PUBLIC_REFERENCE_PATTERN.test(normalised)) throw referenceUnknown();
    const row = await repo.byPublicReference(this.deps.db, normalised);
    if (!row) throw referenceUnknown();
    const documents = await repo.documents(this.deps.db, row.id);
    return {
      reference: normalised,
      status: row.status as Art21Status,
      receivedAt: row.receivedAt,
      dueAt: row.dueAt,
      proofAtCounter: !documents.some((d) => d.kind === 'IDENTITY'),
      decidedAt: row.decidedAt,
      answer: answerOf(row.status, row.decisionReason),
    };
  }
}
