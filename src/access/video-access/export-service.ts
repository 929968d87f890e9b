/**
 * Exports under four eyes (REG-16-3, REG-16-4): a request with a reason, a decision by someone
 * else, then the export itself, recorded with the segments' SHA-256 values and the approver, once.
 * (The export bundle itself, with manifest and proofs, comes with the disclosure module; here the
 * export hands out a media token and the segment links.)
 */
import type { Db } from '../../db/connect.ts';
import { listSegments } from '../../recording/segment-repository.ts';
import type { SegmentRow } from '../../recording/model.ts';
import type { Clock } from '../../shared/clock.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { AccessGate } from '../camera-permission.ts';
import type { ObjectGate } from '../../registry/services/context.ts';
import { CameraReach } from '../authorization/camera-reach.ts';
import type { Principal } from '../principal.ts';
import type { Basis, BasisRecord, EntryContent, ReasonInput } from '../register/model.ts';
import { checkReason } from '../register/reason.ts';
import type { RegisterService } from '../register/register-service.ts';
import { recordingDenials } from './denials.ts';
import { approvalRequired, exportBasisRequired, exportRequestNotFound, notPending, notRequester, selfApproval } from './errors.ts';
import { requireBasis } from './basis.ts';
import { exportRequestRepository as repo, type ExportRequest, type ExportRequestStatus } from './export-request-repository.ts';
import type { BundleResult, BundleService } from './bundle-service.ts';
import type { MediaService, SegmentLink } from './media-service.ts';
import { checkRange, type MediaGrant } from './video-access-service.ts';
import { viewOnly } from '../../disclosure/art21/errors.ts';
import { redactionRequired } from '../../disclosure/release/errors.ts';

export interface ExportRequestInput {
  cameraIds: string[];
  from: string;
  to: string;
  reason?: ReasonInput | null;
  basis?: Basis | null;
}

export class ExportService {
  constructor(private readonly deps: { db: Db; clock: Clock; gate: AccessGate & Pick<ObjectGate, 'reach'>; register: RegisterService; media: MediaService; bundles?: BundleService }) {}

  /**
   * Asks for an export: the requester must hold EXPORT on every camera, name a basis that covers every
   * camera over the range (REG-23-1: no generic download), and give a reason.
   */
  async request(principal: Principal, input: ExportRequestInput): Promise<ExportRequest> {
    const range = checkRange(input.from, input.to);
    const cameraIds = [...new Set(input.cameraIds)];
    // REG-22-1: a public release goes out only through its redaction job, never as a plain export.
    if (input.basis?.type === 'PUBLIC_RELEASE') {
      const refused = redactionRequired({ basis: input.basis });
      const content: EntryContent = { cameraIds, ranges: cameraIds.map((cameraId) => ({ cameraId, ...range })), operation: 'EXPORT' };
      await this.deps.register.deny(principal, { operation: 'EXPORT', reason: input.reason, content, basis: input.basis, error: { code: refused.code, article: '22' } });
      throw refused;
    }
    await this.requireCameras(principal, cameraIds, range, input.reason, input.basis);
    const reason = checkReason(input.reason);
    return repo.insert(this.deps.db, {
      id: newId('exr'),
      requestedBy: principal.userId,
      cameraIds,
      ...range,
      reason,
      basis: input.basis ?? null,
      status: 'PENDING',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      createdAt: this.deps.clock.now().toISOString(),
    });
  }

  async get(id: string): Promise<ExportRequest> {
    const request = await repo.get(this.deps.db, id);
    if (!request) throw exportRequestNotFound(id);
    return request;
  }

  /** The caller's own requests, and those whose every camera lies within the caller's APPROVE reach. */
  async list(principal: Principal, filter: { status?: ExportRequestStatus } = {}): Promise<ExportRequest[]> {
    const mayApprove = await this.deps.gate.requireAction(principal, 'APPROVE').then(
      () => true,
      (error: unknown) => {
        if (error instanceof ForbiddenError) return false;
        throw error;
      },
    );
    if (!mayApprove) return repo.list(this.deps.db, { ...filter, requestedBy: principal.userId });
    const reach = new CameraReach(this.deps.db, await this.deps.gate.reach(principal, 'APPROVE'));
    const visible: ExportRequest[] = [];
    for (const request of await repo.list(this.deps.db, filter)) {
      if (request.requestedBy === principal.userId || (await reach.coversAll(request.cameraIds))) visible.push(request);
    }
    return visible;
  }

  approve(principal: Principal, id: string, note?: string): Promise<ExportRequest> {
    return this.decide(principal, id, 'APPROVED', note);
  }

  reject(principal: Principal, id: string, note?: string): Promise<ExportRequest> {
    return this.decide(principal, id, 'REJECTED', note);
  }

