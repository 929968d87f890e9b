/**
 * The security signals as alarms: refused video requests and export volume per user above the
 * thresholds (REG-16-7, art. 23(4)), a failed verification of the access register or the ledger
 * (art. 23(5), from the route and from the background check), brute force per address; and the
 * state alarms end once the window has passed quietly or the legal day is over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../src/events/alarm-model.ts';
import { checkLedger } from '../../../src/events/security/ledger-check.ts';
import { SecuritySignals } from '../../../src/events/security/security-signals.ts';
import { makeUser } from '../../support/access.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';
import { dropTriggers } from '../../access/register-support.ts';

const REASON = { category: 'INCIDENT_INVESTIGATION', text: '顾客报失手机,核查收银台录像' };

describe.each(DIALECTS)('security signals (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;

  const alarmsOf = async (kind: string): Promise<AlarmRecord[]> => {
    await t.services.security.settled();
    const listed = await t.call('GET', `/api/alarms?kind=${kind}`);
    expect(listed.statusCode, listed.body).toBe(200);
    return listed.json<AlarmRecord[]>();
  };

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
  });
  afterAll(() => t.close());

  it('REG-16-7: five refused video requests of one user in 10 minutes raise MEDIA_REFUSALS on the user; it ends after a quiet window', async () => {
    const operator = await makeUser(t, { username: 'curious_operator', unitId: world.A.unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA', id: world.cameras.A1 } }] });
    const headers = await t.tokenHeaders(operator.userId);
    const from = '2025-06-01T01:00:00.000Z';
    const to = '2025-06-01T01:10:00.000Z';
    for (let i = 0; i < 4; i++) {
      const refused = await t.call('POST', '/api/access/playback', { cameraId: world.cameras.B1, from, to, reason: REASON }, headers);
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(await alarmsOf('MEDIA_REFUSALS')).toEqual([]);
    await t.call('POST', '/api/access/playback', { cameraId: world.cameras.B1, from, to, reason: REASON }, headers);
    const [alarm] = await alarmsOf('MEDIA_REFUSALS');
    expect(alarm).toMatchObject({ subject: 'curious_operator', category: 'SECURITY', article: '23(4)', endedAt: null, details: { refusals: 5, threshold: 5, userId: operator.userId } });

    await t.services.security.tick();
    expect((await alarmsOf('MEDIA_REFUSALS'))[0]?.endedAt).toBeNull();
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 60_000));
    await t.services.security.tick();
    expect((await alarmsOf('MEDIA_REFUSALS'))[0]?.endedAt).toBe(t.clock.now().toISOString());
  });

  it('REG-16-7: more exports than allowed per legal day, or more bytes, raise EXPORT_VOLUME_EXCEEDED; the next day it ends', async () => {
    const investigator = await makeUser(t, { username: 'bulk_exporter', unitId: world.A.unitId, grants: [{ role: 'INVESTIGATOR' }] });
    const principal = { ...investigator.principal, clientAddress: '10.0.0.7' };
    const exportOf = (bytes: number) =>
      t.services.register.open(principal, {
        operation: 'EXPORT',
        reason: REASON,
        content: { cameraIds: [world.cameras.A1], ranges: [{ cameraId: world.cameras.A1, from: '2025-06-01T01:00:00Z', to: '2025-06-01T01:05:00Z' }], operation: 'EXPORT', fileHashes: [{ file: 'x.tar', bytes, sha256: 'a'.repeat(64) }] },
      });
    for (let i = 0; i < 5; i++) await exportOf(1000);
    expect(await alarmsOf('EXPORT_VOLUME_EXCEEDED')).toEqual([]);
    await exportOf(1000);
    const [alarm] = await alarmsOf('EXPORT_VOLUME_EXCEEDED');
    expect(alarm).toMatchObject({ subject: 'bulk_exporter', endedAt: null, details: { exports: 6, bytes: 6000, exportsPerDay: 5 } });

    // Bytes alone: a tighter byte threshold (1 MiB a day) on a second watcher of the same register.
    const strict = new SecuritySignals({ db: t.db.db, clock: t.clock, sink: t.services.alarms, register: t.services.register, usernameOf: async () => 'bulk_exporter', thresholds: { exportsPerDay: 100, exportMegabytesPerDay: 1 } });
    t.services.register.watch(strict);
    await t.services.alarms.resolve('EXPORT_VOLUME_EXCEEDED', 'bulk_exporter');
    await exportOf(2 * 1_048_576);
    await strict.settled();
    const open = (await alarmsOf('EXPORT_VOLUME_EXCEEDED')).filter((a) => a.endedAt === null);
    expect(open.map((a) => a.details.bytes)).toContain(6000 + 2 * 1_048_576);

    t.clock.set(new Date(t.clock.now().getTime() + 24 * 3_600_000));
    await t.services.security.tick();
    expect((await alarmsOf('EXPORT_VOLUME_EXCEEDED')).every((a) => a.endedAt !== null)).toBe(true);
  });

  it('art. 23(5): a register edited behind the application raises VERIFICATION_FAILED (CRITICAL, instant) naming the first bad entry, from the route and from the ledger check', async () => {
    await t.services.register.open(t.admin.principal, { operation: 'PLAYBACK', reason: REASON, content: { cameraIds: [world.cameras.A1], ranges: [{ cameraId: world.cameras.A1, from: '2025-06-01T01:00:00Z', to: '2025-06-01T01:05:00Z' }], operation: 'PLAYBACK' } });
    const good = await t.call('GET', '/api/register/verify');
    expect(good.json()).toMatchObject({ ok: true });
    expect(await alarmsOf('VERIFICATION_FAILED')).toEqual([]);

    await dropTriggers(t.db);
    await t.db.db.updateTable('accessRegister').set({ reasonText: '改过的事由,掩盖调阅' }).where('seq', '=', 2).execute();
    const bad = await t.call('GET', '/api/register/verify');
    expect(bad.json()).toMatchObject({ ok: false, firstBad: { seq: 2 } });
    const [register] = await alarmsOf('VERIFICATION_FAILED');
    expect(register).toMatchObject({ severity: 'CRITICAL', article: '23(5)', subject: 'REGISTER', details: { what: 'REGISTER', firstBadSeq: 2, problem: 'ENTRY_HASH_MISMATCH', by: 'tester' } });
    expect(register?.endedAt).toBe(register?.startedAt);

    const ledger = await checkLedger(t.db.db, t.services.security, { dataDir: t.dataDir, by: 'scheduled' });
    expect(ledger.ok).toBe(false);
    const fromLedger = (await alarmsOf('VERIFICATION_FAILED')).find((a) => a.subject === 'LEDGER');
    expect(fromLedger).toMatchObject({ details: { what: 'LEDGER', by: 'scheduled', firstBadSeq: 2, problem: 'REGISTER_CHAIN:ENTRY_HASH_MISMATCH' } });
  });

  it('GET /api/settings shows the thresholds and the syslog target read-only, never a credential', async () => {
    const settings = (await t.call('GET', '/api/settings')).json<{ security: Record<string, unknown>; syslog: Record<string, unknown> }>();
    expect(settings.security).toMatchObject({ mediaRefusals: 5, exportsPerDay: 5, verifyEveryMinutes: 60, identityCheckMinutes: 60, defaultCredentialCheck: true, defaultCredentialList: 'BUILT_IN' });
    expect(settings.syslog).toEqual({ enabled: false, categories: ['SECURITY'] });
    expect(JSON.stringify(settings)).not.toContain('12345');
  });

  it('art. 23(3): failures from one address across many names raise SECURITY_BRUTE_FORCE on the address', async () => {
    const signals = new SecuritySignals({ db: t.db.db, clock: t.clock, sink: t.services.alarms, register: t.services.register, usernameOf: async () => undefined, thresholds: { bruteForceAddressFailures: 3, bruteForceAccountFailures: 100 } });
    for (const name of ['alice', 'bob']) signals.signInFailed({ username: name, address: '203.0.113.9', consecutive: 1, lockedUntil: null });
    await signals.settled();
    expect((await alarmsOf('SECURITY_BRUTE_FORCE')).filter((a) => a.subject === '203.0.113.9')).toEqual([]);
    signals.signInFailed({ username: 'carol', address: '203.0.113.9', consecutive: 1, lockedUntil: null });
    await signals.settled();
    const [alarm] = (await alarmsOf('SECURITY_BRUTE_FORCE')).filter((a) => a.subject === '203.0.113.9');
    expect(alarm).toMatchObject({ details: { trigger: 'ADDRESS_FAILURES', address: '203.0.113.9', lastAccount: 'carol', failuresInWindow: 3 } });
    expect(JSON.stringify(alarm)).not.toMatch(/password/i);
  });
});
