import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describeCommand } from '../command-index.ts';

export function docsCommands(): Command[] {
  return [
    new Command('generate')
      .description(describeCommand('generate'))
      .option('--root <dir>', 'repository root', '.')
      .action(async (o: { root: string }) => {
        const { generatedDocuments } = await import('../../app/generated-documents.ts');
        for (const [file, text] of Object.entries(await generatedDocuments())) {
          const target = path.join(o.root, file);
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, text);
          process.stdout.write(`${file}\n`);
        }
      }),
  ];
}
