import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.ts';
import { adminCommand } from './commands/admin.ts';
import { archiveCommand } from './commands/archive.ts';
import { auditCommand } from './commands/audit.ts';
import { advisoryCommands } from './commands/advisories.ts';
import { assetCommands } from './commands/assets.ts';
import { complianceCommand } from './commands/compliance.ts';
import { docsCommands } from './commands/docs.ts';
import { filingCommand } from './commands/filing.ts';
import { exportBundleCommands } from './commands/export-bundle.ts';
import { ledgerCommand } from './commands/ledger.ts';
import { migrateCommand } from './commands/migrate.ts';
import { recordingsCommand } from './commands/recordings.ts';
import { registerCommand } from './commands/register.ts';
import { retentionCommand } from './commands/retention.ts';
import { registryCommands } from './commands/registry.ts';
import { serveCommand } from './commands/serve.ts';
import { simulateCommand } from './commands/simulate.ts';
import { reportError } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('custos')
    .description('Custos: video management that keeps State Council Order No. 799 / 公共安全视频图像信息系统管理条例')
    .version(VERSION)
    .exitOverride();
  program.addCommand(serveCommand());
  program.addCommand(migrateCommand());
  program.addCommand(adminCommand());
  for (const command of registryCommands()) program.addCommand(command);
  for (const command of [...assetCommands(), ...advisoryCommands()]) program.addCommand(command);
  program.addCommand(filingCommand());
  program.addCommand(complianceCommand());
  program.addCommand(archiveCommand());
  program.addCommand(recordingsCommand());
  program.addCommand(registerCommand());
  program.addCommand(retentionCommand());
  program.addCommand(auditCommand());
  program.addCommand(ledgerCommand());
  for (const command of exportBundleCommands()) program.addCommand(command);
  program.addCommand(simulateCommand());
  for (const command of docsCommands()) program.addCommand(command);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error);
  }
}
