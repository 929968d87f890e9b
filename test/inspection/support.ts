/** A unit with two systems, cameras, a sign, register entries in May and June, and inspector account I1 over S1. */
import path from 'node:path';
import { expect } from 'vitest';
import type { Principal } from '../../src/access/principal.ts';
import { makeUser } from '../support/access.ts';
import { readPdf } from '../support/pdf.ts';
import { builtInRoleId, type BuiltInRoleKey } from '../../src/access/built-in-roles.ts';
import { approvedRoleOf } from '../../src/access/grants/grant-snapshot.ts';
import { rolesRepository } from '../../src/access/repositories.ts';
import { newId } from '../../src/shared/ids.ts';
import { TEST_PASSWORD, type SignedIn, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite, siteBody } from '../support/fixtures.ts';

export const ARTIFACTS = path.resolve('test-artifacts/inspection');

export interface World {
  unitId: string;
  s1: string;
  s2: string;
  s1Cameras: string[];
  s2Camera: string;
  inspector: { accountId: string; userId: string; grantIds: string[] };
}

const VIEWER: Omit<Principal, 'userId' | 'username'> = { displayName: '张三', unitId: null, unitName: '某商场安保部', kind: 'STAFF', via: 'session', clientAddress: '10.0.0.8' };

async function playback(t: TestApp, cameraId: string, at: string): Promise<void> {
  t.clock.set(at);
  await t.services.register.open(
    { ...VIEWER, userId: t.admin.userId, username: t.admin.username },
    { operation: 'PLAYBACK', reason: { category: 'INCIDENT_INVESTIGATION', text: '顾客报失手机核查 INC-12' }, content: { cameraIds: [cameraId], ranges: [{ cameraId, from: at, to: at }], operation: 'PLAYBACK' } },
  );
}

export const I1 = {
  username: 'inspector.i1',
  officerName: '赵警官',
  organ: '杭州市公安局西湖区分局',
  warrantRef: '西公(治)检字〔2025〕12号',
  validFrom: '2025-06-01T00:00:00.000Z',
  validTo: '2025-06-10T00:00:00.000Z',
};

export async function buildWorld(t: TestApp): Promise<World> {
  const { unit, site } = await seedSite(t);
  const s2 = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, { name: '商场B2' }));
  const c1 = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
  const c2 = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: '入口2', position: { x: 20, y: 5 }, retentionDays: 45 }));
  const c3 = await created<{ id: string }>(t, '/api/cameras', cameraBody(s2.id, unit.id, { name: 'B2入口' }));
  await created(t, '/api/signs', { siteId: site.id, location: '商场B1入口', cameraIds: [c1.id], languages: ['zh', 'en'], photoRef: 'sign-photo-1.jpg' });
  const now = t.clock.now().toISOString();
  await playback(t, c1.id, '2025-05-03T02:00:00.000Z');
  await playback(t, c2.id, '2025-05-20T06:00:00.000Z');
  await playback(t, c3.id, '2025-05-21T06:00:00.000Z');
  await playback(t, c1.id, '2025-06-01T01:00:00.000Z');
  t.clock.set(now);
  const response = await t.call('POST', '/api/inspector-accounts', { ...I1, password: TEST_PASSWORD, scope: { type: 'SITE', siteIds: [site.id] } });
  expect(response.statusCode, response.body).toBe(201);
  const account = response.json<{ id: string; userId: string; state: string; grants: { id: string; status: string }[] }>();
  expect(account.state).toBe('PENDING');
  // A second administrator approves the INSPECTOR grant (REG-16-3: nobody approves their own request).
  const second = await makeUser(t, { grants: [{ role: 'ADMINISTRATOR' }], person: { unitId: unit.id } });
  for (const grant of account.grants) {
    const approved = await t.call('POST', `/api/grants/${grant.id}/approve`, {}, await t.tokenHeaders(second.userId));
    expect(approved.statusCode, approved.body).toBe(200);
  }
  return { unitId: unit.id, s1: site.id, s2: s2.id, s1Cameras: [c1.id, c2.id], s2Camera: c3.id, inspector: { accountId: account.id, userId: account.userId, grantIds: account.grants.map((g) => g.id) } };
}

export async function signInInspector(t: TestApp): Promise<SignedIn> {
  const signed = await t.signIn(I1.username, TEST_PASSWORD);
  expect(signed.response.statusCode, signed.response.body).toBe(200);
  return signed;
}

/** The PDF's text layer as poppler reads it, and its first page rendered to test-artifacts/inspection/<name>-1.png. */
export function pdfText(pdf: Buffer, name: string): string {
  return readPdf(pdf, { render: path.join(ARTIFACTS, name) }).text;
}

/** An ACTIVE grant given to an existing user directly (as test/support/access.ts does for new users). */
export async function grantDirectly(t: TestApp, userId: string, role: BuiltInRoleKey, scope: { type: 'SITE' | 'CAMERA'; id: string }): Promise<void> {
  const record = await rolesRepository.get(t.db.db, builtInRoleId(role));
  if (!record) throw new Error(`no role ${role}`);
  const now = t.clock.now().toISOString();
  await t.db.db
    .insertInto('grants')
    .values({
      id: newId('grant'),
      userId,
      roleId: record.id,
      scopeType: scope.type,
      scopeId: scope.id,
      status: 'ACTIVE',
      validFrom: '2000-01-01T00:00:00.000Z',
      validTo: null,
      reason: 'test fixture',
      requestedBy: 'fixture',
      requestedAt: now,
      decidedBy: 'fixture-approver',
      decidedAt: now,
      decisionNote: null,
      revokedBy: null,
      revokedAt: null,
      approvedRole: JSON.stringify(approvedRoleOf(record)),
      scopeCameraIds: null,
    })
    .execute();
}
