import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.ts';
import { COMMAND_DESCRIPTIONS, loadAllCommands, loadCommand } from './command-index.ts';

const DESCRIPTION = 'Custos: video management that keeps State Council Order No. 799 / 公共安全视频图像信息系统管理条例';

function programWith(commands: Command[]): Command {
  // Positional: a command's options stay its own (`simulate gb28181 --password` is not `simulate --password`).
  const program = new Command('custos').description(DESCRIPTION).version(VERSION).enablePositionalOptions().exitOverride();
  for (const command of commands) program.addCommand(command.exitOverride());
  return program;
}

/** The whole program, every command built. */
export async function buildProgram(): Promise<Command> {
  return programWith(await loadAllCommands());
}

/**
 * The program for these arguments: the named command built, the others only listed by name and
 * description, so that `custos --help` and a single command start without loading the rest.
 */
async function programFor(argv: string[]): Promise<Command> {
  // `custos help <command>` needs that command built too.
  const name = argv[2] === 'help' ? argv[3] : argv[2];
  const command = name === undefined ? undefined : await loadCommand(name);
  if (command) return programWith([command]);
  return programWith(Object.entries(COMMAND_DESCRIPTIONS).map(([listed, description]) => new Command(listed).description(description)));
}

export async function main(argv: string[]): Promise<number> {
  try {
    await (await programFor(argv)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const { reportError } = await import('./output.ts');
    return reportError(error);
  }
}
