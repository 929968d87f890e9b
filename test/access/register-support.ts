/** A migrated database with the register service on a fixed clock, and principals that need no user rows. */
import { sql } from 'kysely';
import type { Principal } from '../../src/access/principal.ts';
import { RegisterService } from '../../src/access/register/register-service.ts';
import type { DbDialect, DbHandle } from '../../src/db/connect.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openTestDb } from '../support/db.ts';

export interface RegisterEnv {
  handle: DbHandle;
  clock: ReturnType<typeof fixedClock>;
  register: RegisterService;
  close(): Promise<void>;
}

export async function openRegisterEnv(dialect: DbDialect): Promise<RegisterEnv> {
  const handle = await openTestDb(dialect);
  const clock = fixedClock('2025-05-01T03:00:00Z');
  return { handle, clock, register: new RegisterService({ db: handle.db, clock }), close: () => handle.close() };
}

export function principal(userId: string, displayName: string, unitName: string, extra: Partial<Principal> = {}): Principal {
  return { userId, username: userId, displayName, unitId: `unit_${userId}`, unitName, kind: 'STAFF', via: 'session', clientAddress: '10.0.0.8', ...extra };
}

export const ZHANG = principal('usr_zhang', '张三', '某商场安保部');
export const LI = principal('usr_li', '李四', '某商场监控中心');

export const REASON = { category: 'INCIDENT_INVESTIGATION', text: '顾客报失手机核查 INC-12' };

export function playbackContent(cameraId: string, from = '2025-05-01T02:00:00.000Z', to = '2025-05-01T02:30:00.000Z') {
  return { cameraIds: [cameraId], ranges: [{ cameraId, from, to }], operation: 'PLAYBACK' as const };
}

/** What an attacker with database access does first. */
export async function dropTriggers(handle: DbHandle): Promise<void> {
  if (handle.dialect === 'postgres') await sql`drop trigger access_register_append_only on access_register`.execute(handle.db);
  else {
    await sql`drop trigger access_register_no_update`.execute(handle.db);
    await sql`drop trigger access_register_no_delete`.execute(handle.db);
  }
}
