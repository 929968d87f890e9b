/**
 * The confidential hand-over (REG-20-3): under an approved request, the signed export bundle of the
 * scope (src/access/video-access/bundle-service.ts), an EXPORT entry in the register naming the
 * receiving officers as actor and the organ as unit with the bundle and segment hashes, the hand-over
 * record, a printable receipt, and the officer's signature (a scan of the signed receipt, or who
 * signed and when).
 */
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Principal } from '../../access/principal.ts';
import type { BundleService } from '../../access/video-access/bundle-service.ts';
import { exportRequestRepository } from '../../access/video-access/export-request-repository.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Db } from '../../db/connect.ts';
import type { AccessGate } from '../../access/camera-permission.ts';
import { newId } from '../../shared/ids.ts';
import { handoverNotFound, outOfRequestScope, signatureRequired, wrongStatus } from './errors.ts';
import { handoverInput, signatureInput, type Handover, type ScopeRange, type StateOrganRequest } from './model.ts';
import { renderReceiptPdf } from './receipt-pdf.ts';
import { stateOrganRepository as repo } from './repository.ts';
import type { StateOrganRequestService } from './request-service.ts';
import { inScope, requireWithin } from './scope.ts';
import { z } from 'zod';
import type { StateOrganDocumentStore } from './document-store.ts';

