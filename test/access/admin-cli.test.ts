/** `custos admin create --password-stdin`: the first administrator from the machine, then refused. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');

function custosWithStdin(args: string[], env: Record<string, string>, stdin: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('custos admin create', { timeout: 120_000 }, () => {
  it('creates the first administrator with the password from stdin, refuses a weak one, and refuses once a user exists', async () => {
    const env = { CUSTOS_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'custos-admin-')), 'data') };
    const args = ['admin', 'create', '--username', 'root.admin', '--display-name', '管理员', '--password-stdin'];
    const weak = await custosWithStdin(args, env, 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('E_PASSWORD_WEAK');
    const ok = await custosWithStdin(args, env, 'a strong first password\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ username: 'root.admin', displayName: '管理员', active: true });
    expect(ok.stdout).not.toContain('a strong first password');
    const again = await custosWithStdin([...args.slice(0, 3), 'second', ...args.slice(4)], env, 'a strong first password\n');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('E_SETUP_DONE');
  });
});
