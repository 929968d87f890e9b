/** `custos register …`: verify the access register's hash chain, list entries, export CSV or PDF (art. 16, REG-16-5/6). */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { RegisterEntryView, RegisterFilter } from '../../access/register/model.ts';
import { InvalidError } from '../../shared/errors.ts';
import { formatLegalInstant } from '../../shared/legal-time.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

interface FilterOptions {
  camera?: string;
  from?: string;
  to?: string;
}

function instant(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidError('E_INSTANT_INVALID', { message: { zh: `${option} 不是有效的时间:${value}`, en: `${option} is not a valid instant: ${value}` } });
  return new Date(ms).toISOString();
}

function filterOf(o: FilterOptions): RegisterFilter {
  const from = instant(o.from, '--from');
  const to = instant(o.to, '--to');
  return { ...(o.camera ? { cameraId: o.camera } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function line(e: RegisterEntryView): string {
  const end = e.endedAt ?? e.closedAt;
  return [
    String(e.seq).padStart(6),
    formatLegalInstant(e.at),
    `${e.kind}/${e.operation}`,
    e.cameraIds.join(','),
    `${e.actor.unit} ${e.actor.name}`,
    `${e.reason.category}: ${e.reason.text}`,
    end ? `→ ${formatLegalInstant(end)}` : '',
  ].join('  ');
}

/** Writes next to the target, then renames: a reader never sees half a file. */
async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export function registerCommand(): Command {
  const command = new Command('register').description(describeCommand('register'));

  command
    .command('verify')
    .description("walk the register's hash chain; exit 1 naming the first entry that does not verify")
    .action(async () =>
      withRuntime(async ({ services }) => {
        const result = await services.register.verify(undefined, 'cli');
        printJson(result);
        if (result.ok) {
          process.stderr.write(`登记链完整 / register chain holds: ${result.entries} entries, head ${result.headHash}\n`);
          process.exitCode = 0;
        } else {
          const bad = result.firstBad;
          process.stderr.write(
            `登记链被改动:第 ${bad?.seq} 条 (${bad?.id ?? '?'}) / register chain broken at seq ${bad?.seq}, entry ${bad?.id ?? '?'}: ${bad?.problem}\n`,
          );
          process.exitCode = 1;
        }
      }),
    );

  command
    .command('list')
    .description('entries, newest first')
    .option('--camera <id>', 'only entries that name this camera')
    .option('--from <instant>', 'made at or after (ISO 8601)')
    .option('--to <instant>', 'made before (ISO 8601)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(async (o: FilterOptions & { limit: string; json?: boolean }) =>
      withRuntime(async ({ services }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
          throw new InvalidError('E_LIMIT_INVALID', { message: { zh: '--limit 应为 1 到 1000 的整数', en: '--limit must be an integer from 1 to 1000' } });
        }
        const page = await services.register.search(filterOf(o), { limit, offset: 0 });
        if (o.json) printJson(page);
        else process.stdout.write(`${page.entries.map(line).join('\n')}${page.entries.length ? '\n' : ''}(${page.entries.length} / ${page.total})\n`);
      }),
    );

  command
    .command('export')
    .description('write the matching entries as CSV or a printable PDF')
    .requiredOption('--format <format>', 'csv or pdf')
    .requiredOption('--out <file>', 'the file to write (replaced atomically)')
    .option('--camera <id>')
    .option('--from <instant>')
    .option('--to <instant>')
    .action(async (o: FilterOptions & { format: string; out: string }) =>
      withRuntime(async ({ services }) => {
        if (o.format !== 'csv' && o.format !== 'pdf') {
          throw new InvalidError('E_FORMAT_INVALID', { message: { zh: '--format 应为 csv 或 pdf', en: '--format must be csv or pdf' } });
        }
        const filter = filterOf(o);
        const data = o.format === 'csv' ? await services.register.csv(filter) : await services.register.pdf(filter);
        await writeAtomically(o.out, data);
        printJson({ format: o.format, out: path.resolve(o.out), bytes: Buffer.byteLength(data) });
      }),
    );

  return command;
}
