import { execFile } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the real `custos` command line in its own process. */
export function custos(args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, cwd, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr, json: <T>() => JSON.parse(stdout) as T });
      },
    );
  });
}
