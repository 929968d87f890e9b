import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, unitBody } from '../support/fixtures.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, type VideoEnv } from '../access/video-access-support.ts';
import { counter, intakeBody, PROOF, type Counter } from './art21-support.ts';

interface Request21 {
  id: string;
  status: string;
  dueAt: string;
  scope: { cameraId: string; from: string; to: string }[];
  decisionReason: string | null;
  notification: { zh: string; en: string } | null;
  documents: { id: string; sha256: string; bytes: number }[];
}

describe.each(DIALECTS)('art. 21 requests: intake, consent, scope (%s)', (dialect) => {
  let env: VideoEnv;
  let c: Counter;
  beforeEach(async () => {
    env = await openVideoEnv(dialect, '2025-06-01T10:00:00Z');
    c = await counter(env);
  });
  afterEach(async () => {
    await env?.close();
  });

  const take = async (overrides: Record<string, unknown> = {}) => {
    const response = await c.call('POST', '/api/art21-requests', intakeBody(env, overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Request21>();
  };

  it('REG-21-1: a cousin gets 422 E_RELATIONSHIP_NOT_ELIGIBLE, curiosity 422 E_PURPOSE_NOT_ELIGIBLE; a parent looking for a missing child is accepted in PENDING_CONSENT', async () => {
    const cousin = await c.call('POST', '/api/art21-requests', intakeBody(env, { relationship: 'COUSIN', relationshipSubtype: undefined }));
    expect(cousin.statusCode).toBe(422);
    expect(cousin.json()).toMatchObject({ code: 'E_RELATIONSHIP_NOT_ELIGIBLE', article: '21' });
    // 表兄弟 is not on the Civil Code art. 1045 list either.
    const cousinAsRelative = await c.call('POST', '/api/art21-requests', intakeBody(env, { relationshipSubtype: '表兄弟' }));
    expect(cousinAsRelative.json()).toMatchObject({ code: 'E_RELATIONSHIP_NOT_ELIGIBLE', article: '21' });
    const curiosity = await c.call('POST', '/api/art21-requests', intakeBody(env, { purpose: 'CURIOSITY' }));
    expect(curiosity.statusCode).toBe(422);
    expect(curiosity.json()).toMatchObject({ code: 'E_PURPOSE_NOT_ELIGIBLE', article: '21' });
    // A guardian (and anyone) must show proof (AMB-11).
    const noProof = await c.call('POST', '/api/art21-requests', intakeBody(env, { relationship: 'GUARDIAN', relationshipSubtype: undefined, documents: [] }));
    expect(noProof.json()).toMatchObject({ code: 'E_PROOF_REQUIRED', article: '21' });
    expect((await c.call('GET', '/api/art21-requests')).json<unknown[]>()).toHaveLength(0);

    const parent = await take();
    expect(parent).toMatchObject({ status: 'PENDING_CONSENT', relationship: 'CLOSE_RELATIVE', relationshipSubtype: '父母', purpose: 'LIFE_HEALTH', receivedBy: c.desk.userId });
    // Due at the end of the 15th legal day after receipt (received 2025-06-01 18:00 Beijing time).
    expect(parent.dueAt).toBe('2025-06-16T16:00:00.000Z');
    const [doc] = parent.documents;
    expect(doc).toMatchObject({ bytes: PROOF.length, sha256: createHash('sha256').update(PROOF).digest('hex') });
    const stored = readFileSync(path.join(env.t.dataDir, 'disclosure', 'art21', parent.id, doc!.id));
    expect(stored.equals(PROOF)).toBe(true);
    const download = await c.call('GET', `/api/art21-requests/${parent.id}/documents/${doc!.id}`);
    expect(download.headers['x-sha256']).toBe(doc!.sha256);
    expect(download.rawPayload.equals(PROOF)).toBe(true);
    // Every eligible relationship, a guardian with the appointment decision.
    expect((await take({ relationship: 'GUARDIAN', relationshipSubtype: undefined, purpose: 'PROPERTY_SAFETY' })).status).toBe('PENDING_CONSENT');
  });

  it('REG-21-2: approving without a scope gets 422 E_SCOPE_REQUIRED; a rejection stores its reason and a notice for the requester; every decision is audited', async () => {
    const request = await take();
    const noScope = await env.t.call('POST', `/api/art21-requests/${request.id}/decision`, { decision: 'APPROVED' });
    expect(noScope.statusCode).toBe(422);
    expect(noScope.json()).toMatchObject({ code: 'E_SCOPE_REQUIRED', article: '21' });
    // The desk officer holds no APPROVE; an approver who took the intake may not decide it.
    expect((await c.call('POST', `/api/art21-requests/${request.id}/decision`, { decision: 'REJECTED', reason: '无' })).statusCode).toBe(403);
    const own = (await env.t.call('POST', '/api/art21-requests', intakeBody(env))).json<Request21>();
    expect((await env.t.call('POST', `/api/art21-requests/${own.id}/decision`, { decision: 'REJECTED', reason: '自行受理' })).json()).toMatchObject({ code: 'E_SELF_APPROVAL' });
    expect((await env.t.call('POST', `/api/art21-requests/${request.id}/decision`, { decision: 'REJECTED' })).json()).toMatchObject({ code: 'E_DECISION_REASON_REQUIRED' });

    // An approver decides only over cameras they may approve for (G1 here, not C7).
    const g1Approver = await env.user({ grants: [{ role: 'ADMINISTRATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const elsewhere = await env.as(g1Approver.headers)('POST', `/api/art21-requests/${request.id}/decision`, { decision: 'APPROVED', scope: [{ cameraId: env.cams.C7, from: '2025-06-01T14:30:00+08:00', to: '2025-06-01T15:30:00+08:00' }] });
    expect(elsewhere.statusCode).toBe(403);
    expect((await c.call('GET', `/api/art21-requests/${request.id}`)).json<Request21>().status).toBe('PENDING_CONSENT');

    const reason = '所述地点无本单位摄像机覆盖';
    const rejected = await env.t.call('POST', `/api/art21-requests/${request.id}/decision`, { decision: 'REJECTED', reason });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const decided = rejected.json<Request21>();
    expect(decided).toMatchObject({ status: 'REJECTED', decisionReason: reason });
    expect(decided.notification?.zh).toContain(reason);
    expect(decided.notification?.zh).toContain('王秀英');
    expect(decided.notification?.en).toContain(reason);
    expect((await c.call('GET', `/api/art21-requests/${request.id}`)).json<Request21>().notification).toEqual(decided.notification);
    expect((await env.t.call('POST', `/api/art21-requests/${request.id}/decision`, { decision: 'REJECTED', reason })).json()).toMatchObject({ code: 'E_ART21_NOT_PENDING' });

    const history = await env.t.db.db.selectFrom('history').select(['action', 'actor']).where('entityId', '=', request.id).orderBy('seq').execute();
    expect(history).toEqual([
      { action: 'INTAKE', actor: expect.any(String) },
      { action: 'REJECTED', actor: 'tester' },
    ]);
  });

  it('REG-21-3: around an incident at 15:00, C2 14:30–15:30 is approved; 08:00–20:00 without a justification gets 422 E_SCOPE_TOO_BROAD', async () => {
    const narrow = await take();
    const approved = await env.t.call('POST', `/api/art21-requests/${narrow.id}/decision`, {
      decision: 'APPROVED',
      scope: [{ cameraId: env.cams.C2, from: '2025-06-01T14:30:00+08:00', to: '2025-06-01T15:30:00+08:00' }],
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<Request21>()).toMatchObject({ status: 'APPROVED', scope: [{ cameraId: env.cams.C2, from: '2025-06-01T06:30:00.000Z', to: '2025-06-01T07:30:00.000Z' }] });

    const wide = await take();
    const day = [{ cameraId: env.cams.C2, from: '2025-06-01T08:00:00+08:00', to: '2025-06-01T20:00:00+08:00' }];
    const tooBroad = await env.t.call('POST', `/api/art21-requests/${wide.id}/decision`, { decision: 'APPROVED', scope: day });
    expect(tooBroad.statusCode).toBe(422);
    expect(tooBroad.json()).toMatchObject({ code: 'E_SCOPE_TOO_BROAD', article: '21', details: { maxWindowHours: 2 } });
    // Just past the edge (13:00–17:01) is too broad as well; with a justification the wider window passes.
    const edge = await env.t.call('POST', `/api/art21-requests/${wide.id}/decision`, { decision: 'APPROVED', scope: [{ cameraId: env.cams.C2, from: '2025-06-01T13:00:00+08:00', to: '2025-06-01T17:01:00+08:00' }] });
    expect(edge.json()).toMatchObject({ code: 'E_SCOPE_TOO_BROAD' });
    const justified = await env.t.call('POST', `/api/art21-requests/${wide.id}/decision`, { decision: 'APPROVED', scope: day, justification: '孩子上午随家人进入商场,离开时间不明' });
    expect(justified.json<Request21>()).toMatchObject({ status: 'APPROVED', scope: [{ from: '2025-06-01T00:00:00.000Z', to: '2025-06-01T12:00:00.000Z' }] });
  });

  it('deadlines: pending requests past their deadline are overdue, those within dueSoonDays due soon', async () => {
    const first = await take();
    env.t.clock.set('2025-06-10T02:00:00Z');
    const second = await take();
    env.t.clock.set('2025-06-14T02:00:00Z');
    let reminders = (await c.call('GET', '/api/art21-requests/reminders')).json<{ overdue: { id: string }[]; dueSoon: { id: string; daysLeft: number }[] }>();
    expect(reminders.overdue).toEqual([]);
    expect(reminders.dueSoon.map((r) => r.id)).toEqual([first.id]);
    env.t.clock.set('2025-06-17T02:00:00Z');
    reminders = (await c.call('GET', '/api/art21-requests/reminders')).json();
    expect(reminders.overdue.map((r) => r.id)).toEqual([first.id]);
    expect(reminders.dueSoon).toEqual([]);
    await env.t.call('POST', `/api/art21-requests/${second.id}/decision`, { decision: 'REJECTED', reason: '材料不足,无法核实关系' });
    env.t.clock.set('2025-07-01T02:00:00Z');
    expect((await c.call('GET', '/api/art21-requests/reminders')).json<{ overdue: { id: string }[] }>().overdue.map((r) => r.id)).toEqual([first.id]);
  });

  it('a request of a unit outside the caller’s reach is absent', async () => {
    const request = await take();
    const other = await created<{ id: string }>(env.t, '/api/units', unitBody({ name: '另一单位', uscc: null, unitType: 'INDIVIDUAL' }));
    const stranger = env.as((await env.user({ unitId: other.id, grants: [] })).headers);
    expect((await stranger('GET', `/api/art21-requests/${request.id}`)).statusCode).toBe(404);
    expect((await stranger('GET', '/api/art21-requests')).json<unknown[]>()).toHaveLength(0);
    expect((await c.call('GET', '/api/art21-requests')).json<{ id: string }[]>().map((r) => r.id)).toEqual([request.id]);
  });
});

