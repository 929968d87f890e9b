/** `custos audit …`: the administration history (a hash chain): list it, verify it. */
import { Command } from 'commander';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

export function auditCommand(): Command {
  const command = new Command('audit').description(describeCommand('audit'));

  command
    .command('verify')
    .description('recompute the hash chain of the administration history; exit 1 naming the first entry that does not verify')
    .action(async () =>
      withRuntime(async ({ services }) => {
        const result = await services.history.verify(undefined, 'cli');
        printJson(result);
        if (!result.ok) process.stderr.write(`history entry ${result.firstBad?.seq} does not verify (${result.firstBad?.problem})\n`);
        process.exitCode = result.ok ? 0 : 1;
      }),
    );

  command
    .command('list')
    .description('history entries, oldest first')
    .option('--entity-type <type>', 'e.g. camera, grant, user, role, site')
    .option('--entity-id <id>')
    .option('--limit <n>', 'at most this many', '1000')
    .action(async (o: { entityType?: string; entityId?: string; limit: string }) =>
      withRuntime(async ({ services }) => {
        printJson(
          await services.history.list({
            ...(o.entityType ? { entityType: o.entityType } : {}),
            ...(o.entityId ? { entityId: o.entityId } : {}),
            limit: Math.max(1, Math.min(100000, Number(o.limit) || 1000)),
          }),
        );
      }),
    );
  return command;
}
