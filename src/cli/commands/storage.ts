/** `custos storage …`: where segment bytes are (config `storage`); one tier move by hand. */
import { Command } from 'commander';
import { InvalidError } from '../../shared/errors.ts';
import { soleProcess } from '../../cluster/leadership.ts';
import { TierMover } from '../../storage/tier-mover.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

export function storageCommand(): Command {
  const command = new Command('storage').description(describeCommand('storage'));

  command
    .command('status')
    .description('the storage mode and the bucket (object lock as the bucket answers); never a credential')
    .action(async () =>
      withRuntime(async ({ services }) => {
        printJson(await services.segmentStores.start());
      }),
    );

  command
    .command('move')
    .description('one pass of the tier mover: local segments older than N hours to the bucket, each verified; exit 1 when one was not moved')
    .option('--older-than-hours <n>', 'default: storage.tiered.localHours (0 in s3 mode)')
    .action(async (o: { olderThanHours?: string }) =>
      withRuntime(async ({ config, db, clock, services }) => {
        const hours = o.olderThanHours === undefined ? undefined : Number(o.olderThanHours);
        if (hours !== undefined && !(Number.isFinite(hours) && hours >= 0)) {
          throw new InvalidError('E_HOURS_INVALID', { message: { zh: `--older-than-hours 不是有效的小时数:${o.olderThanHours}`, en: `--older-than-hours is not a number of hours: ${o.olderThanHours}` } });
        }
        // In a cluster each node's folder holds its own segments: the rows of files elsewhere are not this run's.
        const mover = new TierMover({ db: db.db, clock, stores: services.segmentStores, leadership: soleProcess, source: config.cluster.enabled ? 'folder' : 'index' });
        const report = await mover.run(hours);
        printJson(report);
        process.exitCode = report.failed.length === 0 ? 0 : 1;
      }),
    );

  return command;
}
