/** The server's retention job: recover what a crash left, then sweep and check capacity every few minutes. */
import { Cron } from 'croner';
import type { Retention } from './retention-service.ts';

export interface RetentionJob {
  stop(): void;
}

export interface RetentionJobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export async function startRetentionJob(retention: Retention, log: RetentionJobLog, options: { everyMinutes?: number } = {}): Promise<RetentionJob> {
  const recovered = await retention.deleter.recover();
  if (recovered.restored + recovered.unlinked > 0) log.info(recovered, 'retention: settled deletions interrupted by a crash');
  const job = new Cron(`0 */${options.everyMinutes ?? 5} * * * *`, { protect: true, unref: true }, async () => {
    try {
      const { sweep } = await retention.run();
      if (sweep.deleted > 0) log.info({ deleted: sweep.deleted, bytes: sweep.bytes, durationMs: sweep.durationMs }, 'retention sweep');
    } catch (error) {
      log.error({ err: error }, 'retention sweep failed');
    }
  });
  return { stop: () => job.stop() };
}
