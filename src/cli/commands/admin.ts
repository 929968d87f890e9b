/** `custos admin create`: the first administrator from the machine itself, password on stdin (never in argv or history). */
import { Command } from 'commander';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function adminCommand(): Command {
  const admin = new Command('admin').description(describeCommand('admin'));
  admin
    .command('create')
    .description('create the first administrator (refused once any user exists)')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--display-name <name>', '姓名 / full name')
    .option('--unit <id>', 'the unit the administrator acts for')
    .requiredOption('--password-stdin', 'read the password from standard input')
    .action(async (options: { username: string; displayName: string; unit?: string }) => {
      const password = await readStdin();
      await withRuntime(async ({ services }) =>
        printJson(
          await services.setup.createFirstAdministrator({
            username: options.username,
            displayName: options.displayName,
            password,
            ...(options.unit ? { unitId: options.unit } : {}),
          }),
        ),
      );
    });
  return admin;
}
