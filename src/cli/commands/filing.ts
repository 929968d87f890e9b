import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { filingDeadline, IN_FORCE_DATE } from '../../policy/cn-order-799/filing/index.ts';
import { isLegalDate, addDays } from '../../shared/legal-time.ts';
import { InvalidError } from '../../shared/errors.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { actorFrom } from './entity.ts';
import { describeCommand } from '../command-index.ts';

export function filingCommand(): Command {
  const command = new Command('filing').description(describeCommand('filing'));

  command
    .command('deadline')
    .description('the filing deadline of a system put into use on a date (REG-14-2)')
    .requiredOption('--put-into-use <date>', 'date the system was put into use, YYYY-MM-DD')
    .option('--pre-existing', 'the system was in use before the regulation took effect (2025-04-01)')
    .action((options: { putIntoUse: string; preExisting?: boolean }) => {
      if (!isLegalDate(options.putIntoUse)) {
        throw new InvalidError('E_DATE_FORMAT', { message: { zh: '日期格式应为 YYYY-MM-DD', en: 'Expected a date YYYY-MM-DD' } });
      }
      if (options.preExisting && options.putIntoUse >= IN_FORCE_DATE) {
        throw new InvalidError('E_NOT_PRE_EXISTING', {
          article: '14',
          message: {
            zh: '2025年4月1日及以后投入使用的系统不属于条例施行前已经启用的系统',
            en: 'A system put into use on or after 2025-04-01 is not pre-existing',
          },
        });
      }
      printJson(filingDeadline(options.preExisting ? addDays(IN_FORCE_DATE, -1) : options.putIntoUse, new Date()));
    });

  command
    .command('draft <siteId>')
    .description('the filing dataset of a system as it reads now')
    .action(async (siteId: string) => withRuntime(async ({ services }) => printJson(await services.filings.draftFor(siteId))));

  command
    .command('create <siteId>')
    .description('open a filing (initial, or a change filing once filed)')
    .option('--actor <name>')
    .action(async (siteId: string, o: { actor?: string }) =>
      withRuntime(async ({ services }) => printJson(await services.filings.create(siteId, actorFrom(o)))),
    );

  command
    .command('list')
    .option('--site-id <id>')
    .action(async (o: { siteId?: string }) => withRuntime(async ({ services }) => printJson(await services.filings.list(o))));

  command
    .command('submit <filingId>')
    .requiredOption('--responsible-person <name>', 'the named person who answers for the truth of the filing (art. 14.2)')
    .option('--position <title>')
    .option('--actor <name>')
    .action(async (id: string, o: { responsiblePerson: string; position?: string; actor?: string }) =>
      withRuntime(async ({ services }) =>
        printJson(await services.filings.submit(id, { responsiblePerson: o.responsiblePerson, ...(o.position ? { position: o.position } : {}) }, actorFrom(o))),
      ),
    );

  command
    .command('receipt <filingId>')
    .description("record the public security organ's receipt")
    .requiredOption('--receipt-no <no>')
    .requiredOption('--filed-at <date>')
    .option('--authority <name>')
    .option('--actor <name>')
    .action(async (id: string, o: { receiptNo: string; filedAt: string; authority?: string; actor?: string }) =>
      withRuntime(async ({ services }) =>
        printJson(
          await services.filings.recordReceipt(id, { receiptNo: o.receiptNo, filedAt: o.filedAt, ...(o.authority ? { authority: o.authority } : {}) }, actorFrom(o)),
        ),
      ),
    );

  command
    .command('export <filingId>')
    .option('--format <format>', 'json or pdf', 'json')
    .option('--out <file>', 'write to a file (required for pdf)')
    .action(async (id: string, o: { format: string; out?: string }) =>
      withRuntime(async ({ services }) => {
        if (o.format === 'pdf') {
          if (!o.out) throw new InvalidError('E_OUT_REQUIRED', { message: { zh: 'PDF 须用 --out 指定文件', en: 'Give --out FILE for a PDF' } });
          writeFileSync(o.out, await services.filings.exportPdf(id));
          process.stdout.write(`${o.out}\n`);
          return;
        }
        const json = await services.filings.exportJson(id);
        if (o.out) writeFileSync(o.out, `${JSON.stringify(json, null, 2)}\n`);
        else printJson(json);
      }),
    );

  const authority = command.command('authority').description('county PSBs that receive filings, by admin division code (REG-05-1)');
  authority
    .command('set <code> <name>')
    .option('--actor <name>')
    .action(async (code: string, name: string, o: { actor?: string }) =>
      withRuntime(async ({ services }) => printJson(await services.filingAuthorities.put({ adminDivisionCode: code, name }, actorFrom(o)))),
    );
  authority.command('list').action(async () => withRuntime(async ({ services }) => printJson(await services.filingAuthorities.list())));
  return command;
}
