/** `custos recordings …`: list a camera's segments and gaps; verify files and hash chains (REG-15-4). */
import { Command } from 'commander';
import { segmentsRoot } from '../../recording/local-segment-store.ts';
import { listRecording } from '../../recording/segment-repository.ts';
import { verifyChain, type VerifyProgress } from '../../recording/verify.ts';
import { InvalidError } from '../../shared/errors.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

/** `{done,total}` lines on stderr, about one per percent. */
function progressLines(): (p: VerifyProgress) => void {
  let lastStep = -1;
  return (p) => {
    const step = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    if (step === lastStep && p.done !== p.total) return;
    lastStep = step;
    process.stderr.write(`${JSON.stringify(p)}\n`);
  };
}

function instant(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidError('E_INSTANT_INVALID', { message: { zh: `${option} 不是有效的时间:${value}`, en: `${option} is not a valid instant: ${value}` } });
  return new Date(ms).toISOString();
}

export function recordingsCommand(): Command {
  const command = new Command('recordings').description(describeCommand('recordings'));

  command
    .command('verify')
    .description('hash every segment again and recompute each camera chain; exit 1 on any problem')
    .option('--camera <id>', 'only this camera')
    .action(async (o: { camera?: string }) =>
      withRuntime(async ({ db, config, services }) => {
        const result = await verifyChain(db.db, segmentsRoot(config.dataDir), o.camera, { onProgress: progressLines(), objects: services.segmentStores.s3 });
        printJson(result);
        process.exitCode = result.ok ? 0 : 1;
      }),
    );

  command
    .command('list')
    .description("a camera's segments and recording gaps in a time range")
    .requiredOption('--camera <id>')
    .option('--from <instant>', 'ISO 8601')
    .option('--to <instant>', 'ISO 8601')
    .action(async (o: { camera: string; from?: string; to?: string }) =>
      withRuntime(async ({ db }) => {
        const from = instant(o.from, '--from');
        const to = instant(o.to, '--to');
        printJson(await listRecording(db.db, { cameraId: o.camera, ...(from ? { from } : {}), ...(to ? { to } : {}) }));
      }),
    );

  return command;
}
