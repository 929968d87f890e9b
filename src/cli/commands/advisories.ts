/** `custos advisory import|list|show` and `custos remediation list|show|update|history` (REG-12-2). */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { InvalidError } from '../../shared/errors.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { actorFrom } from './entity.ts';
import { describeCommand } from '../command-index.ts';

function readUpload(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidError('E_FILE_UNREADABLE', {
      message: { zh: `无法读取文件 ${file}:${(error as Error).message}`, en: `Cannot read ${file}: ${(error as Error).message}` },
    });
  }
}

export function advisoryCommands(): Command[] {
  const advisory = new Command('advisory').description(describeCommand('advisory'));
  advisory
    .command('import <file>')
    .description('import a CSV (vendor,model,affected,severity,fixedVersion,reference) or CSAF 2.0 JSON file; opens remediation tasks')
    .option('--format <csv|csaf>', 'the file format (default: from the extension or the content)')
    .option('--actor <name>', 'who imports (kept in the history)')
    .action(async (file: string, options: { format?: string; actor?: string }) =>
      withRuntime(async ({ services }) => {
        const format = options.format ?? (/\.csv$/i.test(file) ? 'csv' : /\.json$/i.test(file) ? 'csaf' : undefined);
        const type = format === 'csv' ? 'text/csv' : format === 'csaf' ? 'application/json' : undefined;
        printJson(await services.advisories.importDocument(readUpload(file), type, actorFrom(options)));
      }),
    );
  advisory
    .command('list')
    .description('imported advisories')
    .action(async () => withRuntime(async ({ services }) => printJson(await services.advisories.list())));
  advisory
    .command('show <id>')
    .description('one advisory with the devices it affects')
    .action(async (id: string) => withRuntime(async ({ services }) => printJson(await services.advisories.get(id))));

  const remediation = new Command('remediation').description(describeCommand('remediation'));
  remediation
    .command('list')
    .description('remediation tasks')
    .option('--status <OPEN|MITIGATED|CLOSED>', 'only tasks in this status')
    .option('--site-id <id>', 'only tasks of this system')
    .option('--overdue', 'only OPEN tasks past their due date')
    .action(async (options: { status?: string; siteId?: string; overdue?: boolean }) =>
      withRuntime(async ({ services }) =>
        printJson(
          await services.remediation.list({
            ...(options.status ? { status: options.status } : {}),
            ...(options.siteId ? { siteId: options.siteId } : {}),
            ...(options.overdue ? { overdue: true } : {}),
          }),
        ),
      ),
    );
  remediation
    .command('show <id>')
    .description('one remediation task')
    .action(async (id: string) => withRuntime(async ({ services }) => printJson(await services.remediation.get(id))));
  remediation
    .command('update <id>')
    .description('record the remedial measure: MITIGATED or CLOSED need --evidence')
    .option('--status <OPEN|MITIGATED|CLOSED>', 'new status')
    .option('--evidence <text>', 'what was done, with references')
    .option('--actor <name>', 'who makes the change (kept in the history)')
    .action(async (id: string, options: { status?: string; evidence?: string; actor?: string }) =>
      withRuntime(async ({ services }) => {
        const patch = { ...(options.status ? { status: options.status } : {}), ...(options.evidence !== undefined ? { evidence: options.evidence } : {}) };
        printJson(await services.remediation.update(id, patch, actorFrom(options)));
      }),
    );
  remediation
    .command('history <id>')
    .description('every change: who, when, before, after')
    .action(async (id: string) => withRuntime(async ({ services }) => printJson(await services.history.list({ entityType: 'remediationTask', entityId: id }))));
  return [advisory, remediation];
}
