/**
 * State-organ requests (art. 20): intake with the legal-basis document (REG-20-1), approval by a
 * second person holding APPROVE on every camera in scope (four eyes), which puts a hold on the scope
 * (REG-20-5); the emergency path approved verbally with documents to follow (REG-20-4); amendments
 * that widen the scope only with a new document (REG-20-2); closing, which schedules the hold's release.
 */
import type { Db } from '../../db/connect.ts';
import type { AccessGate } from '../../access/camera-permission.ts';
import type { ObjectGate } from '../../registry/services/context.ts';
import { CameraReach } from '../../access/authorization/camera-reach.ts';
import type { Principal } from '../../access/principal.ts';
import type { HoldsService } from '../../retention/holds-service.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { documentNotFound, legalBasisDocRequired, notDesignatedApprover, requestNotFound, scopeRangeInvalid, selfApproval, verbalOnlyForEmergency, wrongStatus } from './errors.ts';
import {
  amendmentInput,
  approveInput,
  closeInput,
  documentInput,
  EMERGENCY_DOCS_HOURS,
  EMERGENCY_WINDOW_HOURS,
  POST_CLOSE_DAYS,
  requestInput,
  type DocumentInput,
  type DocumentKind,
  type RequestStatus,
  type ScopeRange,
  type StateOrganRequest,
  type StoredDocument,
} from './model.ts';
import { stateOrganRepository as repo } from './repository.ts';
import type { StateOrganDocumentStore } from './document-store.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface StateOrganDeps {
  db: Db;
  clock: Clock;
  gate: AccessGate & Pick<ObjectGate, 'reach'>;
  holds: HoldsService;
  documents: StateOrganDocumentStore;
  emergencyWindowHours?: number;
}

const cameraIdsOf = (scope: readonly ScopeRange[]): string[] => [...new Set(scope.map((s) => s.cameraId))];

