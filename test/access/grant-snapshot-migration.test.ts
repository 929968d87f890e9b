/** Migration 0011: grants in force before the upgrade are frozen with their role and group as they were. */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/connect.ts';
import { builtInRoleId } from '../../src/access/built-in-roles.ts';
import { grantsRepository } from '../../src/access/grants/grants-repository.ts';
import { makeUser } from '../support/access.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, withSchemaLock } from '../support/db.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

describe.each(DIALECTS)('migration 0011_grant_snapshots (%s)', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  const migrating = async (run: () => Promise<unknown>) => {
    if (dialect === 'sqlite') return run();
    return withSchemaLock(inject('pgUrl')!, 'shared', run);
  };

  it('snapshots the role and the camera group of every ACTIVE grant; pending ones stay unapproved', async () => {
    t = await openTestApp(dialect, { at: '2025-06-01T02:00:00Z' });
    const { unit, site } = await seedSite(t);
    const c1 = (await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: 'C1' }))).id;
    const group = await t.services.cameraGroups.create({ unitId: unit.id, name: 'G1', cameraIds: [c1] }, { name: 'tester' });
    const o1 = await makeUser(t, { unitId: unit.id, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: group.id } }] });
    const pending = await t.services.grants.request({ userId: o1.userId, roleId: builtInRoleId('AUDITOR'), scopeType: 'ALL', reason: '内部审计' }, t.admin.principal);

    await migrating(() => migrateTo(t!.db, '0009_retention'));
    await migrating(() => migrateToLatest(t!.db));

    const grants = await grantsRepository.list(t.db.db, { userId: o1.userId });
    expect(grants).toHaveLength(2);
    expect(grants).toEqual(expect.arrayContaining([
      expect.objectContaining({ status: 'ACTIVE', approvedRole: { actions: ['LIVE', 'PLAYBACK', 'PTZ'], importantPosition: true, requireTotp: false, playbackDepthHours: 24 }, scopeCameraIds: [c1] }),
      expect.objectContaining({ id: pending.id, status: 'PENDING', approvedRole: null, scopeCameraIds: null }),
    ]));
    const [bootstrap] = await grantsRepository.list(t.db.db, { userId: t.admin.userId });
    expect(bootstrap).toMatchObject({ status: 'ACTIVE', approvedRole: { actions: expect.arrayContaining(['APPROVE', 'CONFIG']) }, scopeCameraIds: null });
    await expect(t.services.authorization.requireCamera(o1.principal, 'LIVE', c1)).resolves.toMatchObject({ grantId: grants.find((g) => g.status === 'ACTIVE')!.id });
  });
});
