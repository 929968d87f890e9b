/** Counts of events per key within a sliding window of time, in memory, with a cap on the keys kept. */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Adds an event at `now` and returns how many the key has within the window. */
  add(key: string, now: number): number {
    const times = (this.events.get(key) ?? []).filter((t) => t > now - this.windowMs);
    times.push(now);
    this.events.delete(key);
    this.events.set(key, times);
    if (this.events.size > this.maxKeys) this.events.delete(this.events.keys().next().value as string);
    return times.length;
  }

  /** The time of the key's latest event, or undefined. */
  last(key: string): number | undefined {
    return this.events.get(key)?.at(-1);
  }
}
