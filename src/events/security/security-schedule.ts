/**
 * The server's security jobs: every minute the state alarms that are over end (SecuritySignals.tick);
 * every `verifyEveryMinutes` the access register, the administration history and the ledger are
 * verified in the background (a failure raises VERIFICATION_FAILED); every `identityCheckMinutes`
 * each camera's identity is checked.
 */
import type { Db } from '../../db/connect.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import type { HistoryService } from '../../registry/services/history.ts';
import { checkLedger } from './ledger-check.ts';
import type { SegmentReader } from '../../recording/segment-store.ts';
import type { SecuritySignals } from './security-signals.ts';
import { soleProcess, type Leadership } from '../../cluster/leadership.ts';

export interface SecuritySchedule {
  stop(): void;
  /** Resolves once the jobs running now have finished. */
  settled(): Promise<void>;
}

export interface SecurityScheduleDeps {
  db: Db;
  register: RegisterService;
  /** The administration history, verified with the register (its chain is in the ledger check too). */
  history?: Pick<HistoryService, 'verify'>;
  security: SecuritySignals;
  dataDir: string;
  /** Where segment bytes are read for the ledger check; the local segments folder when absent. */
  segments?: SegmentReader | undefined;
  anchorFile?: string | undefined;
  /** The camera identity check (src/devices/identity); none: not scheduled. */
  checkIdentities?: () => Promise<unknown>;
  log: { error(obj: unknown, msg: string): void };
  /** In a cluster only the leader runs these jobs. */
  leadership?: Leadership;
}

export function startSecuritySchedule(deps: SecurityScheduleDeps, options: { verifyEveryMinutes: number; identityCheckMinutes: number }): SecuritySchedule {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  const every = (minutes: number, name: string, job: () => Promise<unknown>) => {
    if (minutes <= 0) return;
    const timer = setInterval(() => {
      if (running.has(name) || !(deps.leadership ?? soleProcess).isLeader) return;
      const run = job()
        .then(() => undefined)
        .catch((error: unknown) => deps.log.error({ err: error }, `${name} failed`))
        .finally(() => running.delete(name));
      running.set(name, run);
    }, minutes * 60_000);
    timer.unref();
    timers.push(timer);
  };
  every(1, 'security alarm sweep', () => deps.security.tick());
  every(options.verifyEveryMinutes, 'background verification', async () => {
    await deps.register.verify(undefined, 'scheduled');
    await deps.history?.verify(undefined, 'scheduled');
    await checkLedger(deps.db, deps.security, { dataDir: deps.dataDir, segments: deps.segments, anchorFile: deps.anchorFile, by: 'scheduled' });
  });
  if (deps.checkIdentities) every(options.identityCheckMinutes, 'camera identity check', deps.checkIdentities);
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
