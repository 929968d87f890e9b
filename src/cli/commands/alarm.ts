/** `custos alarm …`: tamper, health and security alarms (arts. 15, 23) from the command line. */
import { Command } from 'commander';
import { ALARM_CATEGORIES, ALARM_KINDS, type AlarmCategory, type AlarmKind } from '../../events/alarm-kinds.ts';
import { InvalidError } from '../../shared/errors.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';
import { principalFor } from './export-bundle.ts';

interface ListOptions {
  as: string;
  camera?: string;
  kind?: AlarmKind;
  category?: AlarmCategory;
  open?: boolean;
  unacknowledged?: boolean;
  since?: string;
  limit?: string;
}

export function alarmCommand(): Command {
  const command = new Command('alarm').description(describeCommand('alarm'));

  command
    .command('list')
    .description('the alarms within the user’s reach, newest first')
    .requiredOption('--as <username>', 'whose reach (system and security alarms need CONFIG or AUDIT over everything)')
    .option('--camera <id>')
    .option('--kind <kind>', ALARM_KINDS.join(' | '))
    .option('--category <category>', ALARM_CATEGORIES.join(' | '))
    .option('--open', 'only alarms still open')
    .option('--unacknowledged', 'only alarms no one acknowledged')
    .option('--since <iso>', 'alarms open at or after this instant')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (o: ListOptions) =>
      withRuntime(async ({ db, services }) => {
        checkFilter(o);
        const alarms = await services.alarms.list(await principalFor(db.db, o.as), {
          cameraId: o.camera,
          kind: o.kind,
          category: o.category,
          open: o.open,
          unacknowledged: o.unacknowledged,
          from: o.since,
          limit: Number(o.limit),
        });
        printJson(alarms);
      }),
    );

  command
    .command('show')
    .argument('<id>')
    .requiredOption('--as <username>')
    .action(async (id: string, o: { as: string }) => withRuntime(async ({ db, services }) => printJson(await services.alarms.get(await principalFor(db.db, o.as), id))));

  command
    .command('ack')
    .description('acknowledge an alarm with what was done about it (who and when are recorded)')
    .argument('<id>')
    .requiredOption('--as <username>')
    .requiredOption('--comment <text>')
    .action(async (id: string, o: { as: string; comment: string }) =>
      withRuntime(async ({ db, services }) => printJson(await services.alarms.acknowledge(await principalFor(db.db, o.as), id, o.comment))),
    );

  return command;
}

function checkFilter(o: ListOptions): void {
  const badKind = o.kind !== undefined && !(ALARM_KINDS as readonly string[]).includes(o.kind);
  const badCategory = o.category !== undefined && !(ALARM_CATEGORIES as readonly string[]).includes(o.category);
  const badLimit = !Number.isInteger(Number(o.limit)) || Number(o.limit) < 1 || Number(o.limit) > 1000;
  if (badKind || badCategory || badLimit) {
    throw new InvalidError('E_ALARM_FILTER_INVALID', {
      message: {
        zh: `--kind 应为 ${ALARM_KINDS.join('、')};--category 应为 ${ALARM_CATEGORIES.join('、')};--limit 为 1–1000`,
        en: `--kind must be one of ${ALARM_KINDS.join(', ')}; --category one of ${ALARM_CATEGORIES.join(', ')}; --limit 1–1000`,
      },
    });
  }
}