function checkScope(scope: readonly ScopeRange[]): ScopeRange[] {
  return scope.map((s) => {
    const from = Date.parse(s.from);
    const to = Date.parse(s.to);
    if (!(from < to)) throw scopeRangeInvalid(s);
    return { cameraId: s.cameraId, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  });
}

export class StateOrganRequestService {
  constructor(private readonly deps: StateOrganDeps) {}

  /** REG-20-1: every mandatory field, and the legal-basis document unless the request is an emergency. */
  async create(principal: Principal, body: unknown): Promise<StateOrganRequest> {
    const input = requestInput.parse(body);
    const scope = checkScope(input.scope);
    for (const cameraId of cameraIdsOf(scope)) await this.deps.gate.requireCamera(principal, 'EXPORT', cameraId);
    if (!input.document && !input.emergency) throw legalBasisDocRequired();
    const now = this.deps.clock.now().toISOString();
    const id = newId('sor');
    await this.withDocument(input.document, async (stored) => {
      await this.deps.db.transaction().execute(async (tx) => {
        await repo.insertRequest(tx, {
          id,
          organName: input.organName,
          organType: input.organType,
          purpose: input.purpose,
          caseNumber: input.caseNumber,
          emergency: input.emergency ? 1 : 0,
          officers: JSON.stringify(input.officers),
          scope: JSON.stringify(scope),
          status: 'PENDING',
          designatedApprover: input.designatedApprover ?? null,
          createdBy: principal.userId,
          createdAt: now,
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          verbal: 0,
          docsDueAt: null,
          accessUntil: null,
          holdIds: '[]',
          closedAt: null,
          closedBy: null,
          closeNote: null,
          postCloseDays: POST_CLOSE_DAYS,
        });
        if (stored) await repo.insertDocument(tx, this.documentRow(id, 'LEGAL_BASIS', stored, principal, now, null));
      });
    });
    return this.read(id);
  }

  /** The caller's own requests, and those whose every camera lies within the caller's EXPORT, APPROVE or AUDIT reach. */
  async list(principal: Principal, filter: { status?: RequestStatus } = {}): Promise<StateOrganRequest[]> {
    const reaches = await this.reaches(principal);
    const visible: StateOrganRequest[] = [];
    for (const request of await repo.list(this.deps.db, filter, this.deps.clock.now())) {
      if (await this.sees(principal, request, reaches)) visible.push(request);
    }
    return visible;
  }

  /** One request, answered as absent outside the caller's reach. */
  async get(principal: Principal, id: string): Promise<StateOrganRequest> {
    const request = await this.read(id);
    if (!(await this.sees(principal, request, await this.reaches(principal)))) throw requestNotFound(id);
    return request;
  }

  private async reaches(principal: Principal): Promise<CameraReach[]> {
    const out: CameraReach[] = [];
    for (const action of ['EXPORT', 'APPROVE', 'AUDIT'] as const) out.push(new CameraReach(this.deps.db, await this.deps.gate.reach(principal, action)));
    return out;
  }

  private async sees(principal: Principal, request: StateOrganRequest, reaches: CameraReach[]): Promise<boolean> {
    if (request.createdBy === principal.userId) return true;
    for (const reach of reaches) if (await reach.coversAll(cameraIdsOf(request.scope))) return true;
    return false;
  }

  /**
   * Four eyes: someone other than the creator (the designated approver, when one is named) holding
   * APPROVE on every camera. A hold is put on the scope. An emergency request with no document yet
   * must be approved verbally and allows access for the emergency window, the documents due within 24 h.
   */
  async approve(principal: Principal, id: string, body: unknown = {}): Promise<StateOrganRequest> {
    const { note, verbal } = approveInput.parse(body ?? {});
    const request = await this.pending(principal, id);
    const documented = request.documents.some((d) => d.kind === 'LEGAL_BASIS');
    if (verbal && !request.emergency) throw verbalOnlyForEmergency(id);
    if (!documented && !(request.emergency && verbal)) throw legalBasisDocRequired();
    const now = this.deps.clock.now();
    const emergency = !documented
      ? {
          verbal: 1,
          docsDueAt: new Date(now.getTime() + EMERGENCY_DOCS_HOURS * HOUR_MS).toISOString(),
          accessUntil: new Date(now.getTime() + (this.deps.emergencyWindowHours ?? EMERGENCY_WINDOW_HOURS) * HOUR_MS).toISOString(),
        }
      : { verbal: verbal ? 1 : 0 };
    const decision = { decidedBy: principal.userId, decidedAt: now.toISOString(), decisionNote: note?.trim() || null, ...emergency };
    if (!(await repo.update(this.deps.db, id, 'PENDING', { status: 'APPROVED', ...decision }))) throw wrongStatus(id, (await this.read(id)).status, 'PENDING');
    // REG-20-5: no approval without its hold; should the hold fail, the request is pending again.
    const hold = await this.hold(request, request.scope, principal).catch(async (error: unknown) => {
      await repo.update(this.deps.db, id, 'APPROVED', { status: 'PENDING', decidedBy: null, decidedAt: null, decisionNote: null, verbal: 0, docsDueAt: null, accessUntil: null });
      throw error;
    });
    await repo.update(this.deps.db, id, 'APPROVED', { holdIds: JSON.stringify([hold]) });
    return this.read(id);
  }

  async reject(principal: Principal, id: string, body: unknown = {}): Promise<StateOrganRequest> {
    const { note } = approveInput.parse(body ?? {});
    await this.pending(principal, id);
    const decision = { decidedBy: principal.userId, decidedAt: this.deps.clock.now().toISOString(), decisionNote: note?.trim() || null };
    if (!(await repo.update(this.deps.db, id, 'PENDING', { status: 'REJECTED', ...decision }))) throw wrongStatus(id, (await this.read(id)).status, 'PENDING');
    return this.read(id);
  }

  /** A legal-basis document that follows an emergency request (or replaces nothing: each is kept). */
  async addDocument(principal: Principal, id: string, body: unknown): Promise<StoredDocument> {
    const document = documentInput.parse(body);
    const request = await this.get(principal, id);
    for (const cameraId of cameraIdsOf(request.scope)) await this.deps.gate.requireCamera(principal, 'EXPORT', cameraId);
    return this.storeDocument(principal, id, 'LEGAL_BASIS', document, null);
  }

  /**
   * REG-20-2: the scope widens only with a new document reference, by someone holding APPROVE on the
   * added cameras who did not enter the request; an approved request's hold grows with it.
   */
  async amend(principal: Principal, id: string, body: unknown): Promise<StateOrganRequest> {
    const input = amendmentInput.parse(body);
    if (!input.document) throw legalBasisDocRequired();
    const request = await this.get(principal, id);
    if (request.status !== 'PENDING' && request.status !== 'APPROVED') throw wrongStatus(id, request.status, 'PENDING or APPROVED');
    if (request.createdBy === principal.userId) throw selfApproval(id);
    const added = checkScope(input.scope);
    for (const cameraId of cameraIdsOf(added)) await this.deps.gate.requireCamera(principal, 'APPROVE', cameraId);
    await this.storeDocument(principal, id, 'AMENDMENT', input.document, added);
    const changes: { scope: string; holdIds?: string } = { scope: JSON.stringify([...request.scope, ...added]) };
    if (request.status === 'APPROVED') changes.holdIds = JSON.stringify([...request.holdIds, await this.hold(request, added, principal)]);
    if (!(await repo.update(this.deps.db, id, request.status, changes))) throw wrongStatus(id, (await this.read(id)).status, request.status);
    return this.read(id);
  }

  /** REG-20-5: closing schedules each hold's release for the closing time + postCloseDays (default 30). */
  async close(principal: Principal, id: string, body: unknown = {}): Promise<StateOrganRequest> {
    const input = closeInput.parse(body ?? {});
    const request = await this.get(principal, id);
    if (request.status !== 'APPROVED') throw wrongStatus(id, request.status, 'APPROVED');
    for (const cameraId of cameraIdsOf(request.scope)) await this.deps.gate.requireCamera(principal, 'APPROVE', cameraId);
    const now = this.deps.clock.now();
    const days = input.postCloseDays ?? request.postCloseDays;
    const changes = { status: 'CLOSED', closedAt: now.toISOString(), closedBy: principal.userId, closeNote: input.note?.trim() || null, postCloseDays: days };
    if (!(await repo.update(this.deps.db, id, 'APPROVED', changes))) throw wrongStatus(id, (await this.read(id)).status, 'APPROVED');
    const releaseAt = new Date(now.getTime() + days * DAY_MS).toISOString();
    for (const holdId of request.holdIds) {
      await this.deps.holds.scheduleRelease(holdId, releaseAt, `国家机关调取申请 ${id} 已办结,保全保留至办结后 ${days} 日`, { name: principal.displayName });
    }
    return this.read(id);
  }

  /** The stored scan of one of the request's documents. */
  async documentFile(principal: Principal, id: string, documentId: string): Promise<{ document: StoredDocument; stream: NodeJS.ReadableStream }> {
    const request = await this.get(principal, id);
    const document = request.documents.find((d) => d.id === documentId);
    if (!document) throw documentNotFound(documentId);
    return { document, stream: await this.deps.documents.get(document.id) };
  }

  /** EMERGENCY_DOCS_OVERDUE for each approved emergency request whose documents are late (REG-20-4). */
  async findings(): Promise<{ code: string; article: string; requestId: string; docsDueAt: string; organName: string; caseNumber: string }[]> {
    const requests = await repo.list(this.deps.db, { status: 'APPROVED' }, this.deps.clock.now());
    return requests
      .filter((r) => r.emergencyDocsOverdue)
      .map((r) => ({ code: 'EMERGENCY_DOCS_OVERDUE', article: '20', requestId: r.id, docsDueAt: r.docsDueAt ?? '', organName: r.organName, caseNumber: r.caseNumber }));
  }

  async read(id: string): Promise<StateOrganRequest> {
    const request = await repo.get(this.deps.db, id, this.deps.clock.now());
    if (!request) throw requestNotFound(id);
    return request;
  }

  private async pending(principal: Principal, id: string): Promise<StateOrganRequest> {
    const request = await this.get(principal, id);
    if (request.createdBy === principal.userId) throw selfApproval(id);
    if (request.designatedApprover && request.designatedApprover !== principal.userId) throw notDesignatedApprover(id, request.designatedApprover);
    if (request.status !== 'PENDING') throw wrongStatus(id, request.status, 'PENDING');
    for (const cameraId of cameraIdsOf(request.scope)) await this.deps.gate.requireCamera(principal, 'APPROVE', cameraId);
    return request;
  }

  /** A legal hold on the ranges, made by the system for this request (the caller was checked here). */
  private async hold(request: StateOrganRequest, ranges: readonly ScopeRange[], principal: Principal): Promise<string> {
    const basis = request.documents.find((d) => d.kind === 'LEGAL_BASIS');
    const citation = `${request.organName} ${basis ? `${basis.type} ${basis.number}` : '紧急调取(文书待补)'} 案号 ${request.caseNumber}`;
    const hold = await this.deps.holds.create(
      { basisType: 'STATE_ORGAN_REQUEST', citation, requestId: request.id, owner: principal.displayName, ranges: ranges.map((r) => ({ cameraId: r.cameraId, from: r.from, to: r.to })) },
      { name: `${principal.displayName}(批准国家机关调取申请 ${request.id})` },
    );
    return hold.id;
  }

  private async storeDocument(principal: Principal, requestId: string, kind: DocumentKind, document: DocumentInput, scopeAdded: ScopeRange[] | null): Promise<StoredDocument> {
    const now = this.deps.clock.now().toISOString();
    let stored: StoredDocument | undefined;
    await this.withDocument(document, async (blob) => {
      if (blob) stored = await repo.insertDocument(this.deps.db, this.documentRow(requestId, kind, blob, principal, now, scopeAdded));
    });
    return stored as StoredDocument;
  }

  /** Stores the scan (if any), runs `write` with it; on failure the scan is removed again. */
  private async withDocument(document: DocumentInput | undefined, write: (stored: StoredScan | null) => Promise<void>): Promise<void> {
    if (!document) return write(null);
    const id = newId('sod');
    const blob = await this.deps.documents.put(id, document.file.contentBase64);
    try {
      await write({ id, document, ...blob });
    } catch (error) {
      await this.deps.documents.discard(id).catch(() => undefined);
      throw error;
    }
  }

  private documentRow(requestId: string, kind: DocumentKind, s: StoredScan, principal: Principal, now: string, scopeAdded: ScopeRange[] | null) {
    return {
      id: s.id,
      requestId,
      kind,
      docType: s.document.type,
      docNumber: s.document.number,
      docDate: s.document.date,
      fileName: s.document.file.fileName,
      contentType: s.document.file.contentType,
      sha256: s.sha256,
      sizeBytes: s.sizeBytes,
      scopeAdded: scopeAdded ? JSON.stringify(scopeAdded) : null,
      uploadedBy: principal.userId,
      uploadedAt: now,
    };
  }
}

interface StoredScan {
  id: string;
  document: DocumentInput;
  sha256: string;
  sizeBytes: number;
}
