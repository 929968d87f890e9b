/**
 * One timer for the whole server: every tick, each playing stream sends the frames that have come due.
 * A per-camera timer would cost 300 wake-ups per frame interval at 300 cameras; this costs one.
 */
import { performance } from 'node:perf_hooks';

export interface Paced {
  /** Sends what is due at `nowMs` (performance.now() time). */
  tick(nowMs: number): void;
}

export class Pacer {
  private readonly streams = new Set<Paced>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly tickMs = 10) {}

  add(stream: Paced): void {
    this.streams.add(stream);
    this.timer ??= setInterval(this.tick, this.tickMs);
  }

  remove(stream: Paced): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    const now = performance.now();
    for (const stream of this.streams) stream.tick(now);
  };
}
