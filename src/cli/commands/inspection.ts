/** `custos inspection package`: the inspection package of a site or unit for a period, as JSON and PDF files (art. 24, REG-24-1). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { describeCommand } from '../command-index.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function inspectionCommand(): Command {
  const command = new Command('inspection').description(describeCommand('inspection'));

  command
    .command('package')
    .description('generate and store the inspection package (nine sections, hashed and signed) and write <id>.json and <id>.pdf')
    .option('--site <id>', 'the system (site) inspected')
    .option('--unit <id>', 'the whole unit inspected (instead of --site)')
    .requiredOption('--period <period>', 'a month YYYY-MM, or FROM..TO (legal dates YYYY-MM-DD)')
    .option('--out <dir>', 'folder to write the files to', '.')
    .action(async (o: { site?: string; unit?: string; period: string; out: string }) =>
      withRuntime(async ({ services }) => {
        const [from, to] = o.period.split('..');
        const period = to === undefined ? o.period : { from, to };
        const pkg = await services.inspection.packages.generate({ ...(o.site ? { siteId: o.site } : {}), ...(o.unit ? { unitId: o.unit } : {}), period }, undefined, 'cli');
        const { renderPackagePdf } = await import('../../inspection/package-pdf.ts');
        await mkdir(o.out, { recursive: true });
        const json = path.resolve(o.out, `inspection-${pkg.id}.json`);
        const pdf = path.resolve(o.out, `inspection-${pkg.id}.pdf`);
        await writeFile(json, `${JSON.stringify(pkg, null, 2)}\n`);
        await writeFile(pdf, await renderPackagePdf(pkg));
        printJson({ id: pkg.id, sha256: pkg.integrity.sha256, signed: pkg.integrity.signature !== null, json, pdf });
      }),
    );

  return command;
}
