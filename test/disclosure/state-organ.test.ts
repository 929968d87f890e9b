import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterEntryView } from '../../src/access/register/model.ts';
import type { StateOrganRequest, Handover } from '../../src/disclosure/state-organ/model.ts';
import { DIALECTS } from '../support/db.ts';
import { pdfPagesText } from '../filing/pdf-text.ts';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';
import { fileAs, notice, ORGAN, recordReal, requestBody, SCAN, SCAN_SHA256, type Recorded } from './state-organ-support.ts';

let scratch: string;
let recorded: Recorded;
beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'custos-state-organ-'));
  recorded = await recordReal(scratch);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const R_FROM = '2025-05-01T09:00:00+08:00';
const R_TO = '2025-05-01T11:00:00+08:00';
const BASE = '/api/state-organ-requests';

describe.each(DIALECTS)('state-organ requests, art. 20 (%s)', { timeout: 60_000 }, (dialect) => {
  let env: VideoEnv;
  let clerk: Awaited<ReturnType<VideoEnv['user']>>;
  let approver: Awaited<ReturnType<VideoEnv['user']>>;
  beforeEach(async () => {
    env = await openVideoEnv(dialect, '2025-05-01T04:00:00Z');
    clerk = await env.user({ displayName: '赵六', grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    approver = await env.user({ displayName: '钱主任', grants: [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: env.unitId } }] });
  });
  afterEach(async () => {
    await env?.close();
  });

  async function approvedRequest(scope = [{ cameraId: env.cams.C1, from: R_FROM, to: R_TO }]): Promise<StateOrganRequest> {
    const created = await env.as(clerk.headers)('POST', BASE, requestBody(scope));
    expect(created.statusCode, created.body).toBe(201);
    const approved = await env.as(approver.headers)('POST', `${BASE}/${created.json<{ id: string }>().id}/approve`, { note: '同意,按通知书范围提供' });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json<StateOrganRequest>();
  }

  it('REG-20-1: a request without a legal-basis document gets 422 E_LEGAL_BASIS_DOC_REQUIRED; a complete one is APPROVED by an approver other than its creator', async () => {
    const scope = [{ cameraId: env.cams.C1, from: R_FROM, to: R_TO }];
    const missing = await env.as(clerk.headers)('POST', BASE, requestBody(scope, { document: undefined }));
    expect(missing.statusCode, missing.body).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'E_LEGAL_BASIS_DOC_REQUIRED', article: '20' });
    expect((await env.t.call('GET', BASE)).json<unknown[]>()).toHaveLength(0);

    const created = await env.as(clerk.headers)('POST', BASE, requestBody(scope));
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<StateOrganRequest>();
    expect(request).toMatchObject({
      status: 'PENDING',
      organName: ORGAN,
      organType: 'PUBLIC_SECURITY',
      purpose: 'LAW_ENFORCEMENT_CASE',
      caseNumber: 'A2025-0501-77',
      officers: [{ name: '王警官', credentialNumber: '010203' }, { name: '李警官' }],
      scope: [{ cameraId: env.cams.C1, from: '2025-05-01T01:00:00.000Z', to: '2025-05-01T03:00:00.000Z' }],
      documents: [{ kind: 'LEGAL_BASIS', type: '调取证据通知书', number: '某公(刑)调证字〔2025〕123号', date: '2025-05-01', sha256: SCAN_SHA256, sizeBytes: SCAN.length }],
    });
    // The scan is stored as uploaded, its hash with it.
    const scan = await env.t.call('GET', `${BASE}/${request.id}/documents/${request.documents[0]!.id}`);
    expect(scan.statusCode).toBe(200);
    expect(scan.rawPayload.equals(SCAN)).toBe(true);
    expect(scan.headers['x-custos-sha256']).toBe(SCAN_SHA256);

    // Seen only within reach over every camera of the scope: an operator of group G2 (C7) does not see it.
    const outsider = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G2 } }] });
    expect((await env.as(outsider.headers)('GET', `${BASE}/${request.id}`)).statusCode).toBe(404);
    expect((await env.as(outsider.headers)('GET', BASE)).json<unknown[]>()).toEqual([]);

    // The creator holds no APPROVE; an administrator who entered a request cannot approve it either.
    expect((await env.as(clerk.headers)('POST', `${BASE}/${request.id}/approve`, {})).statusCode).toBe(403);
    const own = (await env.as(approver.headers)('POST', BASE, requestBody(scope))).json<StateOrganRequest>();
    const self = await env.as(approver.headers)('POST', `${BASE}/${own.id}/approve`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'E_SELF_APPROVAL', article: '20' });
    // A verbal approval is for emergencies only.
    expect((await env.as(approver.headers)('POST', `${BASE}/${request.id}/approve`, { verbal: true })).json()).toMatchObject({ code: 'E_VERBAL_APPROVAL_EMERGENCY_ONLY' });

    const approved = await env.as(approver.headers)('POST', `${BASE}/${request.id}/approve`, { note: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'APPROVED', decidedBy: approver.userId, decisionNote: '同意', verbal: false });
    expect((await env.as(approver.headers)('POST', `${BASE}/${request.id}/approve`, {})).json()).toMatchObject({ code: 'E_STATE_ORGAN_REQUEST_STATUS' });
  });

  it('REG-20-2: export outside the request scope is refused with E_OUT_OF_REQUEST_SCOPE and a DENIAL entry; inside it succeeds; a wider scope needs an amendment with a new document', async () => {
    await env.record(env.cams.C1, Date.parse(R_FROM), 3);
    const r1 = await approvedRequest();
    const basis = { type: 'STATE_ORGAN_REQUEST', ref: r1.id };
    const reason = { category: 'STATE_ORGAN_REQUEST', text: `${ORGAN} 调取证据通知书` };
    const ask = (cameraId: string, from: string, to: string) => env.as(clerk.headers)('POST', '/api/export-requests', { cameraIds: [cameraId], from, to, reason, basis });

    const early = await ask(env.cams.C1, '2025-05-01T08:00:00+08:00', '2025-05-01T09:30:00+08:00');
    expect(early.statusCode, early.body).toBe(403);
    expect(early.json()).toMatchObject({ code: 'E_OUT_OF_REQUEST_SCOPE', article: '20' });
    const other = await ask(env.cams.C2, R_FROM, R_TO);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'E_OUT_OF_REQUEST_SCOPE' });
    const inside = await ask(env.cams.C1, R_FROM, R_TO);
    expect(inside.statusCode, inside.body).toBe(201);
    expect(inside.json()).toMatchObject({ status: 'PENDING', basis });

    // Playback under the request is held to the same scope.
    const playback = await env.as(clerk.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: '2025-05-01T08:00:00+08:00', to: R_TO, reason, basis });
    expect(playback.json()).toMatchObject({ code: 'E_OUT_OF_REQUEST_SCOPE' });

    const denials = (await env.t.call('GET', `/api/register?kind=DENIAL&basisRef=${r1.id}`)).json<{ entries: RegisterEntryView[] }>().entries;
    expect(denials.map((d) => d.content.denied?.code)).toEqual(['E_OUT_OF_REQUEST_SCOPE', 'E_OUT_OF_REQUEST_SCOPE', 'E_OUT_OF_REQUEST_SCOPE']);
    expect(denials.map((d) => d.operation).sort()).toEqual(['EXPORT', 'EXPORT', 'PLAYBACK']);

    // Amending the scope: no new document, no amendment.
    const bare = await env.as(approver.headers)('POST', `${BASE}/${r1.id}/amendments`, { scope: [{ cameraId: env.cams.C2, from: R_FROM, to: R_TO }] });
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ code: 'E_LEGAL_BASIS_DOC_REQUIRED' });
    const amended = await env.as(approver.headers)('POST', `${BASE}/${r1.id}/amendments`, { document: notice('某公(刑)调证字〔2025〕124号'), scope: [{ cameraId: env.cams.C2, from: R_FROM, to: R_TO }] });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json<StateOrganRequest>().documents.map((d) => d.kind)).toEqual(['LEGAL_BASIS', 'AMENDMENT']);
    expect(amended.json<StateOrganRequest>().holdIds).toHaveLength(2);
    expect((await ask(env.cams.C2, R_FROM, R_TO)).statusCode).toBe(201);
  });

  it('REG-20-3: the hand-over bundle is registered under the request with the organ as unit, the officers as actor and the bundle and segment hashes; the receipt is printed and signed', async () => {
    const segments = await fileAs(recorded, env.t.db.db, env.t.dataDir, env.cams.C1, Date.parse(R_FROM), env.t.clock.now());
    const r1 = await approvedRequest();
    const made = await env.as(clerk.headers)('POST', `${BASE}/${r1.id}/handovers`, { marking: '机密' });
    expect(made.statusCode, made.body).toBe(201);
    const handover = made.json<Handover>();
    expect(handover).toMatchObject({ requestId: r1.id, organName: ORGAN, marking: '机密', segments: 3, handedOverBy: clerk.userId, recipients: [{ name: '王警官' }, { name: '李警官' }], signedBy: null });

    const entries = (await env.t.call('GET', `/api/register?basisRef=${r1.id}`)).json<{ entries: RegisterEntryView[] }>().entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: handover.registerEntryId,
      operation: 'EXPORT',
      basis: { type: 'STATE_ORGAN_REQUEST', ref: r1.id },
      actor: { userId: clerk.userId, unit: ORGAN, name: '王警官、李警官', idDocument: '010203、040506' },
      approver: { userId: approver.userId, name: '钱主任' },
      reason: { category: 'STATE_ORGAN_REQUEST' },
      content: {
        fileHashes: [{ file: handover.fileName, bytes: handover.bundleBytes, sha256: handover.bundleSha256 }, ...segments.map((s) => ({ segmentId: s.id, cameraId: env.cams.C1, sha256: s.sha256 }))],
      },
    });

    const bundle = await env.as(clerk.headers)('GET', `${BASE}/${r1.id}/handovers/${handover.id}/bundle`);
    expect(bundle.statusCode).toBe(200);
    expect(createHash('sha256').update(bundle.rawPayload).digest('hex')).toBe(handover.bundleSha256);
    // Someone without EXPORT on the scope's cameras gets no copy.
    const auditor = await env.user({ grants: [{ role: 'AUDITOR', scope: { type: 'ALL' } }] });
    expect((await env.as(auditor.headers)('GET', `${BASE}/${r1.id}/handovers/${handover.id}/bundle`)).statusCode).toBe(403);

    const receipt = await env.as(clerk.headers)('GET', `${BASE}/${r1.id}/handovers/${handover.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPagesText(receipt.rawPayload)).join('').replace(/\s+/g, '');
    for (const part of ['移交回执', ORGAN, handover.bundleSha256, '调取证据通知书', '王警官', '机密', '接收民警签字']) expect(text).toContain(part);

    expect((await env.as(clerk.headers)('POST', `${BASE}/${r1.id}/handovers/${handover.id}/signature`, {})).json()).toMatchObject({ code: 'E_RECEIPT_SIGNATURE_REQUIRED' });
    const signed = await env.as(clerk.headers)('POST', `${BASE}/${r1.id}/handovers/${handover.id}/signature`, {
      signedBy: '王警官',
      signedAt: '2025-05-01T12:05:00+08:00',
      receipt: { fileName: 'receipt-signed.pdf', contentType: 'application/pdf', contentBase64: SCAN.toString('base64') },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ signedBy: '王警官', signedAt: '2025-05-01T04:05:00.000Z' });
    const docs = (await env.t.call('GET', `${BASE}/${r1.id}`)).json<StateOrganRequest>().documents;
    expect(docs.find((d) => d.id === signed.json<Handover>().receiptDocumentId)).toMatchObject({ kind: 'RECEIPT', sha256: SCAN_SHA256 });
    const signedReceipt = await env.as(clerk.headers)('GET', `${BASE}/${r1.id}/handovers/${handover.id}/receipt`);
    expect((await pdfPagesText(signedReceipt.rawPayload)).join('').replace(/\s+/g, '')).toContain('已签收:王警官');

    // Outside the scope there is no hand-over.
    const outside = await env.as(clerk.headers)('POST', `${BASE}/${r1.id}/handovers`, { part: { cameraIds: [env.cams.C2], from: R_FROM, to: R_TO } });
    expect(outside.json()).toMatchObject({ code: 'E_OUT_OF_REQUEST_SCOPE' });
  });

  it('REG-20-4: an emergency request approved verbally allows access at once; with no documents 24 h later EMERGENCY_DOCS_OVERDUE shows and further access returns 403', async () => {
    env.t.clock.set('2025-06-01T10:00:00+08:00');
    await env.record(env.cams.C1, Date.parse('2025-06-01T09:00:00+08:00'), 2);
    const scope = [{ cameraId: env.cams.C1, from: '2025-06-01T09:00:00+08:00', to: '2025-06-01T09:30:00+08:00' }];
    const created = await env.as(clerk.headers)('POST', BASE, requestBody(scope, { document: undefined, emergency: true, purpose: 'EMERGENCY_RESPONSE', organType: 'EMERGENCY_MANAGEMENT' }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    // Without a document only a verbal approval will do.
    expect((await env.as(approver.headers)('POST', `${BASE}/${id}/approve`, {})).json()).toMatchObject({ code: 'E_LEGAL_BASIS_DOC_REQUIRED' });
    const approved = await env.as(approver.headers)('POST', `${BASE}/${id}/approve`, { verbal: true, note: '值班领导电话同意' });
    expect(approved.json()).toMatchObject({ status: 'APPROVED', verbal: true, docsDueAt: '2025-06-02T02:00:00.000Z', accessUntil: '2025-06-02T02:00:00.000Z', emergencyDocsOverdue: false });

    const basis = { type: 'STATE_ORGAN_REQUEST', ref: id };
    const reason = { category: 'STATE_ORGAN_REQUEST', text: '处置突发事件紧急调阅' };
    const play = () => env.as(clerk.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, ...scope[0], reason, basis });
    expect((await play()).statusCode).toBe(200);

    env.t.clock.set('2025-06-02T10:00:01+08:00');
    const listed = (await env.t.call('GET', BASE)).json<StateOrganRequest[]>().find((r) => r.id === id);
    expect(listed).toMatchObject({ emergencyDocsOverdue: true });
    expect(await env.t.services.stateOrgan.requests.findings()).toMatchObject([{ code: 'EMERGENCY_DOCS_OVERDUE', requestId: id, article: '20' }]);
    const refused = await play();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'E_EMERGENCY_DOCS_OVERDUE', article: '20' });
    const exportRefused = await env.as(clerk.headers)('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: scope[0]!.from, to: scope[0]!.to, reason, basis });
    expect(exportRefused.json()).toMatchObject({ code: 'E_EMERGENCY_DOCS_OVERDUE' });

    // The documents arrive: access resumes within the scope.
    expect((await env.as(clerk.headers)('POST', `${BASE}/${id}/documents`, notice('某应急〔2025〕9号', '2025-06-02'))).statusCode).toBe(201);
    expect((await env.t.call('GET', `${BASE}/${id}`)).json()).toMatchObject({ emergencyDocsOverdue: false });
    expect((await play()).statusCode).toBe(200);
  });

  it('REG-20-5: approving a request creates a hold over its scope; closing it on 2025-06-10 sets the hold release for 2025-07-10', async () => {
    const r1 = await approvedRequest();
    expect(r1.holdIds).toHaveLength(1);
    const hold = (await env.t.call('GET', `/api/retention/holds/${r1.holdIds[0]}`)).json();
    expect(hold).toMatchObject({ basisType: 'STATE_ORGAN_REQUEST', requestId: r1.id, releasedAt: null, ranges: [{ cameraId: env.cams.C1, from: '2025-05-01T01:00:00.000Z', to: '2025-05-01T03:00:00.000Z' }] });

    env.t.clock.set('2025-06-10T10:00:00+08:00');
    const closed = await env.as(approver.headers)('POST', `${BASE}/${r1.id}/close`, { note: '案件已办结' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'CLOSED', closedAt: '2025-06-10T02:00:00.000Z', postCloseDays: 30 });
    const released = (await env.t.call('GET', `/api/retention/holds/${r1.holdIds[0]}`)).json<{ releasedAt: string }>();
    expect(released.releasedAt).toBe('2025-07-10T02:00:00.000Z');
    // Until then the hold is still in force; the closed request is no basis any more.
    expect((await env.t.call('GET', '/api/retention/holds?active=true')).json<{ id: string }[]>().map((h) => h.id)).toContain(r1.holdIds[0]);
    env.t.clock.set('2025-07-10T10:00:01+08:00');
    expect((await env.t.call('GET', '/api/retention/holds?active=true')).json<{ id: string }[]>().map((h) => h.id)).not.toContain(r1.holdIds[0]);
  });

  it('a request naming the unit’s designated approver is approved by that approver only (E_NOT_DESIGNATED_APPROVER)', async () => {
    const other = await env.user({ grants: [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: env.unitId } }] });
    const created = await env.as(clerk.headers)('POST', BASE, requestBody([{ cameraId: env.cams.C1, from: R_FROM, to: R_TO }], { designatedApprover: approver.userId }));
    const id = created.json<{ id: string }>().id;
    const refused = await env.as(other.headers)('POST', `${BASE}/${id}/approve`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'E_NOT_DESIGNATED_APPROVER', article: '20' });
    expect((await env.as(approver.headers)('POST', `${BASE}/${id}/approve`, {})).json()).toMatchObject({ status: 'APPROVED', decidedBy: approver.userId });
  });

  it('REG-23-1: an export request without a basis gets 422 E_EXPORT_BASIS_REQUIRED (23(1)); an art. 21 basis never exports (403 E_VIEW_ONLY)', async () => {
    const call = env.as(clerk.headers);
    const range = { cameraIds: [env.cams.C1], from: R_FROM, to: R_TO };
    const none = await call('POST', '/api/export-requests', { ...range, reason: REASON });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'E_EXPORT_BASIS_REQUIRED', article: '23(1)' });
    const art21 = await call('POST', '/api/export-requests', { ...range, reason: REASON, basis: { type: 'ART21_REQUEST', ref: 'a21_1' } });
    expect(art21.statusCode).toBe(403);
    expect(art21.json()).toMatchObject({ code: 'E_VIEW_ONLY', article: '21' });
    const unknown = await call('POST', '/api/export-requests', { ...range, reason: REASON, basis: { type: 'INCIDENT', ref: 'INC-NONE' } });
    expect(unknown.json()).toMatchObject({ code: 'E_BASIS_INVALID' });
    const denials = (await env.t.call('GET', '/api/register?kind=DENIAL')).json<{ entries: RegisterEntryView[] }>().entries;
    expect(denials.map((d) => d.content.denied?.code).sort()).toEqual(['E_BASIS_INVALID', 'E_VIEW_ONLY']);
  });
});
