/**
 * Keeps one camera's RTSP session up: a fresh client per attempt, exponential backoff with full
 * jitter after a failure (base 500 ms, cap 30 s), the count reset after a stable minute.
 */
import { EventEmitter } from 'node:events';
import { reasonOf } from './errors.ts';

/** What the supervisor needs of a client (RtspClient satisfies it). */
export interface SupervisedClient {
  start(): Promise<void>;
  stop(): Promise<void>;
  once(event: 'closed', listener: (info: { reason: string }) => void): unknown;
}

export type SupervisorState = 'connecting' | 'streaming' | 'backoff' | 'stopped';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SupervisorOptions<C extends SupervisedClient> {
  /** A new client for each attempt; attach the media listeners here. */
  createClient: () => C;
  baseMs?: number;
  capMs?: number;
  stableMs?: number;
  now?: () => number;
  timers?: Timers;
  /** In [0, 1). */
  random?: () => number;
}

export interface SupervisorEvents {
  state: [state: SupervisorState];
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class RtspSupervisor<C extends SupervisedClient = SupervisedClient> extends EventEmitter<SupervisorEvents> {
  state: SupervisorState = 'stopped';
  /** The reason of the latest failure, kept after recovery for the status display. */
  lastError: string | undefined;
  /** Consecutive failed attempts since the last stable session. */
  attempts = 0;
  /** When the current backoff ends (ms, from `now`). */
  retryAt: number | undefined;
  client: C | undefined;

  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly stableMs: number;
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly random: () => number;
  private timer: unknown;
  private generation = 0;

  constructor(private readonly options: SupervisorOptions<C>) {
    super();
    this.baseMs = options.baseMs ?? 500;
    this.capMs = options.capMs ?? 30_000;
    this.stableMs = options.stableMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.attempts = 0;
    this.connect();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.clearTimer();
    this.retryAt = undefined;
    const client = this.client;
    this.client = undefined;
    this.setState('stopped');
    await client?.stop();
  }

  /** The delay before attempt n+1 after n consecutive failures: uniform in [0, min(cap, base·2^(n-1))). */
  backoffMs(failures: number): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.max(0, failures - 1));
    return Math.floor(this.random() * ceiling);
  }

  private connect(): void {
    const generation = ++this.generation;
    this.retryAt = undefined;
    this.setState('connecting');
    let client: C;
    try {
      client = this.options.createClient();
    } catch (error) {
      this.failed(generation, error);
      return;
    }
    this.client = client;
    client.once('closed', ({ reason }) => this.failed(generation, reason));
    void this.run(generation, client);
  }

  private async run(generation: number, client: C): Promise<void> {
    try {
      await client.start();
    } catch (error) {
      this.failed(generation, error);
      return;
    }
    if (generation !== this.generation) return;
    this.setState('streaming');
    this.timer = this.timers.setTimeout(() => {
      if (generation === this.generation) this.attempts = 0;
    }, this.stableMs);
  }

  private failed(generation: number, error: unknown): void {
    if (generation !== this.generation) return;
    this.generation++;
    this.clearTimer();
    this.lastError = reasonOf(error);
    const client = this.client;
    this.client = undefined;
    void client?.stop().catch(() => undefined);
    this.attempts++;
    const delay = this.backoffMs(this.attempts);
    this.retryAt = this.now() + delay;
    this.setState('backoff');
    const backoffGeneration = this.generation;
    this.timer = this.timers.setTimeout(() => {
      if (backoffGeneration === this.generation) this.connect();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: SupervisorState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }
}
