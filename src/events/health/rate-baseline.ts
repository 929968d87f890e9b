/**
 * A camera's own normal frame rate and bitrate: the median of what it sent while recording normally in
 * the last minutes. Samples taken while a rate is low are left out, so that a long collapse never
 * becomes the new normal. Until `learnMs` of samples exist the baseline is still being learnt.
 */
export interface RateSample {
  at: number;
  fps: number;
  bitrateBps: number;
}

export interface Baseline {
  fps: number;
  bitrateBps: number;
}

export class RateBaseline {
  private samples: RateSample[] = [];

  constructor(private readonly learnMs: number) {}

  add(sample: RateSample): void {
    this.samples.push(sample);
    const keepFrom = sample.at - 2 * this.learnMs;
    while (this.samples.length > 0 && this.samples[0]!.at < keepFrom) this.samples.shift();
  }

  /** The medians, or null while learning (less than `learnMs` of samples). */
  current(now: number): Baseline | null {
    const first = this.samples[0];
    if (!first || now - first.at < this.learnMs) return null;
    return { fps: median(this.samples.map((s) => s.fps)), bitrateBps: median(this.samples.map((s) => s.bitrateBps)) };
  }

  clear(): void {
    this.samples = [];
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
