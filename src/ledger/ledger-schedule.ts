/**
 * The server's ledger jobs: follow the sources every few seconds and sign a checkpoint whenever the
 * tree grew (at most every `checkpointSeconds`), so that the entries no signed, anchored checkpoint
 * covers yet are only those of the last few seconds. In a cluster only the leader follows and signs,
 * so that checkpoints come from one holder of the key at a time.
 */
import { Cron } from 'croner';
import type { LedgerService } from './ledger-service.ts';
import { soleProcess, type Leadership } from '../cluster/leadership.ts';

export interface LedgerSchedule {
  stop(): void;
}

export function startLedgerSchedule(ledger: LedgerService, log: { error(obj: unknown, msg: string): void }, options: { followSeconds?: number; checkpointSeconds?: number; leadership?: Leadership } = {}): LedgerSchedule {
  const followSeconds = options.followSeconds ?? 5;
  // Ticks come a few milliseconds early or late: half a tick of slack keeps "every tick" from skipping one.
  const everyMs = (options.checkpointSeconds ?? 5) * 1000 - (followSeconds * 1000) / 2;
  const leadership = options.leadership ?? soleProcess;
  let lastSigned = 0;
  const follow = new Cron(`*/${followSeconds} * * * * *`, { protect: true }, async () => {
    if (!leadership.isLeader) return;
    try {
      await ledger.sync();
      if (Date.now() - lastSigned >= everyMs) {
        lastSigned = Date.now();
        await ledger.checkpoint(true);
      }
    } catch (error) {
      log.error({ err: error }, 'ledger follower failed');
    }
  });
  return {
    stop() {
      follow.stop();
    },
  };
}
