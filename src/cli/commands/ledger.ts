/** `custos ledger …`: follow the sources now, sign a checkpoint, verify everything (art. 15). */
import { Command } from 'commander';
import { verifyLedger } from '../../ledger/ledger-verify.ts';
import { LocalSegmentStore, segmentsRoot } from '../../recording/local-segment-store.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { withRuntime } from '../runtime.ts';

export function ledgerCommand(): Command {
  const command = new Command('ledger').description('the integrity ledger (账本): Merkle log of segments, deletions, register and history; signed checkpoints');

  command
    .command('sync')
    .description('append leaves for every new segment, deletion, register and history entry now')
    .action(async () => withRuntime(async ({ services }) => printJson(await services.ledger.sync())));

  command
    .command('checkpoint')
    .description('follow the sources, then sign a checkpoint of the current tree')
    .action(async () =>
      withRuntime(async ({ services }) => {
        await services.ledger.sync();
        printJson(await services.ledger.checkpoint());
      }),
    );

  command
    .command('verify')
    .description('recompute everything from the database and the files; exit 1 naming the first thing that is wrong')
    .action(async () =>
      withRuntime(async ({ db, config, services }) => {
        const bar = progressBar();
        const key = await services.ledger.key();
        const result = await verifyLedger(db.db, new LocalSegmentStore(segmentsRoot(config.dataDir)), key, (p) => bar.update(p));
        bar.stop();
        printJson(result);
        if (result.ok) process.stderr.write(`账本完整 / ledger holds: ${result.leaves} leaves, ${result.checkpoints} checkpoints\n`);
        else process.stderr.write(`账本校验失败 / ledger does not verify: [${result.firstProblem?.layer}] ${result.firstProblem?.code} ${result.firstProblem?.detail}\n`);
        process.exitCode = result.ok ? 0 : 1;
      }),
    );

  return command;
}
