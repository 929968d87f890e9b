/**
 * Art. 21 requests (REG-21-1 … REG-21-3): intake with identity, relationship, purpose and proof;
 * the unit's consent decision by an approver holding APPROVE on every camera of the scope (not the
 * person who took the intake); the deadline to answer, with overdue and due-soon reminders.
 */
import type { Db } from '../../db/connect.ts';
import type { AccessGate } from '../../access/camera-permission.ts';
import type { Principal } from '../../access/principal.ts';
import type { ObjectGate } from '../../registry/services/context.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { addDays, legalDateOf, startOfLegalDay } from '../../shared/legal-time.ts';
import { documentTooLarge, identityProofMissing, notPendingConsent, proofRequired, purposeNotEligible, reasonRequired, relationshipNotEligible, requestNotFound, selfDecision } from './errors.ts';
import type { Art21DocumentStore } from './document-store.ts';
import { recordStep } from './history.ts';
import { CLOSE_RELATIVE_SUBTYPES, DOCUMENT_MAX_BYTES, PURPOSES, RELATIONSHIPS, addDocumentInput, decisionInput, intakeInput, type Art21Request, type Purpose, type Relationship } from './model.ts';
import { rejectionNotice } from './notification.ts';
import type { Art21Policy } from './policy.ts';
import { art21Repository as repo, type NewDocumentRow } from './repository.ts';
import { checkScope } from './scope.ts';

export type Art21Gate = AccessGate & Pick<ObjectGate, 'reach' | 'requireVisible'>;

export interface Art21Deps {
  db: Db;
  clock: Clock;
  gate: Art21Gate;
  documents: Art21DocumentStore;
  policy: Art21Policy;
}

export interface Reminder {
  id: string;
  requesterName: string;
  purpose: Purpose;
  receivedAt: string;
  dueAt: string;
  daysLeft: number;
}

const DAY_MS = 86_400_000;

/** The unit's answer deadline: the end of the answerDays-th legal day after the day the request came in. */
export function answerDueAt(now: Date, policy: Pick<Art21Policy, 'answerDays'>): string {
  return startOfLegalDay(addDays(legalDateOf(now), policy.answerDays + 1)).toISOString();
}

/** REG-21-1: the relationship and its subtype (a close relative only from the Civil Code art. 1045 list). */
export function checkRelationship(relationship: string, subtype: string | undefined): { relationship: Relationship; subtype: string | null } {
  if (!(RELATIONSHIPS as readonly string[]).includes(relationship)) throw relationshipNotEligible(relationship, subtype);
  if (relationship === 'CLOSE_RELATIVE') {
    if (!subtype || !(CLOSE_RELATIVE_SUBTYPES as readonly string[]).includes(subtype)) throw relationshipNotEligible(relationship, subtype);
    return { relationship, subtype };
  }
  return { relationship: relationship as Relationship, subtype: subtype?.trim() || null };
}

export function checkPurpose(purpose: string): Purpose {
  if (!(PURPOSES as readonly string[]).includes(purpose)) throw purposeNotEligible(purpose);
  return purpose as Purpose;
}

export class Art21RequestService {
  constructor(private readonly deps: Art21Deps) {}

