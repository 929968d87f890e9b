/**
 * Test-only: the camera simulator in a child process, so that a test can block its own event loop
 * (the simulator keeps sending) or SIGSTOP/SIGCONT the simulator. The API mirrors `Simulator`, async.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CameraStats } from '../../src/media/simulator/camera.ts';
import type { Fault } from '../../src/media/simulator/faults.ts';
import type { SimulatorOptions } from '../../src/media/simulator/server.ts';

/** Only what crosses a process boundary: clips as file paths. */
export type SimulatorProcessOptions = Omit<SimulatorOptions, 'clip'> & { clip: { h264?: string; h265?: string } };

export type ChildRequest =
  | { id: number; op: 'stats'; camera: number }
  | { id: number; op: 'setFault'; camera: number; fault: Fault | null }
  | { id: number; op: 'close' };

export type ChildReply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface SimulatorProcess {
  port: number;
  /** The child's process id, e.g. for SIGSTOP/SIGCONT. */
  pid: number;
  url(camera: number): string;
  stats(camera: number): Promise<CameraStats>;
  setFault(camera: number, fault: Fault | null): Promise<void>;
  /** Closes the simulator and ends the process (killing it if it does not end, e.g. while stopped). */
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./simulator-child.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 5000;

export async function startSimulatorProcess(options: SimulatorProcessOptions): Promise<SimulatorProcess> {
  const child = fork(CHILD, [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (reply: ChildReply) => {
    const waiter = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.value);
    else waiter?.reject(new Error(`simulator process: ${reply.error}`));
  });
  child.once('exit', (code, signal) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`simulator process ended (${signal ?? code})`));
    waiting.clear();
  });
  let nextId = 1;
  const reply = (id: number): Promise<unknown> => new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
  const ask = (request: DistributiveOmit<ChildRequest, 'id'>): Promise<unknown> => {
    const id = nextId++;
    const answered = reply(id);
    child.send({ ...request, id });
    return answered;
  };

  // The child's first message (id 0) says it listens.
  const ready = reply(0);
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  let started: { port: number; urls: string[] };
  try {
    started = (await ready) as { port: number; urls: string[] };
  } finally {
    clearTimeout(timer);
  }
  return {
    port: started.port,
    pid: child.pid!,
    url: (n) => {
      const url = started.urls[n - 1];
      if (!url) throw new RangeError(`no camera ${n}: cameras are 1…${started.urls.length}`);
      return url;
    },
    stats: async (camera) => (await ask({ op: 'stats', camera })) as CameraStats,
    setFault: async (camera, fault) => {
      await ask({ op: 'setFault', camera, fault });
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      const kill = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
      await Promise.race([ask({ op: 'close' }).catch(() => undefined), exited]);
      if (child.connected) child.disconnect();
      await exited;
      clearTimeout(kill);
    },
  };
}
