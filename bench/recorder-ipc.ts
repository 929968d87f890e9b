/** Children of the benchmark: spawned, tracked, and all ended on exit or Ctrl-C; messages awaited with a deadline. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return track(spawn(command, args, options));
}

/** A Node child running a TypeScript file through tsx, with an IPC channel. */
export function spawnNode(file: string, arg: unknown, nodeArgs: string[] = [], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawnTracked(process.execPath, [...nodeArgs, '--import', 'tsx', new URL(file, import.meta.url).pathname, JSON.stringify(arg)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
  });
}

export function trackTempDir(dir: string): void {
  tempDirs.add(dir);
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.pid) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, cleaning up`);
    killAll();
    process.exit(130);
  });
}

export interface Message {
  type: string;
  [key: string]: unknown;
}

export function waitMessage(child: ChildProcess, type: string, timeoutMs: number): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no '${type}' from child ${child.pid} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: Message) => {
      if (message.type === type) done(undefined, message);
    };
    const onExit = (code: number | null) => done(new Error(`child ${child.pid} exited (${code}) before '${type}'`));
    function done(error?: Error, message?: Message) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function request(child: ChildProcess, message: Message, reply: string, timeoutMs: number): Promise<Message> {
  const answer = waitMessage(child, reply, timeoutMs);
  child.send(message);
  return answer;
}

/** Waits for the child to exit, killing it after `graceMs`. */
export async function ended(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
