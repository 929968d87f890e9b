/** The server's ledger jobs: follow the sources every few seconds, sign a checkpoint every few minutes. */
import { Cron } from 'croner';
import type { LedgerService } from './ledger-service.ts';

export interface LedgerSchedule {
  stop(): void;
}

export function startLedgerSchedule(ledger: LedgerService, log: { error(obj: unknown, msg: string): void }, options: { followSeconds?: number; checkpointMinutes?: number } = {}): LedgerSchedule {
  const follow = new Cron(`*/${options.followSeconds ?? 5} * * * * *`, { protect: true }, async () => {
    try {
      await ledger.sync();
    } catch (error) {
      log.error({ err: error }, 'ledger follower failed');
    }
  });
  const sign = new Cron(`0 */${options.checkpointMinutes ?? 5} * * * *`, { protect: true }, async () => {
    try {
      await ledger.sync();
      await ledger.checkpoint(true);
    } catch (error) {
      log.error({ err: error }, 'ledger checkpoint failed');
    }
  });
  return {
    stop() {
      follow.stop();
      sign.stop();
    },
  };
}
