/**
 * A full disk does not take the API down: a signed-in request whose session touch (last-seen time) the
 * database refuses as full still gets its answer, the failure logged once; a change the disk refuses
 * answers 507 E_STORAGE_FULL, not 500.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { unitBody } from '../support/fixtures.ts';
import { fillDatabase } from '../support/full-database.ts';

describe.each(DIALECTS)('signed-in requests on a full disk (%s)', (dialect) => {
  let t: TestApp;
  const logged: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  beforeEach(async () => {
    logged.length = 0;
    t = await openTestApp(dialect, { services: { accessLog: (level, message, fields) => logged.push({ level, message, ...(fields ? { fields } : {}) }) } });
  });
  afterEach(async () => t.close());

  const lastSeen = async () => (await t.db.db.selectFrom('sessions').select('lastSeenAt').executeTakeFirstOrThrow()).lastSeenAt;

  it('answers while the session touch fails with the database full, logs it once, touches again once there is room', async () => {
    const { headers } = await t.signIn('tester', TEST_PASSWORD);
    const signedInAt = await lastSeen();
    const full = await fillDatabase(t.db, [
      { table: 'sessions', event: 'UPDATE' },
      { table: 'units', event: 'INSERT' },
    ]);
    t.clock.set('2025-06-01T02:05:00Z');
    const session = await t.call('GET', '/api/auth/session', undefined, headers);
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { username: 'tester' }, via: 'session' });
    t.clock.set('2025-06-01T02:07:00Z');
    expect((await t.call('GET', '/api/units', undefined, headers)).statusCode).toBe(200);
    expect(await lastSeen()).toBe(signedInAt);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'warn', fields: { error: expect.stringMatching(dialect === 'sqlite' ? /database or disk is full/ : /No space left on device/) } });

    // A change the full disk refuses: 507 with a stable code, not 500.
    const refused = await t.call('POST', '/api/units', unitBody());
    expect(refused.statusCode).toBe(507);
    expect(refused.json()).toMatchObject({ code: 'E_STORAGE_FULL', messages: { zh: expect.stringContaining('存储空间已满'), en: expect.stringContaining('Storage is full') } });

    await full.free();
    t.clock.set('2025-06-01T02:09:00Z');
    expect((await t.call('GET', '/api/units', undefined, headers)).statusCode).toBe(200);
    expect(await lastSeen()).toBe('2025-06-01T02:09:00.000Z');
    expect(logged).toHaveLength(1);
    expect((await t.call('POST', '/api/units', unitBody())).statusCode).toBe(201);
  });
});
