/**
 * `custos security events`: the security alarms (art. 23(3), 23(4), 23(5)): brute force, new
 * administrators and wider grants, refusals, export volume, failed verifications, unknown devices.
 */
import { Command, InvalidArgumentError } from 'commander';
import { alarmRepository } from '../../events/alarm-repository.ts';
import type { AlarmRecord } from '../../events/alarm-model.ts';
import { describeCommand } from '../command-index.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';

const DURATION = /^(\d{1,6})([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--since`: an instant (ISO 8601) or a span back from now (30m, 24h, 7d). */
export function sinceOf(value: string, now: Date): string {
  const span = DURATION.exec(value);
  if (span) return new Date(now.getTime() - Number(span[1]) * UNIT_MS[span[2] as keyof typeof UNIT_MS]).toISOString();
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new InvalidArgumentError('expected an ISO 8601 time or a span such as 30m, 24h, 7d / 应为 ISO 8601 时间或 30m、24h、7d 这样的时长');
  return new Date(at).toISOString();
}

function line(alarm: AlarmRecord): string {
  const d = alarm.details;
  const who = ['actor', 'target', 'account', 'sourceAddress', 'address'].filter((k) => typeof d[k] === 'string').map((k) => `${k}=${String(d[k])}`);
  const state = alarm.endedAt === null ? 'OPEN' : alarm.endedAt === alarm.startedAt ? 'EVENT' : 'ENDED';
  return [alarm.startedAt, alarm.severity.padEnd(8), alarm.kind.padEnd(24), state.padEnd(5), `art. ${alarm.article}`, alarm.subject, ...who].join('  ');
}

export function securityCommand(): Command {
  const command = new Command('security').description(describeCommand('security'));
  command
    .command('events')
    .description('security alarms, newest first (brute force, new administrators, refusals, export volume, failed verification, unknown devices)')
    .option('--since <when>', 'from this time (ISO 8601) or this long ago (30m, 24h, 7d)', '7d')
    .option('--open', 'only those still open')
    .option('--limit <n>', 'at most this many', '500')
    .option('--json', 'print JSON')
    .action(async (o: { since: string; open?: boolean; limit: string; json?: boolean }) =>
      withRuntime(async ({ db, clock }) => {
        const from = sinceOf(o.since, clock.now());
        const limit = Math.max(1, Math.min(10_000, Number(o.limit) || 500));
        const alarms = await alarmRepository.list(db.db, { categories: ['SECURITY'], from, limit, ...(o.open ? { open: true } : {}) });
        if (o.json) return printJson(alarms);
        process.stdout.write(`${alarms.map(line).join('\n')}${alarms.length ? '\n' : ''}(${alarms.length}) 安全事件 / security events since ${from}\n`);
      }),
    );
  return command;
}
