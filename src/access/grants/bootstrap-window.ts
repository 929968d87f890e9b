/**
 * The bootstrap window (issue 10): four eyes everywhere leaves a fresh server with one administrator and
 * nobody to approve a second. For BOOTSTRAP_WINDOW_HOURS after setup, the first administrator's request
 * of an ADMINISTRATOR grant over ALL for another user is in force on creation, decided by
 * SYSTEM_BOOTSTRAP_WINDOW, once; after that, or after the window, every grant needs a second person.
 */
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import { SYSTEM_SETUP } from './bootstrap-grant.ts';

export const BOOTSTRAP_WINDOW_HOURS = 24;
export const SYSTEM_BOOTSTRAP_WINDOW = 'SYSTEM_BOOTSTRAP_WINDOW';

export interface BootstrapWindow {
  firstAdministratorId: string;
  openedAt: string;
  until: string;
  /** Open: within the hours and not yet used. */
  open: boolean;
  /** The grant the window activated, once used. */
  usedFor: string | null;
}

/** The window of this server's setup; undefined before setup. */
export async function bootstrapWindow(db: Db, now: Date): Promise<BootstrapWindow | undefined> {
  const setupGrant = await db
    .selectFrom('grants')
    .select(['userId', 'decidedAt'])
    .where('requestedBy', '=', SYSTEM_SETUP)
    .orderBy('decidedAt')
    .executeTakeFirst();
  if (!setupGrant?.decidedAt) return undefined;
  const until = new Date(Date.parse(setupGrant.decidedAt) + BOOTSTRAP_WINDOW_HOURS * 3_600_000).toISOString();
  const used = await db.selectFrom('grants').select('id').where('decidedBy', '=', SYSTEM_BOOTSTRAP_WINDOW).executeTakeFirst();
  return {
    firstAdministratorId: setupGrant.userId,
    openedAt: setupGrant.decidedAt,
    until,
    open: !used && now.toISOString() < until,
    usedFor: used?.id ?? null,
  };
}

/** Written at setup, next to the bootstrap grant: when the window closes. */
export async function recordBootstrapWindow(tx: Db, setupGrantId: string, userId: string, now: Date): Promise<void> {
  const until = new Date(now.getTime() + BOOTSTRAP_WINDOW_HOURS * 3_600_000).toISOString();
  await historyRepository.append(tx, {
    entityType: 'grant',
    entityId: setupGrantId,
    action: 'open-bootstrap-window',
    actor: SYSTEM_SETUP,
    at: now.toISOString(),
    before: null,
    after: { until, firstAdministratorId: userId },
    reason: `首位管理员可在 ${until} 前直接授予一名第二管理员 / until ${until} the first administrator may make one second administrator directly`,
  });
}