  /** REG-21-1: an eligible request, its proof stored with SHA-256, in PENDING_CONSENT with its answer deadline. */
  async intake(principal: Principal, raw: unknown): Promise<Art21Request> {
    const { db, clock, gate, documents, policy } = this.deps;
    const input = intakeInput.parse(raw);
    const { relationship, subtype } = checkRelationship(input.relationship, input.relationshipSubtype);
    const purpose = checkPurpose(input.purpose);
    if (input.documents.length === 0) throw proofRequired(relationship);
    await gate.requireVisible(principal, { unitId: input.unitId }, 'unit', input.unitId);
    const files = input.documents.map((d) => {
      const bytes = Buffer.from(d.contentBase64, 'base64');
      if (bytes.length === 0) throw proofRequired(relationship);
      if (bytes.length > DOCUMENT_MAX_BYTES) throw documentTooLarge(d.fileName, DOCUMENT_MAX_BYTES);
      return { ...d, bytes };
    });
    const now = clock.now();
    const at = now.toISOString();
    const id = newId('a21');
    const stored: NewDocumentRow[] = [];
    for (const f of files) {
      const documentId = newId('doc');
      const { path, sha256 } = await documents.put(id, documentId, f.bytes);
      stored.push({ id: documentId, requestId: id, kind: f.kind, fileName: f.fileName, mediaType: f.mediaType, bytes: f.bytes.length, sha256, path, uploadedBy: principal.userId, uploadedAt: at });
    }
    const dueAt = answerDueAt(now, policy);
    await repo.insertRequest(
      db,
      {
        id,
        unitId: input.unitId,
        requesterName: input.requester.name,
        requesterIdType: input.requester.idType,
        requesterIdNumber: input.requester.idNumber,
        requesterEmployer: input.requester.employer || null,
        requesterContact: input.requester.contact || null,
        relationship,
        relationshipSubtype: subtype,
        purpose,
        purposeDescription: input.purposeDescription,
        relatedPerson: input.relatedPerson,
        incidentAt: new Date(input.incidentAt).toISOString(),
        incidentPlace: input.incidentPlace,
        receivedBy: principal.userId,
        receivedVia: 'STAFF',
        publicReference: null,
        siteId: null,
        receivedAt: at,
        dueAt,
      },
      stored,
    );
    const request = await this.load(id);
    await recordStep(db, principal, { entityType: 'art21Request', entityId: id, action: 'INTAKE', at, before: null, after: { ...request, requester: { ...request.requester, idNumber: '***' } } });
    return request;
  }

  /** A request of a unit the caller can see (as absent otherwise). */
  async get(principal: Principal, id: string): Promise<Art21Request> {
    const request = await repo.get(this.deps.db, id);
    if (!request) throw requestNotFound(id);
    const reach = await this.deps.gate.reach(principal);
    if (!reach.everything && !reach.covers({ unitId: request.unitId })) throw requestNotFound(id);
    return request;
  }

  async list(principal: Principal, filter: { status?: string } = {}): Promise<Art21Request[]> {
    const reach = await this.deps.gate.reach(principal);
    return (await repo.list(this.deps.db, filter)).filter((r) => reach.everything || reach.covers({ unitId: r.unitId }));
  }

  /**
   * A proof document added to a pending request (REG-21-1): the identity document a person who filed from
   * the public page shows at the counter, or a relationship proof brought later. PLAYBACK over the unit.
   */
  async addDocument(principal: Principal, id: string, raw: unknown): Promise<Art21Request> {
    const { db, clock, documents } = this.deps;
    const { document } = addDocumentInput.parse(raw);
    const request = await this.get(principal, id);
    if (request.status !== 'PENDING_CONSENT') throw notPendingConsent(id, request.status);
    const bytes = Buffer.from(document.contentBase64, 'base64');
    if (bytes.length === 0) throw proofRequired(request.relationship);
    if (bytes.length > DOCUMENT_MAX_BYTES) throw documentTooLarge(document.fileName, DOCUMENT_MAX_BYTES);
    const at = clock.now().toISOString();
    const documentId = newId('doc');
    const { path, sha256 } = await documents.put(id, documentId, bytes);
    await repo.insertDocument(db, { id: documentId, requestId: id, kind: document.kind, fileName: document.fileName, mediaType: document.mediaType, bytes: bytes.length, sha256, path, uploadedBy: principal.userId, uploadedAt: at });
    await recordStep(db, principal, { entityType: 'art21Request', entityId: id, action: 'ADD_DOCUMENT', at, before: null, after: { documentId, kind: document.kind, sha256, bytes: bytes.length } });
    return this.load(id);
  }

