/** `custos --help` lists the commands without loading them; the listing must match the built program. */
import { describe, expect, it } from 'vitest';
import { COMMAND_DESCRIPTIONS } from '../../src/cli/command-index.ts';
import { buildProgram } from '../../src/cli/main.ts';
import { custos } from '../support/cli.ts';

describe('custos command index', () => {
  it('lists exactly the commands the program builds, with their own descriptions', async () => {
    const program = await buildProgram();
    const built = Object.fromEntries(program.commands.map((command) => [command.name(), command.description()]));
    expect(built).toEqual(COMMAND_DESCRIPTIONS);
  });

  it('prints the whole listing, and a command help through `help <command>`, from the compiled build', async () => {
    const help = await custos(['--help'], {});
    expect(help.status).toBe(0);
    for (const name of Object.keys(COMMAND_DESCRIPTIONS)) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const unit = await custos(['help', 'unit'], {});
    expect(unit.status).toBe(0);
    expect(unit.stdout).toContain('Usage: custos unit');
    expect(unit.stdout).toMatch(/^ {2}add\b/m);
    const unknown = await custos(['no-such-command'], {});
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'no-such-command'");
  });
});
