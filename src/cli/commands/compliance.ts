import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { complianceReport } from '../../compliance/compliance-service.ts';
import { evaluate } from '../../policy/index.ts';
import { registrySnapshot, type RegistrySnapshot } from '../../registry/snapshot.ts';
import { InvalidError } from '../../shared/errors.ts';
import { isLegalDate, startOfLegalDay } from '../../shared/legal-time.ts';
import { printJson, reportError } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

/** `--at` takes a date (start of that day in Asia/Shanghai) or an instant with its offset. */
export function parseAt(value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (isLegalDate(value)) return startOfLegalDay(value);
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/[zZ]|[+-]\d\d:?\d\d$/.test(value)) {
    throw new InvalidError('E_DATE_FORMAT', {
      message: { zh: '--at 须为 YYYY-MM-DD 或带时区的时间', en: '--at takes YYYY-MM-DD or an instant with its offset' },
    });
  }
  return at;
}

function readSnapshot(file: string): RegistrySnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidError('E_SNAPSHOT_UNREADABLE', {
      message: { zh: `无法读取快照文件:${(error as Error).message}`, en: `Cannot read the snapshot: ${(error as Error).message}` },
    });
  }
  return registrySnapshot.parse(raw);
}

export function complianceCommand(): Command {
  const command = new Command('compliance').description(describeCommand('compliance'));

  command
    .command('report')
    .description('findings per system and camera, counts by severity, filing deadlines ahead')
    .option('--at <date>', 'evaluate at this date or instant')
    .action(async (o: { at?: string }) => withRuntime(async ({ services }) => printJson(await services.compliance.report(parseAt(o.at)))));

  command
    .command('exposure')
    .description('statutory penalty ranges of open findings (arts. 26–31); never a recommended amount')
    .option('--at <date>')
    .action(async (o: { at?: string }) => withRuntime(async ({ services }) => printJson(await services.compliance.exposure(parseAt(o.at)))));

  command
    .command('check <file>')
    .description('evaluate a registry snapshot file (schemas/registry-snapshot.schema.json); exit 1 on BLOCK or NONCOMPLIANT')
    .option('--at <date>', 'evaluate at this date or instant')
    .option('--report', 'print the full report instead of the list of findings')
    .action((file: string, o: { at?: string; report?: boolean }) => {
      let snapshot: RegistrySnapshot;
      let at: Date;
      try {
        snapshot = readSnapshot(file);
        at = parseAt(o.at);
      } catch (error) {
        // Exit 2 keeps "the file or the options are wrong" apart from "the registry has findings" (1).
        reportError(error);
        process.exitCode = 2;
        return;
      }
      const findings = evaluate(snapshot, at);
      printJson(o.report ? complianceReport(snapshot, at) : findings);
      process.exitCode = findings.some((f) => f.severity === 'BLOCK' || f.severity === 'NONCOMPLIANT') ? 1 : 0;
    });
  return command;
}