  /** A proof document's bytes, for someone who may see the request. */
  async document(principal: Principal, requestId: string, documentId: string): Promise<{ fileName: string; mediaType: string; sha256: string; bytes: Buffer }> {
    await this.get(principal, requestId);
    const doc = await repo.document(this.deps.db, requestId, documentId);
    if (!doc) throw requestNotFound(`${requestId}/${documentId}`);
    return { fileName: doc.fileName, mediaType: doc.mediaType, sha256: doc.sha256, bytes: await this.deps.documents.read(doc.path) };
  }

  /**
   * REG-21-2, REG-21-3: APPROVED with a scope (cameras × windows, within ±maxWindowHours of the
   * incident unless justified), or REJECTED with a reason and a notice for the requester.
   */
  async decide(principal: Principal, id: string, raw: unknown): Promise<Art21Request> {
    const { db, clock, gate, policy } = this.deps;
    const input = decisionInput.parse(raw);
    const request = await this.get(principal, id);
    if (request.status !== 'PENDING_CONSENT') throw notPendingConsent(id, request.status);
    if (request.receivedBy === principal.userId) throw selfDecision(id);
    const at = clock.now().toISOString();
    let set;
    if (input.decision === 'APPROVED') {
      // Filed from the public page without an ID: proof is shown at the counter and recorded before consent.
      if (request.receivedVia === 'PUBLIC_SIGN' && !request.documents.some((d) => d.kind === 'IDENTITY')) throw identityProofMissing(id);
      const scope = checkScope(input.scope, request.incidentAt, policy.maxWindowHours, input.justification);
      for (const cameraId of new Set(scope.map((s) => s.cameraId))) await gate.requireCamera(principal, 'APPROVE', cameraId);
      set = { status: 'APPROVED', decidedBy: principal.userId, decidedAt: at, decisionReason: input.reason || null, scope: JSON.stringify(scope), scopeJustification: input.justification || null, notification: null };
    } else {
      if (!input.reason) throw reasonRequired();
      await gate.requireAction(principal, 'APPROVE');
      const notice = rejectionNotice({ id, requesterName: request.requester.name, receivedAt: request.receivedAt }, input.reason, at);
      set = { status: 'REJECTED', decidedBy: principal.userId, decidedAt: at, decisionReason: input.reason, scope: null, scopeJustification: null, notification: JSON.stringify(notice) };
    }
    if (!(await repo.decide(db, id, set))) throw notPendingConsent(id, (await this.load(id)).status);
    const decided = await this.load(id);
    await recordStep(db, principal, { entityType: 'art21Request', entityId: id, action: input.decision, at, reason: input.reason ?? null, before: { status: request.status }, after: { status: decided.status, scope: decided.scope, decisionReason: decided.decisionReason, scopeJustification: decided.scopeJustification } });
    return decided;
  }

  /** Pending requests past their deadline, and those due within dueSoonDays (for the dashboard). */
  async reminders(principal: Principal): Promise<{ overdue: Reminder[]; dueSoon: Reminder[]; answerDays: number; dueSoonDays: number }> {
    const now = this.deps.clock.now().getTime();
    const soon = now + this.deps.policy.dueSoonDays * DAY_MS;
    const pending = await this.list(principal, { status: 'PENDING_CONSENT' });
    const reminder = (r: Art21Request): Reminder => ({
      id: r.id,
      requesterName: r.requester.name,
      purpose: r.purpose,
      receivedAt: r.receivedAt,
      dueAt: r.dueAt,
      daysLeft: Math.ceil((Date.parse(r.dueAt) - now) / DAY_MS),
    });
    const byDue = (a: Reminder, b: Reminder) => a.dueAt.localeCompare(b.dueAt);
    return {
      overdue: pending.filter((r) => Date.parse(r.dueAt) <= now).map(reminder).sort(byDue),
      dueSoon: pending.filter((r) => Date.parse(r.dueAt) > now && Date.parse(r.dueAt) <= soon).map(reminder).sort(byDue),
      answerDays: this.deps.policy.answerDays,
      dueSoonDays: this.deps.policy.dueSoonDays,
    };
  }

  private async load(id: string): Promise<Art21Request> {
    const request = await repo.get(this.deps.db, id);
    if (!request) throw requestNotFound(id);
    return request;
  }
}
