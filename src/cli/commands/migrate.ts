import { Command } from 'commander';
import { loadConfig, databaseUrl } from '../../config/load.ts';
import { connectDatabase, migrateToLatest } from '../../db/connect.ts';
import { checkDataFiles } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

export function migrateCommand(): Command {
  return new Command('migrate').description(describeCommand('migrate')).action(async () => {
    const config = loadConfig();
    checkDataFiles(config);
    const db = connectDatabase(databaseUrl(config));
    try {
      const result = await migrateToLatest(db);
      for (const r of result.results ?? []) process.stdout.write(`${r.status}\t${r.migrationName}\n`);
      if (!result.results?.length) process.stdout.write('up to date\n');
    } finally {
      await db.close();
    }
  });
}