  /**
   * Carries out an approved export, once: an EXPORT entry carrying the approver and the SHA-256 of
   * every segment in the range, the request marked USED, then a media token for the segments.
   */
  async export(principal: Principal, exportRequestId: string): Promise<MediaGrant & { exportRequestId: string; segments: SegmentLink[] }> {
    const { db, register, media } = this.deps;
    const { request, range, approver } = await this.approved(principal, exportRequestId);

    const segments: SegmentRow[] = [];
    for (const cameraId of request.cameraIds) segments.push(...(await listSegments(db, { cameraId, ...range })));
    const content: EntryContent = {
      cameraIds: request.cameraIds,
      ranges: request.cameraIds.map((cameraId) => ({ cameraId, ...range })),
      operation: 'EXPORT',
      fileHashes: segments.map((s) => ({ segmentId: s.id, cameraId: s.cameraId, sha256: s.sha256 })),
    };
    const entry = await db.transaction().execute(async (tx) => {
      if (!(await repo.transition(tx, request.id, 'APPROVED', 'USED'))) throw approvalRequired(request.id, 'USED');
      return register.open(principal, { operation: 'EXPORT', reason: request.reason, content, basis: request.basis, approver }, tx);
    });
    const { token, expiresAt } = await media.issue({ kind: 'EXPORT', entryId: entry.id, userId: principal.userId, cameraIds: request.cameraIds, ...range });
    return { registerEntryId: entry.id, exportRequestId: request.id, token, expiresAt, segments: media.links(segments, token) };
  }

  /**
   * Carries out an approved export as one bundle file (once): the bundle is built, then the EXPORT
   * entry with its SHA-256 is written and the request marked USED, before the file is handed out.
   */
  async bundle(principal: Principal, exportRequestId: string): Promise<BundleResult> {
    const { bundles } = this.deps;
    if (!bundles) throw new Error('export bundles are not configured');
    const { request, range, approver } = await this.approved(principal, exportRequestId);
    const input = { cameraIds: request.cameraIds, ...range, reason: request.reason, basis: request.basis, approver, exportRequestId: request.id };
    return bundles.export(principal, input, bundles.scratchFile(), async (tx) => {
      if (!(await repo.transition(tx, request.id, 'APPROVED', 'USED'))) throw approvalRequired(request.id, 'USED');
    });
  }

  /** An approved request of the caller's own, with EXPORT on every camera still held. */
  private async approved(principal: Principal, exportRequestId: string): Promise<{ request: ExportRequest; range: { from: string; to: string }; approver: { userId: string; name: string } }> {
    const request = await this.get(exportRequestId);
    const range = { from: request.from, to: request.to };
    await this.requireCameras(principal, request.cameraIds, range, request.reason, request.basis);
    if (request.requestedBy !== principal.userId) throw notRequester(request.id);
    if (request.status !== 'APPROVED' || !request.decidedBy) throw approvalRequired(request.id, request.status);
    return { request, range, approver: { userId: request.decidedBy, name: await repo.userName(this.deps.db, request.decidedBy) } };
  }

  private async decide(principal: Principal, id: string, status: 'APPROVED' | 'REJECTED', note?: string): Promise<ExportRequest> {
    const request = await this.get(id);
    if (request.requestedBy === principal.userId) throw selfApproval(id);
    if (request.status !== 'PENDING') throw notPending(id, request.status);
    for (const cameraId of request.cameraIds) await this.deps.gate.requireCamera(principal, 'APPROVE', cameraId);
    const decision = { by: principal.userId, at: this.deps.clock.now().toISOString(), note: note?.trim() || null };
    if (!(await repo.transition(this.deps.db, id, 'PENDING', status, decision))) throw notPending(id, (await this.get(id)).status);
    return this.get(id);
  }

  /**
   * EXPORT on every camera (a contractor is refused by the gate, REG-19-2), then the basis checked at
   * this moment for every camera over the range (an art. 21 request never exports; a state organ's
   * request only within its scope, REG-20-2); a refusal becomes a DENIAL entry.
   */
  private async requireCameras(principal: Principal, cameraIds: string[], range: { from: string; to: string }, reason: ReasonInput | null | undefined, basis: BasisRecord | null | undefined): Promise<void> {
    const content: EntryContent = { cameraIds, ranges: cameraIds.map((cameraId) => ({ cameraId, ...range })), operation: 'EXPORT' };
    await recordingDenials(this.deps.register, principal, { operation: 'EXPORT', reason, content, basis }, async () => {
      if (basis?.type === 'ART21_REQUEST') throw viewOnly('EXPORT');
      for (const cameraId of cameraIds) await this.deps.gate.requireCamera(principal, 'EXPORT', cameraId);
      if (!basis) throw exportBasisRequired();
      const now = this.deps.clock.now();
      for (const cameraId of cameraIds) await requireBasis(this.deps.db, principal, basis as Basis, { cameraId, ...range }, now);
    });
  }
}
