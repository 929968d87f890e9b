/**
 * `custos inspection package`: the inspection package of a site or unit for a period, as JSON and PDF files
 * (art. 24, REG-24-1). `custos inspection verify`: checks a package's JSON file offline, without the server.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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

  command
    .command('verify')
    .description("check a package's JSON file offline: its SHA-256, the ledger key's signature, the signed checkpoint in it")
    .argument('<package.json>')
    .option('--public-key <file>', "the ledger's public key (PEM) to trust, as the sign's public page or /api/ledger/public-key publishes it")
    .action(async (file: string, o: { publicKey?: string }) => {
      const { verifyInspectionPackage } = await import('../../inspection/verify-package.ts');
      const publicKeyPem = o.publicKey ? await readFile(o.publicKey, 'utf8') : undefined;
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(path.resolve(file), 'utf8'));
      } catch (error) {
        raw = { unreadable: (error as Error).message };
      }
      const result = verifyInspectionPackage(raw, publicKeyPem ? { publicKeyPem } : {});
      printJson(result);
      for (const c of result.checks) process.stderr.write(`${c.ok ? '✓' : '✗'} ${c.check.padEnd(10)} ${c.detail}\n`);
      if (result.ok && !result.keyTrusted) process.stderr.write("注意:未提供公钥,使用了材料自带的公钥;请与提示标识公开页上的公钥编号核对 / no key given: the package's own key was used; compare its id with the sign's public page\n");
      if (!result.ok) process.stderr.write('检查材料校验失败 / the package does not verify\n');
      process.exitCode = result.ok ? 0 : 1;
    });

  return command;
}
