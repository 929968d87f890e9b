import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RtspSupervisor, type Timers } from '../../src/media/rtsp/reconnect.ts';

/** A manual clock: timers fire only when the test advances time. */
class ManualTimers implements Timers {
  now = 0;
  private queue: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.now + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  get pending(): number[] {
    return this.queue.map((t) => t.at - this.now);
  }
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      await flush();
      const due = this.queue.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.queue = this.queue.filter((t) => t !== due);
      this.now = due.at;
      due.callback();
    }
    this.now = target;
    await flush();
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

class FakeClient extends EventEmitter<{ closed: [{ reason: string }] }> {
  stopped = false;
  /** 'ok', or the reason the start fails with. */
  constructor(private readonly outcome: string) {
    super();
  }
  async start(): Promise<void> {
    if (this.outcome !== 'ok') {
      this.emit('closed', { reason: this.outcome });
      throw new Error(this.outcome);
    }
  }
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.emit('closed', { reason: 'stopped' });
  }
  drop(reason: string): void {
    this.emit('closed', { reason });
  }
}

function supervise(outcomes: string[], random = () => 0.999_999) {
  const timers = new ManualTimers();
  const clients: FakeClient[] = [];
  const supervisor = new RtspSupervisor({
    createClient: () => {
      const client = new FakeClient(outcomes.shift() ?? 'ok');
      clients.push(client);
      return client;
    },
    timers,
    now: () => timers.now,
    random,
  });
  const states: string[] = [];
  supervisor.on('state', (s) => states.push(s));
  return { supervisor, timers, clients, states };
}

describe('reconnect supervisor', () => {
  it('backs off exponentially with full jitter up to the cap', () => {
    const { supervisor } = supervise([]);
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => supervisor.backoffMs(n));
    expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999]);
    const low = supervise([], () => 0).supervisor;
    expect(low.backoffMs(5)).toBe(0);
    const mid = supervise([], () => 0.5).supervisor;
    expect(mid.backoffMs(3)).toBe(1000);
  });

  it('retries after failures, reports the reason and attempts, and streams when a start succeeds', async () => {
    const { supervisor, timers, clients, states } = supervise(['E_RTSP_TIMEOUT: no answer', 'E_RTSP_AUTH: refused']);
    supervisor.start();
    await timers.advance(0);
    expect(supervisor.state).toBe('backoff');
    expect(supervisor.attempts).toBe(1);
    expect(supervisor.lastError).toBe('E_RTSP_TIMEOUT: no answer');
    expect(timers.pending).toEqual([499]);
    await timers.advance(499);
    expect(supervisor.attempts).toBe(2);
    expect(supervisor.lastError).toBe('E_RTSP_AUTH: refused');
    expect(timers.pending).toEqual([999]);
    await timers.advance(999);
    expect(supervisor.state).toBe('streaming');
    expect(clients).toHaveLength(3);
    expect(states).toEqual(['connecting', 'backoff', 'connecting', 'backoff', 'connecting', 'streaming']);
    expect(supervisor.attempts).toBe(2);
  });

  it('resets the attempts after a stable minute, not before', async () => {
    const { supervisor, timers, clients } = supervise(['x', 'y']);
    supervisor.start();
    await timers.advance(499 + 999);
    expect(supervisor.state).toBe('streaming');
    await timers.advance(59_000);
    clients[2]?.drop('E_RTSP_STALLED');
    await timers.advance(0);
    expect(supervisor.attempts).toBe(3);
    expect(timers.pending).toEqual([1999]);
    await timers.advance(1999);
    expect(supervisor.state).toBe('streaming');
    await timers.advance(60_000);
    expect(supervisor.attempts).toBe(0);
    clients[3]?.drop('E_RTSP_NETWORK: connection closed by the server');
    await timers.advance(0);
    expect(supervisor.attempts).toBe(1);
    expect(timers.pending).toEqual([499]);
  });

  it('stops: no retry, the client stopped, state stopped', async () => {
    const { supervisor, timers, clients } = supervise(['x']);
    supervisor.start();
    await timers.advance(0);
    await supervisor.stop();
    expect(supervisor.state).toBe('stopped');
    await timers.advance(60_000);
    expect(clients).toHaveLength(1);

    supervisor.start();
    await timers.advance(0);
    expect(supervisor.state).toBe('streaming');
    await supervisor.stop();
    expect(clients[1]?.stopped).toBe(true);
    await timers.advance(60_000);
    expect(supervisor.state).toBe('stopped');
    expect(clients).toHaveLength(2);
  });
});
