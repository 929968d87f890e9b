/**
 * `custos archive …`: the system archive (REG-11-1, REG-11-2) and `custos archive put-into-use`,
 * the acceptance gate that starts a system's filing clock.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import type { Progress } from '../../archive/archive-verify.ts';
import { ARCHIVE_DOCUMENT_TYPES } from '../../archive/model.ts';
import { InvalidError } from '../../shared/errors.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { actorFrom } from './entity.ts';
import { describeCommand } from '../command-index.ts';

interface MetaOptions {
  type?: string;
  title?: string;
  authorUnit?: string;
  effectiveDate?: string;
  standardCodes?: string;
  fileName?: string;
  actor?: string;
}

/** Only the options given, so that the service's defaults and checks apply as over HTTP. */
function metaOf(o: MetaOptions, file: string): Record<string, string> {
  const picked: Record<string, string | undefined> = {
    type: o.type,
    title: o.title,
    authorUnit: o.authorUnit,
    effectiveDate: o.effectiveDate,
    standardCodes: o.standardCodes,
    fileName: o.fileName ?? path.basename(file),
  };
  return Object.fromEntries(Object.entries(picked).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The file's bytes as a stream, after checking that it is a readable file. */
function fileBytes(file: string) {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new InvalidError('E_FILE_UNREADABLE', { message: { zh: `文件不存在或不是普通文件:${file}`, en: `No such file, or not a regular file: ${file}` } });
  }
  return createReadStream(file);
}

function withMetaOptions(command: Command): Command {
  return command
    .option('--title <text>', 'title of the document')
    .option('--author-unit <name>', 'the unit that wrote it (design institute, builder, testing body, acceptance panel)')
    .option('--effective-date <date>', 'date the document took effect, YYYY-MM-DD')
    .option('--standard-codes <codes>', 'STANDARDS_APPLIED only: comma-separated, e.g. "GB 50348-2018,GB/T 28181-2022"')
    .option('--file-name <name>', 'name to keep for the file (default: the file’s own name)')
    .option('--actor <name>', 'who uploads it (kept in the history)');
}

/** A progress line on stderr, redrawn in place at a terminal. */
function drawProgress(p: Progress): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  process.stderr.write(`\r${p.phase} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}${p.done === p.total ? '\n' : ''}`);
}

export function archiveCommand(): Command {
  const command = new Command('archive').description(describeCommand('archive'));

  withMetaOptions(command.command('upload <siteId> <file>').description('store a new document of a system, as version 1'))
    .requiredOption('--type <type>', ARCHIVE_DOCUMENT_TYPES.join(' | '))
    .action(async (siteId: string, file: string, o: MetaOptions) =>
      withRuntime(async ({ services }) => printJson(await services.archive.upload(siteId, metaOf(o, file), fileBytes(file), actorFrom(o)))),
    );

  withMetaOptions(command.command('add-version <docId> <file>').description('store the next version of a document; earlier versions stay'))
    .action(async (docId: string, file: string, o: MetaOptions) =>
      withRuntime(async ({ services }) => printJson(await services.archive.addVersion(docId, metaOf(o, file), fileBytes(file), actorFrom(o)))),
    );

  command
    .command('list <siteId>')
    .description("a system's archive documents with their versions")
    .action(async (siteId: string) => withRuntime(async ({ services }) => printJson(await services.archive.list(siteId))));

  command
    .command('show <docId>')
    .action(async (docId: string) => withRuntime(async ({ services }) => printJson(await services.archive.get(docId))));

  command
    .command('download <docId> <version>')
    .description('write one version to a file; the reason is kept in the history (REG-11-2)')
    .requiredOption('--reason <text>', 'why the document is read')
    .requiredOption('--out <file>', 'where to write it')
    .option('--unit <name>', "the reader's unit")
    .option('--actor <name>')
    .action(async (docId: string, version: string, o: { reason: string; out: string; unit?: string; actor?: string }) =>
      withRuntime(async ({ services }) => {
        const query = { reason: o.reason, ...(o.unit ? { unit: o.unit } : {}) };
        const content = await services.archive.download(docId, Number(version), query, actorFrom(o));
        await pipeline(content.stream, createWriteStream(o.out, { flags: 'wx' }));
        printJson({ out: o.out, ...content.version });
      }),
    );

  command
    .command('verify')
    .description('hash every stored version again; exit 1 when any file is altered or missing (REG-11-2)')
    .option('--actor <name>')
    .action(async (o: { actor?: string }) =>
      withRuntime(async ({ services }) => {
        const result = await services.archive.verify(actorFrom(o), drawProgress);
        printJson(result);
        process.exitCode = result.invalid > 0 ? 1 : 0;
      }),
    );

  command
    .command('put-into-use <siteId>')
    .description('put a system into use on a date (starts the filing clock); art. 7 places need an ACCEPTANCE document first')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .option('--actor <name>')
    .action(async (siteId: string, o: { date: string; actor?: string }) =>
      withRuntime(async ({ services }) => printJson(await services.putIntoUse.putIntoUse(siteId, { date: o.date }, actorFrom(o)))),
    );
  return command;
}
