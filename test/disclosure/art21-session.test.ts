import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterEntryView } from '../../src/access/register/model.ts';
import { ACK_TEXT_SHA256 } from '../../src/disclosure/art21/acknowledgement-text.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, type VideoEnv } from '../access/video-access-support.ts';
import { counter, intakeBody, type Counter } from './art21-support.ts';

const SCOPE_FROM = '2025-06-01T14:30:00+08:00';
const SCOPE_TO = '2025-06-01T15:30:00+08:00';

interface Opened {
  session: { id: string; registerEntryId: string; acknowledgementId: string; expiresAt: string; ranges: { cameraId: string; from: string; to: string }[] };
  requesterName: string;
  tokens: { cameraId: string; from: string; to: string; token: string; playlistUrl: string }[];
}

describe.each(DIALECTS)('art. 21 supervised view-only sessions (%s)', (dialect) => {
  let env: VideoEnv;
  let c: Counter;
  let requestId: string;
  let segments: { id: string }[];

  beforeEach(async () => {
    env = await openVideoEnv(dialect, '2025-06-01T06:00:00Z');
    c = await counter(env);
    // Footage of C2 around the incident (15:00 Beijing = 07:00Z), and of C1 (not in the scope).
    segments = await env.record(env.cams.C2, Date.parse('2025-06-01T15:00:00+08:00'), 3);
    await env.record(env.cams.C1, Date.parse('2025-06-01T15:00:00+08:00'), 1);
    env.t.clock.set('2025-06-01T10:00:00Z');
    requestId = (await c.call('POST', '/api/art21-requests', intakeBody(env))).json<{ id: string }>().id;
    const approved = await env.t.call('POST', `/api/art21-requests/${requestId}/decision`, { decision: 'APPROVED', scope: [{ cameraId: env.cams.C2, from: SCOPE_FROM, to: SCOPE_TO }] });
    expect(approved.statusCode, approved.body).toBe(200);
  });
  afterEach(async () => {
    await env?.close();
  });

  const acknowledge = async () => {
    const text = (await c.call('GET', '/api/art21-requests/acknowledgement-text')).json<{ zh: string; en: string; sha256: string }>();
    const ack = await c.call('POST', `/api/art21-requests/${requestId}/acknowledgements`, { signedName: '王秀英', textSha256: text.sha256 });
    expect(ack.statusCode, ack.body).toBe(201);
    return ack.json<{ id: string; acknowledgedAt: string; signedName: string; textSha256: string }>();
  };
  const open = async (body: unknown = {}) => {
    const response = await c.call('POST', `/api/art21-requests/${requestId}/sessions`, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Opened>();
  };

  it('REG-21-5: starting a session without an acknowledgement gets 409 E_ACK_REQUIRED (and a DENIAL entry); after it the session starts and its register entry references the acknowledgement', async () => {
    const early = await c.call('POST', `/api/art21-requests/${requestId}/sessions`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'E_ACK_REQUIRED', article: '21' });
    const denials = (await env.t.call('GET', `/api/register?kind=DENIAL&basisRef=${requestId}`)).json<{ entries: RegisterEntryView[] }>().entries;
    expect(denials).toMatchObject([{ basis: { type: 'ART21_REQUEST', ref: requestId }, content: { denied: { code: 'E_ACK_REQUIRED', article: '21' } } }]);

    const text = (await c.call('GET', '/api/art21-requests/acknowledgement-text')).json<{ zh: string; en: string; sha256: string }>();
    expect(text.zh).toContain('不得非法对外提供或者公开传播');
    expect(text.en).toContain('shall not unlawfully provide');
    expect(text.sha256).toBe(ACK_TEXT_SHA256);
    // The typed name is the signature: it must be the requester's; the text signed must be the one shown.
    expect((await c.call('POST', `/api/art21-requests/${requestId}/acknowledgements`, { signedName: '张三', textSha256: text.sha256 })).json()).toMatchObject({ code: 'E_ACK_SIGNATURE_MISMATCH' });
    expect((await c.call('POST', `/api/art21-requests/${requestId}/acknowledgements`, { signedName: '王秀英', textSha256: '0'.repeat(64) })).json()).toMatchObject({ code: 'E_ACK_TEXT_CHANGED' });

    const ack = await acknowledge();
    expect(ack).toMatchObject({ signedName: '王秀英', textSha256: ACK_TEXT_SHA256, acknowledgedAt: '2025-06-01T10:00:00.000Z' });
    expect((await c.call('GET', `/api/art21-requests/${requestId}`)).json()).toMatchObject({ acknowledgement: { id: ack.id, signedName: '王秀英', witnessedBy: c.desk.userId } });
    const opened = await open();
    expect(opened.session.acknowledgementId).toBe(ack.id);
    const entry = (await env.t.call('GET', `/api/register/${opened.session.registerEntryId}`)).json<RegisterEntryView>();
    expect(entry.reason.text).toContain(ack.id);
  });

  it('REG-21-4: a snapshot refused as view-only (E_VIEW_ONLY) writes a DENIAL entry: operation SNAPSHOT, basis ART21_REQUEST with the request id, the code and article 21', async () => {
    await acknowledge();
    const [view] = (await open()).tokens;
    const anonymous = (url: string) => env.t.call('GET', url, undefined, { authorization: '' });
    const denialsOf = async () => (await env.t.call('GET', `/api/register?kind=DENIAL&basisRef=${requestId}`)).json<{ entries: RegisterEntryView[] }>().entries;
    expect(await denialsOf()).toEqual([]);

    const snapshot = await anonymous(`/api/media/snapshot.jpg?token=${encodeURIComponent(view!.token)}`);
    expect(snapshot.statusCode).toBe(403);
    expect(snapshot.json()).toMatchObject({ code: 'E_VIEW_ONLY', article: '21' });
    const denials = await denialsOf();
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({
      kind: 'DENIAL',
      operation: 'SNAPSHOT',
      basis: { type: 'ART21_REQUEST', ref: requestId },
      actor: { userId: c.desk.userId },
      content: { cameraIds: [env.cams.C2], denied: { code: 'E_VIEW_ONLY', article: '21' } },
    });

    // The same for staff's own playback under the art. 21 basis (a PLAYBACK token): refused, and registered.
    const staffPlayback = await c.call('POST', '/api/access/playback', { cameraId: env.cams.C2, from: SCOPE_FROM, to: SCOPE_TO, reason: { category: 'ART21_VIEWING', text: '核对申请人所述的时段' }, basis: { type: 'ART21_REQUEST', ref: requestId } });
    expect(staffPlayback.statusCode, staffPlayback.body).toBe(200);
    expect((await anonymous(`/api/media/snapshot.jpg?token=${encodeURIComponent(staffPlayback.json<{ token: string }>().token)}`)).json()).toMatchObject({ code: 'E_VIEW_ONLY' });
    expect((await denialsOf()).filter((d) => d.operation === 'SNAPSHOT' && d.content.denied?.code === 'E_VIEW_ONLY')).toHaveLength(2);
  });

  it('REG-21-4: in session V1 an export with basis V1 gets 403 E_VIEW_ONLY and a snapshot 403; the token plays the scope only, and the session expires after 60 minutes', async () => {
    await acknowledge();
    const opened = await open();
    expect(opened.requesterName).toBe('王秀英');
    const [view] = opened.tokens;
    expect(view).toMatchObject({ cameraId: env.cams.C2 });
    expect(opened.session.expiresAt).toBe('2025-06-01T11:00:00.000Z');
    const anonymous = (url: string) => env.t.call('GET', url, undefined, { authorization: '' });

    const exportRequest = await c.call('POST', '/api/export-requests', {
      cameraIds: [env.cams.C2],
      from: SCOPE_FROM,
      to: SCOPE_TO,
      reason: { category: 'ART21_VIEWING', text: '申请人要求拷贝所查阅的录像' },
      basis: { type: 'ART21_REQUEST', ref: requestId },
    });
    expect(exportRequest.statusCode).toBe(403);
    expect(exportRequest.json()).toMatchObject({ code: 'E_VIEW_ONLY', article: '21' });
    const snapshot = await anonymous(`/api/media/snapshot.jpg?token=${encodeURIComponent(view!.token)}`);
    expect(snapshot.statusCode).toBe(403);
    expect(snapshot.json()).toMatchObject({ code: 'E_VIEW_ONLY' });
    const denials = (await env.t.call('GET', `/api/register?kind=DENIAL&basisRef=${requestId}`)).json<{ entries: RegisterEntryView[] }>().entries;
    // The refused export and the refused snapshot each left a DENIAL entry.
    expect(denials.map((d) => `${d.operation}:${d.content.denied?.code}`).sort()).toEqual(['EXPORT:E_VIEW_ONLY', 'SNAPSHOT:E_VIEW_ONLY']);
    // Nor does an ordinary playback opened by staff under the art. 21 basis let anything be copied.
    const staffPlayback = await c.call('POST', '/api/access/playback', { cameraId: env.cams.C2, from: SCOPE_FROM, to: SCOPE_TO, reason: { category: 'ART21_VIEWING', text: '核对申请人所述的时段' }, basis: { type: 'ART21_REQUEST', ref: requestId } });
    expect(staffPlayback.statusCode, staffPlayback.body).toBe(200);
    const staffSnapshot = await anonymous(`/api/media/snapshot.jpg?token=${encodeURIComponent(staffPlayback.json<{ token: string }>().token)}`);
    expect(staffSnapshot.json()).toMatchObject({ code: 'E_VIEW_ONLY' });

    // Playback of the scope works with the token; nothing outside it (another camera, another range).
    const playlist = await anonymous(view!.playlistUrl);
    expect(playlist.statusCode, playlist.body).toBe(200);
    expect(playlist.body).toContain(`segments/${segments[0]!.id}`);
    const segment = await anonymous(`/api/media/segments/${segments[0]!.id}?token=${encodeURIComponent(view!.token)}`);
    expect(segment.statusCode).toBe(200);
    expect((await anonymous(`/api/media/playlist.m3u8?token=${encodeURIComponent(view!.token)}&cameraId=${env.cams.C1}`)).json()).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'CAMERA' } });
    const outside = await c.call('POST', `/api/art21-requests/${requestId}/sessions`, { ranges: [{ cameraId: env.cams.C2, from: SCOPE_FROM, to: '2025-06-01T16:00:00+08:00' }] });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'E_OUT_OF_REQUEST_SCOPE', article: '21' });

    env.t.clock.set('2025-06-01T10:59:00Z');
    expect((await anonymous(`/api/media/segments/${segments[0]!.id}?token=${encodeURIComponent(view!.token)}`)).statusCode).toBe(200);
    env.t.clock.set('2025-06-01T11:00:01Z');
    const expired = await anonymous(`/api/media/segments/${segments[0]!.id}?token=${encodeURIComponent(view!.token)}`);
    expect(expired.statusCode).toBe(403);
    expect(expired.json()).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'EXPIRED' } });
    expect((await c.call('GET', `/api/art21-sessions/${opened.session.id}`)).json()).toMatchObject({ expired: true, requesterName: '王秀英' });
  });

  it('REG-21-6: after session V1 the register holds exactly one entry with basisRef V1: the requester as actor, 个人 as unit, the purpose as reason, the viewed ranges within the scope', async () => {
    await acknowledge();
    const viewed = { cameraId: env.cams.C2, from: '2025-06-01T14:50:00+08:00', to: '2025-06-01T15:10:00+08:00' };
    const opened = await open({ ranges: [viewed] });
    const found = (await env.t.call('GET', `/api/register?basisRef=${requestId}`)).json<{ entries: RegisterEntryView[] }>().entries;
    expect(found).toHaveLength(1);
    const [entry] = found;
    expect(entry).toMatchObject({
      id: opened.session.registerEntryId,
      kind: 'ACCESS',
      operation: 'PLAYBACK',
      basis: { type: 'ART21_REQUEST', ref: requestId },
      actor: { userId: c.desk.userId, name: '王秀英', unit: '个人', idDocument: 'RESIDENT_ID:110101198001011234' },
      reason: { category: 'ART21_VIEWING' },
      content: { cameraIds: [env.cams.C2], ranges: [{ cameraId: env.cams.C2, from: '2025-06-01T06:50:00.000Z', to: '2025-06-01T07:10:00.000Z' }] },
    });
    expect(entry!.reason.text).toContain('孩子走失,需确认其离开商场的时间和方向');
    for (const range of entry!.content.ranges) {
      expect(range.from >= '2025-06-01T06:30:00.000Z' && (range.to ?? '') <= '2025-06-01T07:30:00.000Z').toBe(true);
    }
    // Ending the session closes the entry (a CLOSE entry refers to it) and its token stops working.
    const ended = await c.call('POST', `/api/art21-sessions/${opened.session.id}/end`);
    expect(ended.json()).toMatchObject({ expired: true });
    const refused = await env.t.call('GET', `/api/media/segments/${segments[0]!.id}?token=${encodeURIComponent(opened.tokens[0]!.token)}`, undefined, { authorization: '' });
    expect(refused.json()).toMatchObject({ details: { reason: 'CLOSED' } });
    expect((await env.t.call('GET', `/api/register?basisRef=${requestId}&kind=ACCESS`)).json<{ total: number }>().total).toBe(1);
  });

  it('a staff member without PLAYBACK on the scope’s camera cannot supervise the session (403, DENIAL entry)', async () => {
    await acknowledge();
    const g2 = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G2 } }] });
    const refused = await env.as(g2.headers)('POST', `/api/art21-requests/${requestId}/sessions`, {});
    expect(refused.statusCode).toBe(403);
    const denials = (await env.t.call('GET', `/api/register?kind=DENIAL&basisRef=${requestId}`)).json<{ entries: RegisterEntryView[] }>().entries;
    expect(denials).toMatchObject([{ actor: { userId: g2.userId }, content: { cameraIds: [env.cams.C2] } }]);
    expect((await env.t.call('GET', `/api/register?kind=ACCESS&basisRef=${requestId}`)).json<{ total: number }>().total).toBe(0);
  });

  it('REG-21-6: a requester who names an employer is recorded with that unit', async () => {
    const employed = (await c.call('POST', '/api/art21-requests', intakeBody(env, { requester: { name: '陈刚', idType: 'PASSPORT', idNumber: 'E12345678', employer: '某物流有限公司' }, relationship: 'SELF', relationshipSubtype: undefined, purpose: 'PROPERTY_SAFETY' }))).json<{ id: string }>();
    await env.t.call('POST', `/api/art21-requests/${employed.id}/decision`, { decision: 'APPROVED', scope: [{ cameraId: env.cams.C2, from: SCOPE_FROM, to: SCOPE_TO }] });
    await c.call('POST', `/api/art21-requests/${employed.id}/acknowledgements`, { signedName: '陈 刚', textSha256: ACK_TEXT_SHA256 });
    const opened = (await c.call('POST', `/api/art21-requests/${employed.id}/sessions`, {})).json<Opened>();
    expect((await env.t.call('GET', `/api/register/${opened.session.registerEntryId}`)).json()).toMatchObject({ actor: { name: '陈刚', unit: '某物流有限公司' } });
  });
});
