/**
 * The server's retention job: recover what a crash left, then sweep and check capacity every few minutes.
 * In a cluster only the leader does either (a process that becomes the leader recovers first).
 */
import { Cron } from 'croner';
import type { Retention } from './retention-service.ts';
import { soleProcess, type Leadership } from '../cluster/leadership.ts';

export interface RetentionJob {
  stop(): void;
}

export interface RetentionJobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export async function startRetentionJob(retention: Retention, log: RetentionJobLog, options: { everyMinutes?: number; leadership?: Leadership } = {}): Promise<RetentionJob> {
  const leadership = options.leadership ?? soleProcess;
  let recovered = false;
  const recover = async () => {
    const settled = await retention.deleter.recover();
    recovered = true;
    if (settled.restored + settled.unlinked > 0) log.info(settled, 'retention: settled deletions interrupted by a crash');
  };
  if (leadership.isLeader) await recover();
  const job = new Cron(`0 */${options.everyMinutes ?? 5} * * * *`, { protect: true, unref: true }, async () => {
    if (!leadership.isLeader) return;
    try {
      if (!recovered) await recover();
      const { sweep } = await retention.run();
      if (sweep.deleted > 0) log.info({ deleted: sweep.deleted, bytes: sweep.bytes, durationMs: sweep.durationMs }, 'retention sweep');
    } catch (error) {
      log.error({ err: error }, 'retention sweep failed');
    }
  });
  return { stop: () => job.stop() };
}