export const handoverRangeInput = z.strictObject({ cameraIds: z.array(z.string().min(1).max(64)).min(1).max(64), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

/** The cameras sharing the first scope range's times: the default part of the scope one bundle holds. */
export function firstPart(scope: readonly ScopeRange[]): { cameraIds: string[]; from: string; to: string } {
  const first = scope[0] as ScopeRange;
  const cameraIds = scope.filter((s) => s.from === first.from && s.to === first.to).map((s) => s.cameraId);
  return { cameraIds: [...new Set(cameraIds)], from: first.from, to: first.to };
}

export class HandoverService {
  constructor(
    private readonly deps: { db: Db; clock: Clock; gate: AccessGate; bundles: BundleService; requests: StateOrganRequestService; documents: StateOrganDocumentStore; dataDir: string },
  ) {}

  private bundlePath(handoverId: string): string {
    return path.join(path.resolve(this.deps.dataDir), 'state-organ', 'bundles', `${handoverId}.tar`);
  }

  /**
   * Builds the bundle of (part of) the scope and records the hand-over. The caller holds EXPORT on
   * every camera; the request is approved, its emergency documents are not overdue, and the part lies
   * within the scope (E_OUT_OF_REQUEST_SCOPE otherwise).
   */
  async handover(principal: Principal, requestId: string, body: unknown = {}, part?: { cameraIds: string[]; from: string; to: string }): Promise<Handover> {
    const input = handoverInput.parse(body ?? {});
    const request = await this.deps.requests.get(principal, requestId);
    if (request.status !== 'APPROVED' || !request.decidedBy) throw wrongStatus(requestId, request.status, 'APPROVED');
    const range = part ? { ...part, from: new Date(part.from).toISOString(), to: new Date(part.to).toISOString() } : firstPart(request.scope);
    const now = this.deps.clock.now();
    for (const cameraId of range.cameraIds) {
      await this.deps.gate.requireCamera(principal, 'EXPORT', cameraId);
      const r = { cameraId, from: range.from, to: range.to };
      if (!inScope(request.scope, r)) throw outOfRequestScope(requestId, r);
      requireWithin(request, r, now);
    }
    const recipients = input.recipients ?? request.officers;
    const basisDoc = request.documents.find((d) => d.kind === 'LEGAL_BASIS');
    const handoverId = newId('hov');
    const out = this.bundlePath(handoverId);
    await mkdir(path.dirname(out), { recursive: true });
    const bundle = await this.deps.bundles.export(
      principal,
      {
        ...range,
        reason: { category: 'STATE_ORGAN_REQUEST', text: `${request.organName}依${basisDoc ? `${basisDoc.type}(${basisDoc.number})` : '紧急调取(文书待补)'}调取,案号 ${request.caseNumber}` },
        basis: { type: 'STATE_ORGAN_REQUEST', ref: request.id },
        approver: { userId: request.decidedBy, name: await exportRequestRepository.userName(this.deps.db, request.decidedBy) },
        exportRequestId: null,
        recipient: { name: recipients.map((o) => o.name).join('、'), unit: request.organName, idDocument: recipients.map((o) => o.credentialNumber).join('、') },
      },
      `${out}.part`,
    );
    await rename(bundle.file, out);
    return repo.insertHandover(this.deps.db, {
      id: handoverId,
      requestId,
      exportId: bundle.exportId,
      fileName: bundle.fileName,
      bundleSha256: bundle.sha256,
      bundleBytes: bundle.bytes,
      segments: bundle.segments,
      registerEntryId: bundle.registerEntryId,
      handedOverBy: principal.userId,
      handedOverByName: principal.displayName,
      handedOverAt: now.toISOString(),
      recipients: JSON.stringify(recipients),
      organName: request.organName,
      marking: input.marking,
      handlingNote: input.handlingNote,
      signedBy: null,
      signedAt: null,
      receiptDocumentId: null,
    });
  }

  async list(principal: Principal, requestId: string): Promise<Handover[]> {
    await this.deps.requests.get(principal, requestId);
    return repo.handovers(this.deps.db, requestId);
  }

  async get(principal: Principal, requestId: string, handoverId: string): Promise<{ request: StateOrganRequest; handover: Handover }> {
    const request = await this.deps.requests.get(principal, requestId);
    const handover = await repo.handover(this.deps.db, handoverId);
    if (!handover || handover.requestId !== requestId) throw handoverNotFound(handoverId);
    return { request, handover };
  }

  /** The printable receipt (PDF), showing the signature once recorded. */
  async receipt(principal: Principal, requestId: string, handoverId: string): Promise<Buffer> {
    const { request, handover } = await this.get(principal, requestId, handoverId);
    return renderReceiptPdf(request, handover, this.deps.clock.now());
  }

  /** The receiving officer's signature: the signed receipt's scan, or "signed by <name> at <time>". */
  async sign(principal: Principal, requestId: string, handoverId: string, body: unknown): Promise<Handover> {
    const input = signatureInput.parse(body ?? {});
    const { request, handover } = await this.get(principal, requestId, handoverId);
    for (const cameraId of new Set(request.scope.map((s) => s.cameraId))) await this.deps.gate.requireCamera(principal, 'EXPORT', cameraId);
    if (!input.receipt && !input.signedBy) throw signatureRequired();
    const now = this.deps.clock.now().toISOString();
    let receiptDocumentId: string | null = handover.receiptDocumentId;
    if (input.receipt) {
      receiptDocumentId = newId('sod');
      const blob = await this.deps.documents.put(receiptDocumentId, input.receipt.contentBase64);
      await repo.insertDocument(this.deps.db, {
        id: receiptDocumentId,
        requestId,
        kind: 'RECEIPT',
        docType: '移交回执(签字)',
        docNumber: handoverId,
        docDate: now.slice(0, 10),
        fileName: input.receipt.fileName,
        contentType: input.receipt.contentType,
        sha256: blob.sha256,
        sizeBytes: blob.sizeBytes,
        scopeAdded: null,
        uploadedBy: principal.userId,
        uploadedAt: now,
      });
    }
    const signedBy = input.signedBy ?? handover.recipients.map((o) => o.name).join('、');
    await repo.updateHandover(this.deps.db, handoverId, { signedBy, signedAt: input.signedAt ? new Date(input.signedAt).toISOString() : now, receiptDocumentId });
    return (await this.get(principal, requestId, handoverId)).handover;
  }

  /** The stored bundle for download again (EXPORT on every camera of the hand-over's request). */
  async bundleFile(principal: Principal, requestId: string, handoverId: string): Promise<{ file: string; fileName: string; bytes: number; sha256: string }> {
    const { request, handover } = await this.get(principal, requestId, handoverId);
    for (const cameraId of new Set(request.scope.map((s) => s.cameraId))) await this.deps.gate.requireCamera(principal, 'EXPORT', cameraId);
    const file = this.bundlePath(handover.id);
    const info = await stat(file).catch(() => null);
    if (!info) throw handoverNotFound(handoverId);
    return { file, fileName: handover.fileName, bytes: info.size, sha256: handover.bundleSha256 };
  }
}
