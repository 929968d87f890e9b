/**
 * The background jobs: the register, the history and the ledger verified every `verifyEveryMinutes` (a tampered
 * database is noticed without anyone asking: VERIFICATION_FAILED by 'scheduled'), the identity check
 * every `identityCheckMinutes`, the state alarms swept every minute; nothing with 0.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AlarmRecord } from '../../../src/events/alarm-model.ts';
import { startSecuritySchedule } from '../../../src/events/security/security-schedule.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { dropTriggers, playbackContent, REASON } from '../../access/register-support.ts';

describe('security schedule', () => {
  let t: TestApp;
  const log = { error: vi.fn() };

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    await t.services.register.open(t.admin.principal, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    await t.services.register.open(t.admin.principal, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  const failures = async () => (await t.services.alarms.list(t.admin.principal, { kind: 'VERIFICATION_FAILED' })).filter((a: AlarmRecord) => a.details.by === 'scheduled');

  it('verifies the register, the history and the ledger on the schedule and raises VERIFICATION_FAILED when they do not hold', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const identities = vi.fn(async () => []);
    const schedule = startSecuritySchedule(
      { db: t.db.db, register: t.services.register, history: t.services.history, security: t.services.security, dataDir: t.dataDir, checkIdentities: identities, log },
      { verifyEveryMinutes: 2, identityCheckMinutes: 0 },
    );
    vi.advanceTimersByTime(2 * 60_000);
    await schedule.settled();
    await t.services.security.settled();
    expect(await failures()).toEqual([]);

    await dropTriggers(t.db);
    await t.db.db.updateTable('accessRegister').set({ actorName: '无名氏' }).where('seq', '=', 2).execute();
    await sql`drop trigger history_no_update`.execute(t.db.db);
    await t.db.db.updateTable('history').set({ actor: 'mallory' }).where('seq', '=', 1).execute();
    vi.advanceTimersByTime(2 * 60_000);
    await schedule.settled();
    await t.services.security.settled();
    expect((await failures()).map((a) => [a.subject, a.details.firstBadSeq]).sort()).toEqual([
      ['HISTORY', 1],
      // The ledger check names its first problem: the register's entry 2, checked before the history.
      ['LEDGER', 2],
      ['REGISTER', 2],
    ]);
    expect(identities).not.toHaveBeenCalled();
    expect(log.error).not.toHaveBeenCalled();
    schedule.stop();
  });
});
