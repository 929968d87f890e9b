/** At most `slots` tasks at once, at most `maxQueue` waiting; a task beyond that is not queued at all. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly slots: number,
    private readonly maxQueue: number,
  ) {}

  /** Runs `task` in a slot; `full()` is thrown, without running it, when the queue is full. */
  async run<T>(task: () => Promise<T>, full: () => Error): Promise<T> {
    if (this.active >= this.slots) {
      if (this.waiting.length >= this.maxQueue) throw full();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `active` counts it still.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
