import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';
import { makeUser } from '../support/access.ts';
import { builtInRoleId } from '../../src/access/built-in-roles.ts';
import type { DomainError } from '../../src/shared/errors.ts';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe.each(DIALECTS)('authorisation (%s)', (dialect) => {
  let t: TestApp;
  let unitId: string;
  let siteId: string;
  let c1: string;
  let c7: string;
  let g1: string;

  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-06-01T02:00:00Z' });
    const seeded = await seedSite(t);
    unitId = seeded.unit.id;
    siteId = seeded.site.id;
    c1 = (await created<{ id: string }>(t, '/api/cameras', cameraBody(siteId, unitId, { name: 'C1' }))).id;
    c7 = (await created<{ id: string }>(t, '/api/cameras', cameraBody(siteId, unitId, { name: 'C7', position: { x: 16, y: 5 } }))).id;
    g1 = (await t.services.cameraGroups.create({ unitId, name: 'G1', cameraIds: [c1] }, { name: 'tester' })).id;
  });
  afterEach(async () => t.close());

  it('REG-16-2 (1): granting an important-position role to someone without personnel records is refused, naming what is missing', async () => {
    const admin = await makeUser(t, { unitId, grants: [{ role: 'ADMINISTRATOR' }] });
    const u1 = await makeUser(t, { unitId, person: null });
    const error = await refusal(
      t.services.grants.request({ userId: u1.userId, roleId: builtInRoleId('MONITOR_OPERATOR'), scopeType: 'ALL', reason: '值班监看岗位' }, admin.principal),
    );
    expect(error.code).toBe('E_PERSONNEL_PREREQ');
    expect(error.kind).toBe('INVALID');
    expect(error.details?.missing).toEqual(expect.arrayContaining(['entryVetting', 'confidentialityEducation', 'jobTraining']));
    // An auditor is not an important position: no prerequisites needed.
    const granted = await t.services.grants.request(
      { userId: u1.userId, roleId: builtInRoleId('AUDITOR'), scopeType: 'ALL', reason: '内部审计' },
      admin.principal,
    );
    expect(granted.status).toBe('PENDING');
  });

  it('REG-16-2 (2): lapsed training suspends live view with E_TRAINING_LAPSED and raises a finding', async () => {
    const u1 = await makeUser(t, { unitId, person: { jobTrainingAt: '2024-06-01' }, grants: [{ role: 'MONITOR_OPERATOR' }] });
    t.clock.set('2025-06-01T00:00:00+08:00');
    await expect(t.services.authorization.requireCamera(u1.principal, 'LIVE', c1)).resolves.toMatchObject({ roleKey: 'MONITOR_OPERATOR' });
    t.clock.set('2025-06-02T00:00:00+08:00');
    const error = await refusal(t.services.authorization.requireCamera(u1.principal, 'LIVE', c1));
    expect([error.kind, error.code]).toEqual(['FORBIDDEN', 'E_TRAINING_LAPSED']);
    const report = await t.services.compliance.report();
    const finding = report.unitFindings.find((f) => f.ruleId === 'REG-16-2');
    expect(finding).toMatchObject({ code: 'TRAINING_LAPSED', severity: 'NONCOMPLIANT', details: { userId: u1.userId } });
    expect(report.counts.NONCOMPLIANT).toBeGreaterThanOrEqual(1);
  });

  it('REG-16-3 (1): PLAYBACK on group G1 does not reach a camera outside it', async () => {
    const o1 = await makeUser(t, { unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: g1 } }] });
    await expect(t.services.authorization.requireCamera(o1.principal, 'PLAYBACK', c1)).resolves.toMatchObject({ cameraId: c1, playbackDepthHours: 24 });
    const error = await refusal(t.services.authorization.requireCamera(o1.principal, 'PLAYBACK', c7));
    expect([error.kind, error.code]).toEqual(['FORBIDDEN', 'E_NO_CAMERA_PERMISSION']);
    // Nor an action the role does not have.
    expect((await refusal(t.services.authorization.requireCamera(o1.principal, 'EXPORT', c1))).code).toBe('E_NO_CAMERA_PERMISSION');
    expect((await refusal(t.services.authorization.requireAction(o1.principal, 'CONFIG'))).code).toBe('E_ACTION_NOT_GRANTED');
  });

  it('REG-16-3 (2): nobody approves a grant they requested or one for themselves; another approver can', async () => {
    const a1 = await makeUser(t, { unitId, grants: [{ role: 'ADMINISTRATOR' }] });
    const a2 = await makeUser(t, { unitId, grants: [{ role: 'ADMINISTRATOR' }] });
    const u1 = await makeUser(t, { unitId });
    const grant = await t.services.grants.request(
      { userId: u1.userId, roleId: builtInRoleId('INVESTIGATOR'), scopeType: 'SITE', scopeId: siteId, reason: '事件调查' },
      a1.principal,
    );
    const own = await refusal(t.services.grants.approve(grant.id, {}, a1.principal));
    expect([own.kind, own.code]).toEqual(['CONFLICT', 'E_SELF_APPROVAL']);
    const forSelf = await refusal(t.services.grants.approve(grant.id, {}, u1.principal));
    expect(forSelf.code).toBe('E_SELF_APPROVAL');
    await expect(t.services.authorization.requireCamera(u1.principal, 'PLAYBACK', c1)).rejects.toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });

    const approved = await t.services.grants.approve(grant.id, { note: '同意' }, a2.principal);
    expect(approved).toMatchObject({ status: 'ACTIVE', decidedBy: a2.userId, requestedBy: a1.userId });
    await expect(t.services.authorization.requireCamera(u1.principal, 'PLAYBACK', c1)).resolves.toMatchObject({ grantId: grant.id });
    expect((await refusal(t.services.grants.approve(grant.id, {}, a2.principal))).code).toBe('E_GRANT_NOT_PENDING');

    await t.services.grants.revoke(grant.id, { reason: '调查结束' }, a1.principal);
    await expect(t.services.authorization.requireCamera(u1.principal, 'PLAYBACK', c1)).rejects.toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });
    const history = await t.services.history.list({ entityType: 'grant', entityId: grant.id });
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ['request', a1.principal.username],
      ['approve', a2.principal.username],
      ['revoke', a1.principal.username],
    ]);
  });

  it('REG-19-2: contractors never get export, play back at most 1 h, and lose access when the commission ends', async () => {
    const admin = await makeUser(t, { unitId, grants: [{ role: 'ADMINISTRATOR' }] });
    const k1 = await makeUser(t, {
      unitId,
      kind: 'CONTRACTOR',
      validUntil: '2025-12-31T16:00:00.000Z',
      person: { contractorUndertakingAt: '2025-01-01' },
      grants: [{ role: 'CONTRACTOR' }],
    });
    const investigator = await refusal(
      t.services.grants.request({ userId: k1.userId, roleId: builtInRoleId('INVESTIGATOR'), scopeType: 'ALL', reason: '设备维护检修' }, admin.principal),
    );
    expect([investigator.code, investigator.article]).toEqual(['E_CONTRACTOR_EXPORT_FORBIDDEN', '19']);
    const exportAttempt = await refusal(t.services.authorization.requireCamera(k1.principal, 'EXPORT', c1));
    expect([exportAttempt.kind, exportAttempt.code]).toEqual(['FORBIDDEN', 'E_CONTRACTOR_EXPORT_FORBIDDEN']);
    await expect(t.services.authorization.requireCamera(k1.principal, 'LIVE', c1)).resolves.toMatchObject({ roleKey: 'CONTRACTOR' });
    const maintenance = await t.services.grants.request(
      { userId: k1.userId, roleId: builtInRoleId('CONTRACTOR'), scopeType: 'CAMERA', scopeId: c7, reason: '镜头调焦维护' },
      admin.principal,
    );
    expect(maintenance.validTo).toBe('2025-12-31T16:00:00.000Z');
    t.clock.set('2026-01-01T00:00:01+08:00');
    expect((await refusal(t.services.authorization.requireCamera(k1.principal, 'LIVE', c1))).code).toBe('E_COMMISSION_EXPIRED');
  });

  it('an API token acts only within its scopes', async () => {
    const admin = await makeUser(t, { unitId, grants: [{ role: 'ADMINISTRATOR' }], tokenScopes: ['READ', 'AUDIT'] });
    await expect(t.services.authorization.requireRead(admin.principal)).resolves.toBeUndefined();
    await expect(t.services.authorization.requireAction(admin.principal, 'AUDIT')).resolves.toBeUndefined();
    expect((await refusal(t.services.authorization.requireAction(admin.principal, 'CONFIG'))).code).toBe('E_TOKEN_SCOPE');
    expect((await refusal(t.services.authorization.requireCamera(admin.principal, 'PLAYBACK', c1))).code).toBe('E_TOKEN_SCOPE');
  });

  it('built-in roles stay as shipped (only a second factor may be required); a copy can change', async () => {
    const actor = { name: 'tester' };
    await expect(t.services.roles.update(builtInRoleId('MONITOR_OPERATOR'), { playbackDepthHours: 48 }, actor)).rejects.toMatchObject({
      code: 'E_BUILT_IN_ROLE',
    });
    await expect(t.services.roles.update(builtInRoleId('MONITOR_OPERATOR'), { requireTotp: true }, actor)).resolves.toMatchObject({ requireTotp: true });
    const copy = await t.services.roles.create({ copyOf: builtInRoleId('MONITOR_OPERATOR'), unitId, name: '夜班监看员' }, actor);
    expect(copy).toMatchObject({ builtIn: false, key: null, copiedFrom: builtInRoleId('MONITOR_OPERATOR'), actions: ['LIVE', 'PLAYBACK', 'PTZ'] });
    const changed = await t.services.roles.update(copy.id, { playbackDepthHours: 12, actions: ['LIVE'] }, actor);
    expect(changed).toMatchObject({ playbackDepthHours: 12, actions: ['LIVE'] });
    const o2 = await makeUser(t, { unitId, grants: [{ role: { roleId: copy.id }, scope: { type: 'SITE', id: siteId } }] });
    await expect(t.services.authorization.requireCamera(o2.principal, 'LIVE', c7)).resolves.toMatchObject({ roleId: copy.id });
    expect((await refusal(t.services.authorization.requireCamera(o2.principal, 'PLAYBACK', c7))).code).toBe('E_NO_CAMERA_PERMISSION');
  });

  it('REG-16-8: a duty shift covers the cameras of its group, only while it runs', async () => {
    const o1 = await makeUser(t, { unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'SITE', id: siteId } }] });
    await t.services.dutyShifts.create(
      { code: 'SH1', userId: o1.userId, cameraGroupId: g1, startsAt: '2025-06-01T08:00:00+08:00', endsAt: '2025-06-01T20:00:00+08:00' },
      { name: 'tester' },
    );
    t.clock.set('2025-06-01T09:00:00+08:00');
    expect(await t.services.authorization.dutyShiftFor(o1.principal, c1)).toMatchObject({ code: 'SH1' });
    expect(await t.services.authorization.dutyShiftFor(o1.principal, c7)).toBeNull();
    t.clock.set('2025-06-01T21:00:00+08:00');
    expect(await t.services.authorization.dutyShiftFor(o1.principal, c1)).toBeNull();
  });
});
