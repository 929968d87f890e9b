/**
 * `custos tamper show|set|relearn|history CAMERA`: a camera's tamper detection (art. 23(2)) as a user
 * (their grants apply). A running server picks up a change or a re-learn within about 15 s.
 */
import { Command, Option } from 'commander';
import { tamperSensitivity, type TamperSensitivity } from '../../analytics/tamper/tamper-model.ts';
import { InvalidError } from '../../shared/errors.ts';
import { describeCommand } from '../command-index.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { principalFor } from './export-bundle.ts';

const as = () => new Option('--as <username>', 'the user acting (their grants apply)').makeOptionMandatory();

function sensitivityOf(value: string | undefined, current: TamperSensitivity): TamperSensitivity {
  if (value === undefined) return current;
  const parsed = tamperSensitivity.safeParse(value.toUpperCase());
  if (!parsed.success) throw new InvalidError('E_TAMPER_SENSITIVITY', { message: { zh: `灵敏度须为 LOW、MEDIUM 或 HIGH:${value}`, en: `Sensitivity is LOW, MEDIUM or HIGH: ${value}` } });
  return parsed.data;
}

export function tamperCommand(): Command {
  const command = new Command('tamper').description(describeCommand('tamper'));

  command
    .command('show')
    .description('detection on or off, sensitivity, when the picture was learned, each tamper kind open or not')
    .argument('<camera>', 'camera id')
    .addOption(as())
    .action(async (camera: string, o: { as: string }) => withRuntime(async (rt) => printJson(await rt.services.tamper.get(await principalFor(rt.db.db, o.as), camera))));

  command
    .command('set')
    .description('turn detection on or off and set the sensitivity (CONFIG on the camera)')
    .argument('<camera>', 'camera id')
    .addOption(as())
    .option('--on', 'detection on')
    .option('--off', 'detection off')
    .option('--sensitivity <level>', 'LOW, MEDIUM or HIGH')
    .action(async (camera: string, o: { as: string; on?: boolean; off?: boolean; sensitivity?: string }) =>
      withRuntime(async (rt) => {
        const principal = await principalFor(rt.db.db, o.as);
        const current = await rt.services.tamper.get(principal, camera);
        const enabled = o.off ? false : o.on ? true : current.enabled;
        printJson(await rt.services.tamper.update(principal, camera, { enabled, sensitivity: sensitivityOf(o.sensitivity, current.sensitivity) }));
      }),
    );

  command
    .command('relearn')
    .description('learn the picture afresh after an authorised move; open tamper alarms end (CONFIG on the camera)')
    .argument('<camera>', 'camera id')
    .addOption(as())
    .requiredOption('--reason <text>', 'why (at least 10 characters), kept in the history')
    .action(async (camera: string, o: { as: string; reason: string }) =>
      withRuntime(async (rt) => printJson(await rt.services.tamper.relearn(await principalFor(rt.db.db, o.as), camera, o.reason))),
    );

  command
    .command('history')
    .description('who had the picture re-learnt, when and why, newest first')
    .argument('<camera>', 'camera id')
    .addOption(as())
    .action(async (camera: string, o: { as: string }) => withRuntime(async (rt) => printJson(await rt.services.tamper.history(await principalFor(rt.db.db, o.as), camera))));

  return command;
}
