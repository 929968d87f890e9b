/**
 * Issue 10, attack 1: APPROVE held over one camera approved an ADMINISTRATOR grant over ALL; retention-order
 * approval was unscoped; administrators of one unit administered another's accounts, grants and groups.
 * Each attack over real HTTP, refused with a stable code, and nothing changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInRoleId } from '../../src/access/built-in-roles.ts';
import { DIALECTS } from '../support/db.ts';
import { makeUser } from '../support/access.ts';
import { actor, openTwoUnits, refused, roleWith, type TwoUnits } from './two-units.ts';

const REASON = { category: 'INCIDENT_INVESTIGATION', text: '顾客报失手机核查 INC-12' };
const FROM = '2025-05-01T10:00:00+08:00';
const TO = '2025-05-01T10:30:00+08:00';

describe.each(DIALECTS)('scoped approvals and administration (%s)', (dialect) => {
  let w: TwoUnits;
  beforeEach(async () => {
    w = await openTwoUnits(dialect);
  });
  afterEach(async () => w.t.close());

  /** A grant requested by the first administrator (ADMINISTER over ALL), pending. */
  async function pending(userId: string, role: Parameters<typeof builtInRoleId>[0] | { roleId: string }, scopeType: string, scopeId: string | null): Promise<string> {
    const roleId = typeof role === 'string' ? builtInRoleId(role) : role.roleId;
    const response = await w.t.call('POST', '/api/grants', { userId, roleId, scopeType, scopeId, reason: '岗位调整需要' });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  }

  const status = async (grantId: string) => (await w.t.services.grants.get(grantId)).status;

  it('REG-16-3: APPROVE held over one camera approves no ADMINISTRATOR grant over ALL, nor a grant over the unit, the site or another camera (E_OUT_OF_SCOPE, still PENDING)', async () => {
    const approver = await actor(w, w.unitA, [{ role: await roleWith(w, w.unitA, ['APPROVE']), scope: { type: 'CAMERA', id: w.camA1 } }]);
    const grantee = await makeUser(w.t, { unitId: w.unitA });
    // Past the bootstrap window of setup, an ADMINISTRATOR grant over ALL waits for its approver like any other.
    w.t.clock.set(new Date(w.t.clock.now().getTime() + 25 * 3_600_000).toISOString());
    const attacks = [
      await pending(grantee.userId, 'ADMINISTRATOR', 'ALL', null),
      await pending(grantee.userId, 'AUDITOR', 'UNIT', w.unitA),
      await pending(grantee.userId, 'MONITOR_OPERATOR', 'SITE', w.siteA),
      await pending(grantee.userId, 'MONITOR_OPERATOR', 'CAMERA', w.camA2),
      await pending(grantee.userId, 'MONITOR_OPERATOR', 'CAMERA', w.camB1),
    ];
    for (const grantId of attacks) {
      refused(await approver.call('POST', `/api/grants/${grantId}/approve`, {}), 403, 'E_OUT_OF_SCOPE');
      refused(await approver.call('POST', `/api/grants/${grantId}/reject`, {}), 403, 'E_OUT_OF_SCOPE');
      expect(await status(grantId)).toBe('PENDING');
    }
    // Within its camera, the same approver decides.
    const own = await pending(grantee.userId, 'MONITOR_OPERATOR', 'CAMERA', w.camA1);
    const approved = await approver.call('POST', `/api/grants/${own}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await status(own)).toBe('ACTIVE');
  });

  it('REG-16-3: APPROVE over the whole unit does not hand out a role carrying ADMINISTER or APPROVE without ADMINISTER there too', async () => {
    const approver = await actor(w, w.unitA, [{ role: await roleWith(w, w.unitA, ['APPROVE']), scope: { type: 'UNIT', id: w.unitA } }]);
    const grantee = await makeUser(w.t, { unitId: w.unitA });
    const administrator = await pending(grantee.userId, 'ADMINISTRATOR', 'UNIT', w.unitA);
    const approvers = await pending(grantee.userId, await roleWith(w, w.unitA, ['APPROVE']), 'UNIT', w.unitA);
    for (const grantId of [administrator, approvers]) {
      refused(await approver.call('POST', `/api/grants/${grantId}/approve`, {}), 403, 'E_OUT_OF_SCOPE');
      expect(await status(grantId)).toBe('PENDING');
    }
    const auditor = await pending(grantee.userId, 'AUDITOR', 'UNIT', w.unitA);
    expect((await approver.call('POST', `/api/grants/${auditor}/approve`, {})).statusCode).toBe(200);
    // An administrator of the unit (ADMINISTER and APPROVE over it) may approve the administrator grant.
    const adminA = await actor(w, w.unitA, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitA } }]);
    expect((await adminA.call('POST', `/api/grants/${administrator}/approve`, {})).statusCode).toBe(200);
    expect(await status(administrator)).toBe('ACTIVE');
  });

  it("REG-16-3: an administrator of unit A requests no grant for unit B's staff, over unit B's camera or over ALL, and neither reads nor revokes unit B's grants", async () => {
    const adminA = await actor(w, w.unitA, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitA } }]);
    const userA = await makeUser(w.t, { unitId: w.unitA });
    const userB = await makeUser(w.t, { unitId: w.unitB });
    const before = (await w.t.services.grants.list()).length;
    const ask = (userId: string, scopeType: string, scopeId: string | null) =>
      adminA.call('POST', '/api/grants', { userId, roleId: builtInRoleId('MONITOR_OPERATOR'), scopeType, scopeId, reason: '岗位调整需要' });
    refused(await ask(userB.userId, 'UNIT', w.unitA), 403, 'E_OUT_OF_SCOPE');
    refused(await ask(userA.userId, 'CAMERA', w.camB1), 403, 'E_OUT_OF_SCOPE');
    refused(await ask(userA.userId, 'SITE', w.siteB), 403, 'E_OUT_OF_SCOPE');
    refused(await ask(userA.userId, 'ALL', null), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.services.grants.list()).length).toBe(before);
    expect((await ask(userA.userId, 'CAMERA', w.camA1)).statusCode).toBe(201);

    const grantB = await pending(userB.userId, 'MONITOR_OPERATOR', 'CAMERA', w.camB1);
    const listed = (await adminA.call('GET', '/api/grants')).json<{ id: string; userId: string }[]>();
    expect(listed.map((g) => g.id)).not.toContain(grantB);
    expect(listed.every((g) => g.userId !== userB.userId)).toBe(true);
    refused(await adminA.call('GET', `/api/grants/${grantB}`), 404, 'E_NOT_FOUND');
    refused(await adminA.call('POST', `/api/grants/${grantB}/revoke`, { reason: '越权撤销尝试' }), 403, 'E_OUT_OF_SCOPE');
    expect(await status(grantB)).toBe('PENDING');
  });

  it("an administrator of unit A creates, changes, resets, unlocks and deactivates no account of unit B, and does not list it", async () => {
    const adminA = await actor(w, w.unitA, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitA } }]);
    const userB = await makeUser(w.t, { unitId: w.unitB, displayName: '乙员工' });
    const body = (unitId: string, username: string) => ({ username, displayName: '新员工', password: 'correct horse battery staple 2026', unitId });
    refused(await adminA.call('POST', '/api/users', body(w.unitB, 'intruder_b')), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.services.users.list()).some((u) => u.username === 'intruder_b')).toBe(false);
    refused(await adminA.call('PATCH', `/api/users/${userB.userId}`, { displayName: '改名' }), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', `/api/users/${userB.userId}/reset-password`, { password: 'another horse battery staple 99' }), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', `/api/users/${userB.userId}/reset-totp`), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', `/api/users/${userB.userId}/unlock`), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', `/api/users/${userB.userId}/deactivate`), 403, 'E_OUT_OF_SCOPE');
    const untouched = await w.t.services.users.get(userB.userId);
    expect([untouched.displayName, untouched.active]).toEqual(['乙员工', true]);
    const row = await w.t.db.db.selectFrom('users').select(['passwordHash']).where('id', '=', userB.userId).executeTakeFirstOrThrow();
    expect(row.passwordHash).toBe('!fixture-no-login');

    const listed = (await adminA.call('GET', '/api/users')).json<{ id: string; unitId: string | null }[]>();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((u) => u.unitId === w.unitA)).toBe(true);
    refused(await adminA.call('GET', `/api/users/${userB.userId}`), 404, 'E_NOT_FOUND');
    expect((await adminA.call('POST', '/api/users', body(w.unitA, 'newcomer_a'))).statusCode).toBe(201);
  });

  it("an administrator of unit A neither lists nor revokes unit B's API tokens, and does not decide unit B's credential resets", async () => {
    const adminA = await actor(w, w.unitA, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitA } }]);
    const userB = await makeUser(w.t, { unitId: w.unitB, grants: [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitB } }] });
    const tokenB = await w.t.tokenHeaders(userB.userId);
    const tokenId = (await w.t.call('GET', `/api/users/${userB.userId}/tokens`)).json<{ id: string }[]>()[0]!.id;
    refused(await adminA.call('GET', `/api/users/${userB.userId}/tokens`), 404, 'E_NOT_FOUND');
    refused(await adminA.call('POST', `/api/users/${userB.userId}/tokens/${tokenId}/revoke`), 404, 'E_NOT_FOUND');
    expect((await w.t.call('GET', '/api/auth/session', undefined, tokenB)).statusCode).toBe(200);
    // A reset of unit B's administrator, requested by an administrator over ALL, waits for a second one: never unit A's.
    const reset = await w.t.call('POST', `/api/users/${userB.userId}/reset-totp`);
    expect(reset.statusCode, reset.body).toBe(202);
    const resetId = reset.json<{ id: string }>().id;
    expect((await adminA.call('GET', '/api/credential-resets')).json<{ id: string }[]>().map((r) => r.id)).not.toContain(resetId);
    refused(await adminA.call('POST', `/api/credential-resets/${resetId}/approve`), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', `/api/credential-resets/${resetId}/reject`), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.call('GET', '/api/credential-resets?status=PENDING')).json<{ id: string }[]>().map((r) => r.id)).toContain(resetId);
  });

  it("an administrator of unit A creates no group, person or role in unit B, puts no camera of unit B in a group, and puts no staff of unit B on duty", async () => {
    const adminA = await actor(w, w.unitA, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitA } }]);
    const userB = await makeUser(w.t, { unitId: w.unitB });
    const groupsBefore = (await w.t.services.cameraGroups.list()).length;
    refused(await adminA.call('POST', '/api/camera-groups', { unitId: w.unitB, name: '乙组', cameraIds: [] }), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', '/api/camera-groups', { unitId: w.unitA, name: '混组', cameraIds: [w.camA1, w.camB1] }), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.services.cameraGroups.list()).length).toBe(groupsBefore);
    const group = await adminA.call('POST', '/api/camera-groups', { unitId: w.unitA, name: '甲组', cameraIds: [w.camA1] });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json<{ id: string }>().id;
    refused(await adminA.call('PATCH', `/api/camera-groups/${groupId}`, { cameraIds: [w.camA1, w.camB1] }), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.services.cameraGroups.get(groupId)).cameraIds).toEqual([w.camA1]);

    const shift = { code: 'S-1', userId: userB.userId, cameraGroupId: groupId, startsAt: '2025-06-01T08:00:00+08:00', endsAt: '2025-06-01T20:00:00+08:00' };
    refused(await adminA.call('POST', '/api/duty-shifts', shift), 403, 'E_OUT_OF_SCOPE');
    expect(await w.t.services.dutyShifts.list()).toEqual([]);
    refused(await adminA.call('POST', '/api/persons', { unitId: w.unitB, name: '乙某' }), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', `/api/roles/${builtInRoleId('AUDITOR')}/copy`, { unitId: w.unitB, name: '乙审计' }), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.services.roles.list()).some((r) => r.name === '乙审计')).toBe(false);
    expect((await w.t.services.persons.list({ unitId: w.unitB })).some((p) => p.name === '乙某')).toBe(false);
  });

  it("REG-16-3: APPROVE over unit A neither approves nor lists unit B's export request (E_NO_CAMERA_PERMISSION, still PENDING)", async () => {
    const investigatorB = await actor(w, w.unitB, [{ role: 'INVESTIGATOR', scope: { type: 'UNIT', id: w.unitB } }]);
    const hold = await w.t.services.retention.holds.create({ basisType: 'INCIDENT', citation: '事件保全', owner: '测试员', ranges: [{ cameraId: w.camB1, from: FROM, to: TO }] }, { name: '测试员' });
    const requested = await investigatorB.call('POST', '/api/export-requests', { cameraIds: [w.camB1], from: FROM, to: TO, reason: REASON, basis: { type: 'HOLD', ref: hold.id } });
    expect(requested.statusCode, requested.body).toBe(201);
    const requestId = requested.json<{ id: string }>().id;
    const approverA = await actor(w, w.unitA, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitA } }]);
    refused(await approverA.call('POST', `/api/export-requests/${requestId}/approve`, {}), 403, 'E_NO_CAMERA_PERMISSION');
    expect((await w.t.services.exports.get(requestId)).status).toBe('PENDING');
    expect((await approverA.call('GET', '/api/export-requests')).json<{ id: string }[]>().map((r) => r.id)).not.toContain(requestId);
    // The approver of unit B sees and decides it.
    const approverB = await actor(w, w.unitB, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitB } }]);
    expect((await approverB.call('GET', '/api/export-requests')).json<{ id: string }[]>().map((r) => r.id)).toContain(requestId);
    expect((await approverB.call('POST', `/api/export-requests/${requestId}/approve`, {})).statusCode).toBe(200);
  });

  it("REG-26-2: APPROVE over unit A does not approve unit B's deletion order; an administrator of unit A records, executes, holds and re-sets nothing of unit B's cameras", async () => {
    const recorded = await w.t.call('POST', '/api/retention/orders', { authority: '某县公安局', documentNo: 'D-B1', orderDate: '2025-05-30', article: '26', ranges: [{ cameraId: w.camB1 }] });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const orderId = recorded.json<{ id: string }>().id;
    const adminA = await actor(w, w.unitA, [{ role: 'ADMINISTRATOR', scope: { type: 'UNIT', id: w.unitA } }]);
    const approverOfCamera = await actor(w, w.unitA, [{ role: await roleWith(w, w.unitA, ['APPROVE']), scope: { type: 'CAMERA', id: w.camA1 } }]);
    refused(await adminA.call('POST', `/api/retention/orders/${orderId}/approve`), 403, 'E_OUT_OF_SCOPE');
    refused(await approverOfCamera.call('POST', `/api/retention/orders/${orderId}/approve`), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', `/api/retention/orders/${orderId}/execute`), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.services.retention.orders.get(orderId)).approvals).toEqual([]);
    expect((await adminA.call('GET', '/api/retention/orders')).json<{ id: string }[]>().map((o) => o.id)).not.toContain(orderId);
    refused(await adminA.call('GET', `/api/retention/orders/${orderId}`), 404, 'E_ORDER_NOT_FOUND');

    const order = { authority: '某县公安局', documentNo: 'D-B2', orderDate: '2025-05-30', article: '26', ranges: [{ cameraId: w.camA1 }, { cameraId: w.camB1 }] };
    refused(await adminA.call('POST', '/api/retention/orders', order), 403, 'E_OUT_OF_SCOPE');
    expect((await w.t.services.retention.orders.list()).map((o) => o.documentNo)).toEqual(['D-B1']);
    const hold = { basisType: 'INCIDENT', citation: 'INC-9', owner: '甲管理员', ranges: [{ cameraId: w.camB1 }] };
    refused(await adminA.call('POST', '/api/retention/holds', hold), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('POST', '/api/retention/purposes', { cameraId: w.camB1, from: FROM, to: TO, basisType: 'INCIDENT', ref: 'INC-9' }), 403, 'E_OUT_OF_SCOPE');
    refused(await adminA.call('PUT', `/api/retention/cameras/${w.camB1}`, { priority: 'LOW' }), 403, 'E_OUT_OF_SCOPE');
    expect(await w.t.services.retention.holds.list()).toEqual([]);
    expect(await w.t.services.retention.purposes.list()).toEqual([]);
    // Nor does the retention status show unit B's camera.
    expect((await adminA.call('GET', '/api/retention/status')).json<{ cameraId: string }[]>().map((c) => c.cameraId).sort()).toEqual([w.camA1, w.camA2].sort());
    refused(await adminA.call('GET', `/api/retention/cameras/${w.camB1}`), 404, 'E_CAMERA_NOT_FOUND');
    // Over its own camera, the same administrator holds footage.
    expect((await adminA.call('POST', '/api/retention/holds', { ...hold, ranges: [{ cameraId: w.camA1 }] })).statusCode).toBe(201);
  });
});
