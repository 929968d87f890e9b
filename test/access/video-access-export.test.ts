import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { segmentsRoot } from '../../src/recording/local-segment-store.ts';
import type { RegisterEntryView } from '../../src/access/register/model.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, REASON, type VideoEnv } from './video-access-support.ts';

const FROM = '2025-05-01T10:00:00+08:00';
const TO = '2025-05-01T10:30:00+08:00';

describe.each(DIALECTS)('exports under four eyes, and media behind tokens (%s)', (dialect) => {
  let env: VideoEnv;
  beforeEach(async () => {
    env = await openVideoEnv(dialect);
  });
  afterEach(async () => {
    await env?.close();
  });

  it('REG-16-4, REG-16-3: an export needs another person’s approval, never one’s own, and is used once with the segments’ SHA-256 in its entry', async () => {
    const segments = await env.record(env.cams.C1, Date.parse(FROM), 3);
    const inv = await env.user({ displayName: '赵六', grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const call = env.as(inv.headers);
    const basis = await env.holdBasis([env.cams.C1], FROM, TO);
    const noReason = await call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: FROM, to: TO, basis });
    expect(noReason.json()).toMatchObject({ code: 'E_REASON_REQUIRED' });
    const requested = await call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: FROM, to: TO, reason: REASON, basis });
    expect(requested.statusCode, requested.body).toBe(201);
    const request = requested.json<{ id: string; status: string }>();
    expect(request.status).toBe('PENDING');

    const early = await call('POST', '/api/exports', { exportRequestId: request.id });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'E_APPROVAL_REQUIRED', article: '16' });
    // The investigator holds no APPROVE; the administrator does, but not on their own request.
    expect((await call('POST', `/api/export-requests/${request.id}/approve`)).statusCode).toBe(403);
    const ownResponse = await env.t.call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: FROM, to: TO, reason: REASON, basis });
    expect(ownResponse.statusCode, ownResponse.body).toBe(201);
    const own = ownResponse.json<{ id: string }>();
    const self = await env.t.call('POST', `/api/export-requests/${own.id}/approve`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'E_SELF_APPROVAL', article: '16' });

    // Lists: one's own; everything for an approver.
    expect((await call('GET', '/api/export-requests')).json<{ id: string }[]>().map((r) => r.id)).toEqual([request.id]);
    expect((await env.t.call('GET', '/api/export-requests?status=PENDING')).json<unknown[]>()).toHaveLength(2);

    const approved = await env.t.call('POST', `/api/export-requests/${request.id}/approve`, { note: '同意,限用于 INC-12' });
    expect(approved.json()).toMatchObject({ status: 'APPROVED', decidedBy: env.t.admin.userId, decisionNote: '同意,限用于 INC-12' });
    expect((await env.t.call('POST', `/api/export-requests/${request.id}/reject`, {})).json()).toMatchObject({ code: 'E_EXPORT_REQUEST_NOT_PENDING' });
    // Only the requester carries it out.
    expect((await env.t.call('POST', '/api/exports', { exportRequestId: request.id })).json()).toMatchObject({ code: 'E_EXPORT_REQUEST_NOT_YOURS' });

    const exported = await call('POST', '/api/exports', { exportRequestId: request.id });
    expect(exported.statusCode, exported.body).toBe(200);
    const answer = exported.json<{ registerEntryId: string; segments: { id: string; sha256: string; url: string }[] }>();
    expect(answer.segments.map((s) => s.id)).toEqual(segments.map((s) => s.id));
    const entry = (await env.t.call('GET', `/api/register/${answer.registerEntryId}`)).json<RegisterEntryView>();
    expect(entry).toMatchObject({
      operation: 'EXPORT',
      approver: { userId: env.t.admin.userId, name: '测试员' },
      basis,
      actor: { name: '赵六' },
      content: { fileHashes: segments.map((s) => ({ segmentId: s.id, cameraId: env.cams.C1, sha256: s.sha256 })) },
    });
    expect((await env.t.call('GET', `/api/export-requests?status=USED`)).json<{ id: string }[]>().map((r) => r.id)).toEqual([request.id]);
    const again = await call('POST', '/api/exports', { exportRequestId: request.id });
    expect(again.json()).toMatchObject({ code: 'E_APPROVAL_REQUIRED', details: { status: 'USED' } });

    // The media token serves the exact bytes of the file.
    const first = answer.segments[0]!;
    const media = await env.t.call('GET', first.url, undefined, { authorization: '' });
    expect(media.statusCode, media.body).toBe(200);
    expect(media.headers['content-type']).toBe('video/mp4');
    expect(media.rawPayload.equals(readFileSync(path.join(segmentsRoot(env.t.dataDir), segments[0]!.path)))).toBe(true);
  });

  it('REG-19-2: a contractor cannot export (E_CONTRACTOR_EXPORT_FORBIDDEN)', async () => {
    const inv = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'ALL' } }] });
    const basis = await env.holdBasis([env.cams.C1], FROM, TO);
    const request = (await env.as(inv.headers)('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: FROM, to: TO, reason: REASON, basis })).json<{ id: string }>();
    const k1u = await env.user({ kind: 'CONTRACTOR', person: { contractorUndertakingAt: '2025-01-01' }, grants: [{ role: 'CONTRACTOR', scope: { type: 'ALL' } }] });
    // The service asks the gate camera by camera, and records the refusal.
    await expect(env.t.services.exports.export(k1u.principal, request.id)).rejects.toMatchObject({ code: 'E_CONTRACTOR_EXPORT_FORBIDDEN', article: '19' });
    const denials = (await env.t.call('GET', '/api/register?kind=DENIAL')).json<{ entries: RegisterEntryView[] }>().entries;
    expect(denials).toMatchObject([{ operation: 'EXPORT', actor: { userId: k1u.userId }, content: { denied: { code: 'E_CONTRACTOR_EXPORT_FORBIDDEN', article: '19' } } }]);
    const refused = await env.as(k1u.headers)('POST', '/api/exports', { exportRequestId: request.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'E_CONTRACTOR_EXPORT_FORBIDDEN' });
  });

  it('a media token that is forged, expired, for another camera or time, or of a closed access gets 403 E_MEDIA_TOKEN', async () => {
    const c1 = await env.record(env.cams.C1, Date.parse(FROM), 2);
    const c2 = await env.record(env.cams.C2, Date.parse(FROM), 1);
    const late = await env.record(env.cams.C1, Date.parse(TO) + 60_000, 1);
    const o1 = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const opened = await env.as(o1.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: FROM, to: TO, reason: REASON });
    const { token, registerEntryId, segments } = opened.json<{ token: string; registerEntryId: string; segments: { id: string; url: string }[] }>();
    expect(segments.map((s) => s.id)).toEqual(c1.map((s) => s.id));
    const get = (segmentId: string, t: string) => env.t.call('GET', `/api/media/segments/${segmentId}?token=${encodeURIComponent(t)}`, undefined, { authorization: '' });
    const refusal = async (segmentId: string, t: string) => {
      const response = await get(segmentId, t);
      expect(response.statusCode, response.body).toBe(403);
      return response.json<{ code: string; details: { reason: string } }>();
    };
    expect((await get(c1[0]!.id, token)).statusCode).toBe(200);

    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { c: string[] };
    const widened = Buffer.from(JSON.stringify({ ...payload, c: [env.cams.C1, env.cams.C7] })).toString('base64url');
    expect(await refusal(c1[0]!.id, `${widened}.${signature}`)).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'SIGNATURE' } });
    expect((await refusal(c1[0]!.id, 'not-a-token')).details.reason).toBe('MALFORMED');
    expect((await refusal(c2[0]!.id, token)).details.reason).toBe('CAMERA');
    expect((await refusal(late[0]!.id, token)).details.reason).toBe('RANGE');
    expect((await get('seg_nonexistent', token)).statusCode).toBe(404);

    env.t.clock.set('2025-05-01T03:16:00Z');
    expect((await refusal(c1[0]!.id, token)).details.reason).toBe('EXPIRED');
    env.t.clock.set('2025-05-01T03:01:00Z');
    expect((await env.as(o1.headers)('POST', `/api/access/${registerEntryId}/close`)).statusCode).toBe(200);
    expect((await refusal(c1[0]!.id, token)).details.reason).toBe('CLOSED');
  });
});
