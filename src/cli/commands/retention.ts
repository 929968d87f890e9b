/** `custos retention …`: sweep now, status per camera, holds, the deletion log (art. 17, REG-17-3). */
import { Command } from 'commander';
import { fixedClock, systemClock, type Clock } from '../../shared/clock.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { SweepProgress } from '../../retention/sweeper.ts';
import { printJson } from '../output.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

function clockAt(at: string | undefined): Clock {
  if (at === undefined) return systemClock;
  if (Number.isNaN(Date.parse(at))) throw new InvalidError('E_INSTANT_INVALID', { message: { zh: `--at 不是有效的时间:${at}`, en: `--at is not a valid instant: ${at}` } });
  return fixedClock(at);
}

async function withClock<T>(at: string | undefined, run: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(clockAt(at));
  try {
    return await run(rt);
  } finally {
    await rt.db.close();
  }
}

function policyOf(value: string | undefined): 'RETENTION' | 'ORDERED' | undefined {
  if (value === undefined || value === 'RETENTION' || value === 'ORDERED') return value;
  throw new InvalidError('E_POLICY_INVALID', { message: { zh: '--policy 须为 RETENTION 或 ORDERED', en: '--policy must be RETENTION or ORDERED' } });
}

function progressLines(): (p: SweepProgress) => void {
  return (p) => process.stderr.write(`${JSON.stringify(p)}\n`);
}

export function retentionCommand(): Command {
  const command = new Command('retention').description(describeCommand('retention'));
  const at = ['--at <instant>', 'evaluate as of this instant (ISO 8601; default now)'] as const;

  command
    .command('sweep')
    .description('delete the segments that are eligible, achieved and not held; then apply the full-disk policy')
    .option('--camera <id>', 'only this camera')
    .option(...at)
    .action(async (o: { camera?: string; at?: string }) =>
      withClock(o.at, async ({ services }) => printJson(await services.retention.run({ ...(o.camera ? { cameraId: o.camera } : {}), onProgress: progressLines() }))),
    );

  command
    .command('status')
    .description('per camera: retention, floor, the oldest segment and when it may go, holds, open purposes')
    .option('--camera <id>', 'only this camera')
    .option(...at)
    .action(async (o: { camera?: string; at?: string }) =>
      withClock(o.at, async ({ services }) => printJson(o.camera ? await services.retention.status.camera(o.camera) : { cameras: await services.retention.status.all(), capacity: await services.retention.capacity.report() })),
    );

  command
    .command('holds')
    .description('legal holds (REG-17-5), with overdue reviews flagged')
    .option('--active', 'only holds not released')
    .option(...at)
    .action(async (o: { active?: boolean; at?: string }) => withClock(o.at, async ({ services }) => printJson(await services.retention.holds.list(o.active ? { active: true } : {}))));

  command
    .command('deletions')
    .description('the deletion log (REG-17-3): segment, hash, camera, range, policy, time')
    .option('--camera <id>', 'only this camera')
    .option('--policy <policy>', 'RETENTION or ORDERED')
    .option('--limit <n>', 'at most this many rows', '10000')
    .option('--csv', 'CSV instead of JSON')
    .action(async (o: { camera?: string; policy?: string; limit: string; csv?: boolean }) =>
      withClock(undefined, async ({ services }) => {
        const policy = policyOf(o.policy);
        const query = { ...(o.camera ? { cameraId: o.camera } : {}), ...(policy ? { policy } : {}), limit: Math.max(1, Number(o.limit) || 10_000) };
        if (o.csv) process.stdout.write(await services.retention.deletions.csv(query));
        else printJson(await services.retention.deletions.list(query));
      }),
    );

  return command;
}
