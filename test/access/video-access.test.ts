import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterEntryView } from '../../src/access/register/model.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, REASON, UNIT_NAME, type VideoEnv } from './video-access-support.ts';

const T10 = '2025-05-01T10:00:00+08:00';
const T1030 = '2025-05-01T10:30:00+08:00';

describe.each(DIALECTS)('video access through the register (%s)', (dialect) => {
  let env: VideoEnv;
  beforeEach(async () => {
    env = await openVideoEnv(dialect);
  });
  afterEach(async () => {
    await env?.close();
  });

  const entries = async (query = '') => {
    const response = await env.t.call('GET', `/api/register${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ total: number; entries: RegisterEntryView[] }>();
  };

  it('REG-16-5 (1, 2): playback without a reason is refused with no entry and no media; with one the entry holds 姓名, 单位, camera and range', async () => {
    const o1 = await env.user({ displayName: '张三', grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const call = env.as(o1.headers);
    const refused = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'E_REASON_REQUIRED', article: '16' });
    expect(refused.json()).not.toHaveProperty('token');
    expect((await entries()).total).toBe(0);
    const short = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: { category: 'INCIDENT_INVESTIGATION', text: '查看' } });
    expect(short.json()).toMatchObject({ code: 'E_REASON_REQUIRED' });

    const ok = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON });
    expect(ok.statusCode, ok.body).toBe(200);
    const { registerEntryId, token, segments } = ok.json<{ registerEntryId: string; token: string; segments: unknown[] }>();
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(segments).toEqual([]);
    const entry = (await env.t.call('GET', `/api/register/${registerEntryId}`)).json();
    expect(entry).toMatchObject({
      kind: 'ACCESS',
      operation: 'PLAYBACK',
      reason: REASON,
      actor: { userId: o1.userId, name: '张三', unit: UNIT_NAME },
      content: { cameraIds: [env.cams.C1], ranges: [{ cameraId: env.cams.C1, from: '2025-05-01T02:00:00.000Z', to: '2025-05-01T02:30:00.000Z' }] },
    });
    // The actor cannot write their own name or unit: the body has no place for them.
    const forged = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON, actor: { name: '别人' } });
    expect(forged.statusCode).toBe(422);
  });

  it('REG-16-5 (3): PATCH, PUT and DELETE of an entry get 405 E_REGISTER_IMMUTABLE, whoever calls', async () => {
    const o1 = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const id = (await env.as(o1.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON })).json<{ registerEntryId: string }>().registerEntryId;
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      for (const call of [env.as({}), env.as(o1.headers)]) {
        const response = await call(method, `/api/register/${id}`, method === 'DELETE' ? undefined : { reason: { text: 'x' } });
        expect(response.statusCode).toBe(405);
        expect(response.json()).toMatchObject({ code: 'E_REGISTER_IMMUTABLE', article: '16' });
      }
    }
    // Reading the register is for auditors.
    expect((await env.as(o1.headers)('GET', '/api/register')).statusCode).toBe(403);
  });

  it('REG-16-6: 3 accesses by 2 users, filter by camera, CSV header, and footage deletion leaves the entries', async () => {
    const a = await env.user({ displayName: '张三', grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const b = await env.user({ displayName: '李四', grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    await env.record(env.cams.C1, Date.parse(T10), 2);
    await env.as(a.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON });
    await env.as(b.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON });
    await env.as(a.headers)('POST', '/api/access/playback', { cameraId: env.cams.C2, from: T10, to: T1030, reason: REASON });
    const c1 = await entries(`?cameraId=${env.cams.C1}&from=2025-05-01T00:00:00%2B08:00`);
    expect(c1.total).toBe(2);
    expect(c1.entries.map((e) => e.actor.name).sort()).toEqual(['张三', '李四']);
    expect((await entries(`?actorUserId=${a.userId}`)).total).toBe(2);
    expect((await entries(`?unitId=${env.unitId}&reasonCategory=INCIDENT_INVESTIGATION`)).total).toBe(3);

    const csv = await env.t.call('GET', `/api/register/export.csv?cameraId=${env.cams.C1}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('access-register-2025-05-01.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('reason,content,actorUnit,actorName,approver,basisRef,start,end');
    expect(lines).toHaveLength(3);

    await env.t.db.db.deleteFrom('segments').where('cameraId', '=', env.cams.C1).execute();
    expect((await entries(`?cameraId=${env.cams.C1}`)).total).toBe(2);
    const verify = await env.t.call('GET', '/api/register/verify');
    expect(verify.json()).toMatchObject({ ok: true, entries: 3 });
    const pdf = await env.t.call('GET', '/api/register/export.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('REG-16-4: a 24 h monitor cannot play back 3-day-old footage without a basis; with incident INC-7 it is allowed and logged', async () => {
    const o1 = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const call = env.as(o1.headers);
    const old = { cameraId: env.cams.C1, from: '2025-04-28T10:00:00+08:00', to: '2025-04-28T10:30:00+08:00', reason: REASON };
    const refused = await call('POST', '/api/access/playback', old);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'E_PLAYBACK_DEPTH', article: '16', details: { playbackDepthHours: 24 } });
    // The incident exists: its footage is linked to the open case (a basis must name a real, open record).
    const incident = await env.t.call('POST', '/api/retention/purposes', { cameraId: env.cams.C1, from: '2025-04-28T09:00:00+08:00', to: '2025-04-28T12:00:00+08:00', basisType: 'INCIDENT', ref: 'INC-7' });
    expect(incident.statusCode, incident.body).toBe(201);
    const allowed = await call('POST', '/api/access/playback', { ...old, basis: { type: 'INCIDENT', ref: 'INC-7' } });
    expect(allowed.statusCode, allowed.body).toBe(200);
    const entry = (await env.t.call('GET', `/api/register/${allowed.json<{ registerEntryId: string }>().registerEntryId}`)).json();
    expect(entry).toMatchObject({ kind: 'ACCESS', basis: { type: 'INCIDENT', ref: 'INC-7' } });
    expect((await entries('?basisRef=INC-7')).total).toBe(1);
    expect((await entries('?kind=DENIAL')).entries).toMatchObject([{ content: { denied: { code: 'E_PLAYBACK_DEPTH' } }, actor: { userId: o1.userId } }]);
  });

  it('REG-16-3: playback on a camera of another group is refused with E_NO_CAMERA_PERMISSION and the denial is logged', async () => {
    const o1 = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const refused = await env.as(o1.headers)('POST', '/api/access/playback', { cameraId: env.cams.C7, from: T10, to: T1030, reason: REASON });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });
    const denials = await entries('?kind=DENIAL');
    expect(denials.entries).toMatchObject([
      { kind: 'DENIAL', operation: 'PLAYBACK', cameraIds: [env.cams.C7], reason: REASON, actor: { userId: o1.userId, unit: UNIT_NAME }, content: { denied: { code: 'E_NO_CAMERA_PERMISSION' } } },
    ]);
    // The recordings list of that camera (metadata only) is refused too.
    expect((await env.as(o1.headers)('GET', `/api/cameras/${env.cams.C7}/recordings`)).json()).toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });
    expect((await env.as(o1.headers)('GET', `/api/cameras/${env.cams.C1}/recordings`)).statusCode).toBe(200);
  });

  it('REG-16-8: on shift within the group a duty session opens with no prompt; outside it a reason is needed', async () => {
    const o1 = await env.user({ displayName: '张三', grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const shift = await env.t.call('POST', '/api/duty-shifts', { code: 'SH1', userId: o1.userId, cameraGroupId: env.groups.G1, startsAt: '2025-05-01T00:00:00Z', endsAt: '2025-05-01T08:00:00Z' });
    expect(shift.statusCode, shift.body).toBe(201);
    const call = env.as(o1.headers);
    const duty = await call('POST', '/api/access/live', { cameraId: env.cams.C1 });
    expect(duty.statusCode, duty.body).toBe(200);
    expect(duty.json()).toMatchObject({
      entry: { kind: 'ACCESS', operation: 'LIVE_DUTY', reason: { category: 'DUTY_MONITORING' }, shiftId: shift.json<{ id: string }>().id, actor: { name: '张三', unit: UNIT_NAME } },
      token: expect.any(String),
    });
    const adhoc = await call('POST', '/api/access/live', { cameraId: env.cams.C9 });
    expect(adhoc.statusCode).toBe(422);
    expect(adhoc.json()).toMatchObject({ code: 'E_REASON_REQUIRED' });
    const withReason = await call('POST', '/api/access/live', { cameraId: env.cams.C9, reason: { category: 'PUBLIC_SECURITY_MONITORING', text: '入口人员聚集,临时查看' } });
    expect(withReason.statusCode, withReason.body).toBe(200);
    expect(withReason.json()).toMatchObject({ entry: { operation: 'LIVE_ADHOC', shiftId: null, cameraIds: [env.cams.C9] } });

    // Ending the session appends a CLOSE entry; only its own user may end it.
    const entryId = duty.json<{ registerEntryId: string }>().registerEntryId;
    env.t.clock.set('2025-05-01T03:45:00Z');
    expect((await env.t.call('POST', `/api/access/${entryId}/close`)).json()).toMatchObject({ code: 'E_NOT_ENTRY_OWNER' });
    const closed = await call('POST', `/api/access/${entryId}/close`);
    expect(closed.json()).toMatchObject({ kind: 'CLOSE', refersTo: entryId, endedAt: '2025-05-01T03:45:00.000Z' });
    expect((await env.t.call('GET', `/api/register/${entryId}`)).json()).toMatchObject({ closedAt: '2025-05-01T03:45:00.000Z' });
  });
});
