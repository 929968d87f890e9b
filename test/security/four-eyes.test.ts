/**
 * Issue 10, attack 2: four eyes that one person cannot undo. Over real HTTP as the attacker would: an
 * administrator who widens an approved role or group, resets another administrator's credentials, or
 * approves what they recorded; a contractor whose role says more than art. 19 allows; and the bootstrap
 * window that lets a fresh server get its second administrator without database edits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInRoleId } from '../../src/access/built-in-roles.ts';
import { SYSTEM_BOOTSTRAP_WINDOW } from '../../src/access/grants/bootstrap-window.ts';
import { ALL_PREREQUISITES } from '../support/access.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';

const T10 = '2025-05-01T10:00:00+08:00';
const T1030 = '2025-05-01T10:30:00+08:00';
/** Without a grant in force for the action the route gate refuses; with one not covering the camera, the service does. */
const NOT_PERMITTED = ['E_ACTION_NOT_GRANTED', 'E_NO_CAMERA_PERMISSION'];

interface Grant {
  id: string;
  status: string;
  suspendedBy: string | null;
  approvedRole: { actions: string[]; playbackDepthHours: number | null } | null;
  scopeCameraIds: string[] | null;
  decidedBy: string | null;
}

describe.each(DIALECTS)('four eyes that one person cannot undo (%s)', (dialect) => {
  let env: VideoEnv;
  beforeEach(async () => {
    env = await openVideoEnv(dialect);
  });
  afterEach(async () => {
    await env?.close();
  });

  const admins = async () => ({
    a2: await env.user({ displayName: '管理员乙', grants: [{ role: 'ADMINISTRATOR' }] }),
    a3: await env.user({ displayName: '管理员丙', grants: [{ role: 'ADMINISTRATOR' }] }),
  });
  const copyRole = async (of: Parameters<typeof builtInRoleId>[0], name: string) => {
    const copied = await env.t.call('POST', `/api/roles/${builtInRoleId(of)}/copy`, { unitId: env.unitId, name });
    expect(copied.statusCode, copied.body).toBe(201);
    return copied.json<{ id: string }>().id;
  };
  /** A grant requested by one administrator and approved by another, over HTTP. */
  const approvedGrant = async (by: { request: Record<string, string>; approve: Record<string, string> }, body: Record<string, unknown>) => {
    const requested = await env.as(by.request)('POST', '/api/grants', { reason: '岗位需要', ...body });
    expect(requested.statusCode, requested.body).toBe(201);
    const approved = await env.as(by.approve)('POST', `/api/grants/${requested.json<Grant>().id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json<Grant>();
  };
  const grantOf = async (grantId: string) => (await env.t.call('GET', `/api/grants/${grantId}`)).json<Grant>();

  it('REG-16-3: an approved harmless role copy widened to LIVE+PLAYBACK+EXPORT+CONFIG+APPROVE suspends the grant; the puppet approves neither its creator’s export nor an ordered deletion', async () => {
    const { a2, a3 } = await admins();
    const puppet = await env.user({ displayName: '傀儡' });
    const copyId = await copyRole('AUDITOR', '审计员(副本)');
    const grant = await approvedGrant({ request: a2.headers, approve: a3.headers }, { userId: puppet.userId, roleId: copyId, scopeType: 'ALL' });
    expect(grant).toMatchObject({ status: 'ACTIVE', approvedRole: { actions: ['AUDIT'] } });

    const widened = await env.t.call('PATCH', `/api/roles/${copyId}`, { actions: ['LIVE', 'PLAYBACK', 'EXPORT', 'CONFIG', 'APPROVE'], changeReason: '扩大权限' });
    expect(widened.statusCode, widened.body).toBe(200);
    const listed = (await env.t.call('GET', `/api/grants?userId=${puppet.userId}`)).json<Grant[]>();
    expect(listed).toMatchObject([{ id: grant.id, status: 'SUSPENDED', suspendedBy: 'tester', approvedRole: { actions: ['AUDIT'] } }]);
    expect((await env.t.call('GET', '/api/grants?status=SUSPENDED')).json<Grant[]>().map((g) => g.id)).toEqual([grant.id]);

    const puppetCall = env.as(puppet.headers);
    const exportRequest = await env.t.call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: T10, to: T1030, reason: REASON, basis: await env.holdBasis([env.cams.C1], T10, T1030) });
    expect(exportRequest.statusCode, exportRequest.body).toBe(201);
    const exportApproval = await puppetCall('POST', `/api/export-requests/${exportRequest.json<{ id: string }>().id}/approve`, {});
    expect([exportApproval.statusCode, exportApproval.json().code]).toEqual([403, 'E_ACTION_NOT_GRANTED']);
    const order = await env.t.call('POST', '/api/retention/orders', { authority: '某县公安局', documentNo: 'D-7', orderDate: '2025-05-01', ranges: [{ cameraId: env.cams.C9 }] });
    expect(order.statusCode, order.body).toBe(201);
    const orderApproval = await puppetCall('POST', `/api/retention/orders/${order.json<{ id: string }>().id}/approve`);
    expect([orderApproval.statusCode, orderApproval.json().code]).toEqual([403, 'E_ACTION_NOT_GRANTED']);
    const live = await puppetCall('POST', '/api/access/live', { cameraId: env.cams.C1, reason: { category: 'PUBLIC_SECURITY_MONITORING', text: '入口人员聚集,临时查看' } });
    expect(live.statusCode).toBe(403);
    expect(NOT_PERMITTED).toContain(live.json().code);

    // Who widened it cannot approve it again, nor can its requester; a third administrator can, and binds the new definition.
    const bySuspender = await env.t.call('POST', `/api/grants/${grant.id}/approve`, {});
    expect([bySuspender.statusCode, bySuspender.json().code]).toEqual([409, 'E_SELF_APPROVAL']);
    expect((await env.as(a2.headers)('POST', `/api/grants/${grant.id}/approve`, {})).json()).toMatchObject({ code: 'E_SELF_APPROVAL' });
    const again = await env.as(a3.headers)('POST', `/api/grants/${grant.id}/approve`, { note: '已核实' });
    expect(again.json()).toMatchObject({ status: 'ACTIVE', suspendedBy: null, approvedRole: { actions: ['LIVE', 'PLAYBACK', 'EXPORT', 'CONFIG', 'APPROVE'] } });
    const history = await env.t.services.history.list({ entityType: 'grant', entityId: grant.id });
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ['request', expect.any(String)],
      ['approve', expect.any(String)],
      ['suspend', 'tester'],
      ['approve', expect.any(String)],
    ]);
  });

  it('REG-16-3: authorisation reads the approved role, never the live one (a role edited in the database gives nothing more)', async () => {
    const { a2, a3 } = await admins();
    const puppet = await env.user({ displayName: '傀儡' });
    const copyId = await copyRole('AUDITOR', '审计员(副本)');
    await approvedGrant({ request: a2.headers, approve: a3.headers }, { userId: puppet.userId, roleId: copyId, scopeType: 'ALL' });
    await env.t.db.db.updateTable('roles').set({ actions: JSON.stringify(['LIVE', 'APPROVE']) }).where('id', '=', copyId).execute();
    const exportRequest = await env.t.call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: T10, to: T1030, reason: REASON, basis: await env.holdBasis([env.cams.C1], T10, T1030) });
    const approval = await env.as(puppet.headers)('POST', `/api/export-requests/${exportRequest.json<{ id: string }>().id}/approve`, {});
    expect([approval.statusCode, approval.json().code]).toEqual([403, 'E_ACTION_NOT_GRANTED']);
  });

  it('REG-16-3: a role change that would suspend every approver but its author is refused (E_LAST_APPROVERS), so nobody is locked out', async () => {
    const { a2 } = await admins();
    const administrator = builtInRoleId('ADMINISTRATOR');
    // Requiring a second factor only narrows: every administrator keeps their grant.
    expect((await env.t.call('PATCH', `/api/roles/${administrator}`, { requireTotp: true })).statusCode).toBe(200);
    const approvers = (await env.t.call('GET', '/api/grants?status=ACTIVE')).json<Grant[]>().filter((g) => g.approvedRole?.actions.includes('APPROVE'));
    expect(approvers).toHaveLength(3);
    // Dropping it again would suspend every administrator, leaving nobody to approve them again.
    const relaxed = await env.as(a2.headers)('PATCH', `/api/roles/${administrator}`, { requireTotp: false });
    expect([relaxed.statusCode, relaxed.json().code]).toEqual([409, 'E_LAST_APPROVERS']);
    expect((await env.t.call('GET', '/api/grants?status=SUSPENDED')).json<Grant[]>()).toEqual([]);
  });

  it('REG-16-3, REG-16-4: a change that only narrows a role keeps the grant, narrowed; a deeper playback suspends it', async () => {
    const { a2, a3 } = await admins();
    const o1 = await env.user({ displayName: '值班员' });
    const copyId = await copyRole('MONITOR_OPERATOR', '夜班监看员');
    const grant = await approvedGrant({ request: a2.headers, approve: a3.headers }, { userId: o1.userId, roleId: copyId, scopeType: 'CAMERA_GROUP', scopeId: env.groups.G1 });
    expect((await env.t.call('PATCH', `/api/roles/${copyId}`, { actions: ['LIVE', 'PLAYBACK'], playbackDepthHours: 12 })).statusCode).toBe(200);
    expect(await grantOf(grant.id)).toMatchObject({ status: 'ACTIVE', approvedRole: { actions: ['LIVE', 'PLAYBACK'], playbackDepthHours: 12 } });
    expect((await env.as(o1.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON })).statusCode).toBe(200);

    expect((await env.t.call('PATCH', `/api/roles/${copyId}`, { playbackDepthHours: 24 * 30 })).statusCode).toBe(200);
    expect(await grantOf(grant.id)).toMatchObject({ status: 'SUSPENDED', approvedRole: { playbackDepthHours: 12 } });
    const playback = await env.as(o1.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON });
    expect(playback.statusCode).toBe(403);
    expect(NOT_PERMITTED).toContain(playback.json().code);
  });

  it('REG-16-3: a camera added to a group is not reached through a grant approved before; the attempt is logged as a DENIAL; a change through the API suspends the grant', async () => {
    const { a2, a3 } = await admins();
    const o1 = await env.user({ displayName: '值班员' });
    const grant = await approvedGrant(
      { request: a2.headers, approve: a3.headers },
      { userId: o1.userId, roleId: builtInRoleId('MONITOR_OPERATOR'), scopeType: 'CAMERA_GROUP', scopeId: env.groups.G2 },
    );
    expect(grant.scopeCameraIds).toEqual([env.cams.C7]);
    const call = env.as(o1.headers);
    const watch = (cameraId: string) => call('POST', '/api/access/live', { cameraId, reason: { category: 'PUBLIC_SECURITY_MONITORING', text: '入口人员聚集,临时查看' } });

    // Written straight into the database, the new camera is still outside what was approved.
    await env.t.db.db.updateTable('cameraGroups').set({ cameraIds: JSON.stringify([env.cams.C7, env.cams.C1]) }).where('id', '=', env.groups.G2).execute();
    expect((await watch(env.cams.C1)).json()).toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });
    expect((await watch(env.cams.C7)).statusCode).toBe(200);
    const denials = (await env.t.call('GET', '/api/register?kind=DENIAL')).json<{ entries: { cameraIds: string[]; actor: { userId: string } }[] }>();
    expect(denials.entries).toContainEqual(expect.objectContaining({ cameraIds: [env.cams.C1], actor: expect.objectContaining({ userId: o1.userId }) }));

    const widened = await env.t.call('PATCH', `/api/camera-groups/${env.groups.G2}`, { cameraIds: [env.cams.C7, env.cams.C1, env.cams.C9] });
    expect(widened.statusCode, widened.body).toBe(200);
    expect(await grantOf(grant.id)).toMatchObject({ status: 'SUSPENDED', suspendedBy: 'tester', scopeCameraIds: [env.cams.C7] });
    for (const cameraId of [env.cams.C9, env.cams.C7]) {
      const refused = await watch(cameraId);
      expect(refused.statusCode).toBe(403);
      expect(NOT_PERMITTED).toContain(refused.json().code);
    }

    expect((await env.t.call('POST', `/api/grants/${grant.id}/approve`, {})).json()).toMatchObject({ code: 'E_SELF_APPROVAL' });
    const again = await env.as(a3.headers)('POST', `/api/grants/${grant.id}/approve`, {});
    expect(again.json()).toMatchObject({ status: 'ACTIVE', scopeCameraIds: [env.cams.C7, env.cams.C1, env.cams.C9] });
    expect((await watch(env.cams.C9)).statusCode).toBe(200);
  });

  it('REG-16-3: removing a camera from a group only narrows the grants on it: they stay in force without it', async () => {
    const { a2, a3 } = await admins();
    const o1 = await env.user({ displayName: '值班员' });
    const grant = await approvedGrant(
      { request: a2.headers, approve: a3.headers },
      { userId: o1.userId, roleId: builtInRoleId('MONITOR_OPERATOR'), scopeType: 'CAMERA_GROUP', scopeId: env.groups.G1 },
    );
    expect((await env.t.call('PATCH', `/api/camera-groups/${env.groups.G1}`, { cameraIds: [env.cams.C1] })).statusCode).toBe(200);
    expect(await grantOf(grant.id)).toMatchObject({ status: 'ACTIVE', scopeCameraIds: [env.cams.C1] });
    const call = env.as(o1.headers);
    expect((await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON })).statusCode).toBe(200);
    expect((await call('POST', '/api/access/playback', { cameraId: env.cams.C2, from: T10, to: T1030, reason: REASON })).json()).toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });
  });

  it('REG-19-2: a contractor role copy widened after approval (export, 24 h) suspends the grant, and approving it again is refused', async () => {
    const { a2, a3 } = await admins();
    const k1 = await env.user({ kind: 'CONTRACTOR', validUntil: '2025-12-31T16:00:00.000Z', person: { contractorUndertakingAt: '2025-01-01' } });
    const copyId = await copyRole('CONTRACTOR', '维保人员');
    const grant = await approvedGrant({ request: a2.headers, approve: a3.headers }, { userId: k1.userId, roleId: copyId, scopeType: 'SITE', scopeId: env.siteId });
    expect((await env.t.call('PATCH', `/api/roles/${copyId}`, { actions: ['CONFIG', 'LIVE', 'PLAYBACK', 'EXPORT'], playbackDepthHours: 24 })).statusCode).toBe(200);
    expect(await grantOf(grant.id)).toMatchObject({ status: 'SUSPENDED' });
    const again = await env.as(a3.headers)('POST', `/api/grants/${grant.id}/approve`, {});
    expect([again.statusCode, again.json().code, again.json().article]).toEqual([422, 'E_CONTRACTOR_EXPORT_FORBIDDEN', '19']);
  });

  it('REG-19-2: whatever a contractor’s approved role says, every request is capped: no export, playback at most 1 h back', async () => {
    // A grant approved before the limits were checked: its frozen role exports and plays back without limit.
    const copyId = await copyRole('INVESTIGATOR', '旧版维保角色');
    await env.t.db.db.updateTable('roles').set({ importantPosition: 0 }).where('id', '=', copyId).execute();
    const k1 = await env.user({
      kind: 'CONTRACTOR',
      validUntil: '2025-12-31T16:00:00.000Z',
      person: { contractorUndertakingAt: '2025-01-01' },
      grants: [{ role: { roleId: copyId }, scope: { type: 'SITE', id: env.siteId } }],
    });
    const call = env.as(k1.headers);
    const deep = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: '2025-05-01T09:00:00+08:00', to: '2025-05-01T09:30:00+08:00', reason: REASON });
    expect([deep.statusCode, deep.json().code, deep.json().details?.playbackDepthHours]).toEqual([403, 'E_PLAYBACK_DEPTH', 1]);
    const recent = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: '2025-05-01T10:15:00+08:00', to: '2025-05-01T10:45:00+08:00', reason: REASON });
    expect(recent.statusCode, recent.body).toBe(200);
    const exporting = await call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: '2025-05-01T10:15:00+08:00', to: '2025-05-01T10:45:00+08:00', reason: REASON });
    expect([exporting.statusCode, exporting.json().code]).toEqual([403, 'E_CONTRACTOR_EXPORT_FORBIDDEN']);
    const denials = (await env.t.call('GET', '/api/register?kind=DENIAL')).json<{ entries: { content: { denied: { code: string } } }[] }>();
    expect(denials.entries.map((e) => e.content.denied.code)).toContain('E_PLAYBACK_DEPTH');
  });

  it('REG-16-3: a grantee never approves their own grant, nor an approver a grant they requested', async () => {
    const { a2, a3 } = await admins();
    const requested = await env.as(a2.headers)('POST', '/api/grants', { userId: a3.userId, roleId: builtInRoleId('INVESTIGATOR'), scopeType: 'SITE', scopeId: env.siteId, reason: '事件调查' });
    const grantId = requested.json<Grant>().id;
    const ownGrant = await env.as(a3.headers)('POST', `/api/grants/${grantId}/approve`, {});
    expect([ownGrant.statusCode, ownGrant.json().code]).toEqual([409, 'E_SELF_APPROVAL']);
    const ownRequest = await env.as(a2.headers)('POST', `/api/grants/${grantId}/approve`, {});
    expect([ownRequest.statusCode, ownRequest.json().code]).toEqual([409, 'E_SELF_APPROVAL']);
    expect((await env.t.call('POST', `/api/grants/${grantId}/approve`, {})).json()).toMatchObject({ status: 'ACTIVE', decidedBy: env.t.admin.userId });
  });

  it('one administrator cannot reset another administrator’s password or second factor alone: a second administrator applies it', async () => {
    const { a2, a3 } = await admins();
    const person = (await env.t.call('POST', '/api/persons', { unitId: env.unitId, name: '钱七', ...ALL_PREREQUISITES })).json<{ id: string }>();
    const created = await env.t.call('POST', '/api/users', { username: 'qian.qi', displayName: '钱七', password: TEST_PASSWORD, unitId: env.unitId, personId: person.id });
    expect(created.statusCode, created.body).toBe(201);
    const victim = created.json<{ id: string }>();
    await approvedGrant({ request: a2.headers, approve: a3.headers }, { userId: victim.id, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL' });
    const victimHeaders = await env.t.tokenHeaders(victim.id);

    const requested = await env.t.call('POST', `/api/users/${victim.id}/reset-password`, { password: 'taken over by the tester' });
    expect(requested.statusCode, requested.body).toBe(202);
    expect(requested.json()).toMatchObject({ userId: victim.id, kind: 'PASSWORD', status: 'PENDING', requestedBy: 'tester' });
    expect(requested.body).not.toMatch(/argon|passwordHash/);
    expect((await env.t.signIn('qian.qi', 'taken over by the tester')).response.statusCode).toBe(401);
    expect((await env.t.signIn('qian.qi', TEST_PASSWORD)).response.statusCode).toBe(200);

    const resetId = requested.json<{ id: string }>().id;
    const byRequester = await env.t.call('POST', `/api/credential-resets/${resetId}/approve`);
    expect([byRequester.statusCode, byRequester.json().code]).toEqual([409, 'E_SELF_APPROVAL']);
    expect((await env.t.call('POST', `/api/credential-resets/${resetId}/approve`, undefined, victimHeaders)).json()).toMatchObject({ code: 'E_SELF_APPROVAL' });
    expect((await env.t.call('GET', '/api/credential-resets?status=PENDING')).json<{ id: string }[]>().map((r) => r.id)).toEqual([resetId]);
    const applied = await env.as(a2.headers)('POST', `/api/credential-resets/${resetId}/approve`);
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await env.t.signIn('qian.qi', 'taken over by the tester')).response.statusCode).toBe(200);
    expect((await env.as(a3.headers)('POST', `/api/credential-resets/${resetId}/approve`)).json()).toMatchObject({ code: 'E_RESET_NOT_PENDING' });

    const totp = await env.t.call('POST', `/api/users/${victim.id}/reset-totp`);
    expect(totp.statusCode).toBe(202);
    expect((await env.as(a3.headers)('POST', `/api/credential-resets/${totp.json<{ id: string }>().id}/reject`)).json()).toMatchObject({ status: 'REJECTED' });

    const history = (await env.t.call('GET', `/api/users/${victim.id}/history`)).json<{ action: string; actor: string }[]>();
    expect(history.map((h) => h.action)).toEqual(['create', 'request-reset-password', 'reset-password', 'request-reset-totp', 'reject-reset-totp']);
    expect(history[1]).toMatchObject({ actor: 'tester' });
    expect(JSON.stringify(history)).not.toContain('argon');

    // An ordinary user's reset stays one step.
    const plain = await env.t.call('POST', '/api/users', { username: 'sun.ba', displayName: '孙八', password: TEST_PASSWORD, unitId: env.unitId });
    const reset = await env.t.call('POST', `/api/users/${plain.json<{ id: string }>().id}/reset-password`, { password: 'a fresh passphrase for sun' });
    expect(reset.statusCode, reset.body).toBe(200);
  });

  it('REG-26-2: whoever records a deletion order never approves it; two others do (E_SELF_APPROVAL)', async () => {
    const { a2, a3 } = await admins();
    const order = (await env.as(a2.headers)('POST', '/api/retention/orders', { authority: '某县公安局', documentNo: 'D-9', orderDate: '2025-05-01', ranges: [{ cameraId: env.cams.C9 }] })).json<{ id: string }>();
    const byRecorder = await env.as(a2.headers)('POST', `/api/retention/orders/${order.id}/approve`);
    expect([byRecorder.statusCode, byRecorder.json().code, byRecorder.json().article]).toEqual([409, 'E_SELF_APPROVAL', '26']);
    expect((await env.t.call('POST', `/api/retention/orders/${order.id}/approve`)).statusCode).toBe(200);
    expect((await env.t.call('POST', `/api/retention/orders/${order.id}/execute`)).json()).toMatchObject({ code: 'E_SECOND_APPROVER_REQUIRED' });
    expect((await env.as(a3.headers)('POST', `/api/retention/orders/${order.id}/approve`)).json()).toMatchObject({ approvals: [{ by: 'tester' }, { by: expect.any(String) }] });
  });

  it('bootstrap: for 24 h after setup the first administrator makes one second administrator alone, shown on /api/setup and in the history; then never again', async () => {
    expect((await env.t.call('GET', '/api/setup')).json()).toEqual({ needed: false, bootstrapWindow: { open: true, until: '2025-05-02T03:00:00.000Z' } });
    const second = await env.user({ displayName: '第二管理员' });
    const third = await env.user({ displayName: '第三人' });
    const { a2 } = await admins();
    // Only the first administrator, only ADMINISTRATOR over ALL.
    const byOther = await env.as(a2.headers)('POST', '/api/grants', { userId: third.userId, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL', reason: '第二管理员' });
    expect(byOther.json()).toMatchObject({ status: 'PENDING' });
    const otherRole = await env.t.call('POST', '/api/grants', { userId: third.userId, roleId: builtInRoleId('INVESTIGATOR'), scopeType: 'ALL', reason: '事件调查' });
    expect(otherRole.json()).toMatchObject({ status: 'PENDING' });

    const granted = await env.t.call('POST', '/api/grants', { userId: second.userId, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL', reason: '第二管理员' });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ status: 'ACTIVE', decidedBy: SYSTEM_BOOTSTRAP_WINDOW, approvedRole: { actions: expect.arrayContaining(['APPROVE']) } });
    const history = await env.t.services.history.list({ entityType: 'grant', entityId: granted.json<Grant>().id });
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ['request', 'tester'],
      ['approve', SYSTEM_BOOTSTRAP_WINDOW],
    ]);
    const opened = await env.t.db.db.selectFrom('history').select(['actor', 'after']).where('action', '=', 'open-bootstrap-window').execute();
    expect(opened).toHaveLength(1);
    // The second administrator now approves what the first requests.
    const approved = await env.t.call('POST', `/api/grants/${otherRole.json<Grant>().id}/approve`, {}, await env.t.tokenHeaders(second.userId));
    expect(approved.json()).toMatchObject({ status: 'ACTIVE' });

    expect((await env.t.call('GET', '/api/setup')).json()).toMatchObject({ bootstrapWindow: { open: false } });
    const again = await env.t.call('POST', '/api/grants', { userId: third.userId, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL', reason: '第三管理员' });
    expect(again.json()).toMatchObject({ status: 'PENDING', decidedBy: null });
  });

  it('bootstrap: after 24 h the window is closed and the first administrator’s grant waits for a second person', async () => {
    env.t.clock.set('2025-05-02T03:00:01Z');
    const second = await env.user({ displayName: '第二管理员', person: { jobTrainingAt: '2025-04-01' } });
    expect((await env.t.call('GET', '/api/setup')).json()).toMatchObject({ bootstrapWindow: { open: false, until: '2025-05-02T03:00:00.000Z' } });
    const late = await env.t.call('POST', '/api/grants', { userId: second.userId, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL', reason: '第二管理员' });
    expect(late.json()).toMatchObject({ status: 'PENDING' });
  });
});
