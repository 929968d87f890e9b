/**
 * Child processes of the multi-process test: each one's stdout and stderr into its own log file, killed
 * by id (never by name) when the harness closes, and killed with SIGKILL from an exit hook if the test
 * process ends first, so that no recorder or API outlives a failed run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';

export const BIN = path.resolve(import.meta.dirname, '../../../bin/custos.mjs');

const live = new Set<ChildProcess>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const child of live) if (child.pid && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

export interface Child {
  name: string;
  pid: number;
  proc: ChildProcess;
  logFile: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Whether the harness or the test ended it on purpose (kill or stop). */
  readonly ended: boolean;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env: Record<string, string>;
  logDir: string;
  stdin?: string;
}

export function spawnCustos(options: SpawnOptions): Child {
  hookExit();
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const proc = spawn(process.execPath, [BIN, ...options.args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (!proc.pid) throw new Error(`${options.name}: could not start`);
  live.add(proc);
  let text = '';
  const take = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (text.length > 4_000_000) text = text.slice(-2_000_000);
    log.write(chunk);
  };
  proc.stdout!.on('data', take);
  proc.stderr!.on('data', take);
  if (options.stdin !== undefined) proc.stdin!.end(options.stdin);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      live.delete(proc);
      log.end(`\n[${new Date().toISOString()}] exited: code ${code} signal ${signal}\n`);
      resolve({ code, signal });
    });
  });
  const running = () => proc.exitCode === null && proc.signalCode === null;
  let ended = false;
  return {
    name: options.name,
    pid: proc.pid,
    proc,
    logFile,
    output: () => text,
    exited,
    running,
    get ended() {
      return ended;
    },
    kill: (signal) => {
      ended = true;
      if (running()) proc.kill(signal);
    },
    async stop(graceMs = 10_000) {
      ended = true;
      if (!running()) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to its end: exit code and output. */
export async function runCustos(options: SpawnOptions & { timeoutMs?: number }): Promise<{ code: number | null; output: string }> {
  const child = spawnCustos(options);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const { code } = await child.exited;
  clearTimeout(timer);
  return { code, output: child.output() };
}

/** Thrown by a probe of waitFor() to stop waiting at once (a process died); other errors are retried. */
export class Fatal extends Error {}

/** Polls `probe` until it returns a value other than undefined/false, or throws naming `what` at the deadline. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof Fatal) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
