import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEQ_DISCARDED, SEQ_DUPLICATE, SEQ_LATE, SEQ_RESET, SequenceTracker } from '../../src/media/rtp/sequence.ts';

function feed(tracker: SequenceTracker, seqs: number[]): number[] {
  return seqs.map((s) => tracker.push(s));
}

describe('SequenceTracker', () => {
  it('counts gaps across the 16-bit wrap-around', () => {
    const tracker = new SequenceTracker();
    expect(feed(tracker, [65533, 65534, 0, 1, 5])).toEqual([0, 0, 1, 0, 3]);
    expect(tracker.stats).toMatchObject({ received: 5, lost: 4, duplicates: 0, reordered: 0 });
  });

  it('tells duplicates from late packets, and a late packet is not lost', () => {
    const tracker = new SequenceTracker();
    expect(feed(tracker, [65535, 1, 0, 0, 1, 2])).toEqual([0, 1, SEQ_LATE, SEQ_DUPLICATE, SEQ_DUPLICATE, 0]);
    expect(tracker.stats).toMatchObject({ received: 4, lost: 0, duplicates: 2, reordered: 1 });
  });

  it('takes a big jump only when the next packet confirms it (a restarted source)', () => {
    const tracker = new SequenceTracker();
    expect(feed(tracker, [100, 101, 40000, 40001, 40002])).toEqual([0, 0, SEQ_DISCARDED, SEQ_RESET, 0]);
    expect(feed(tracker, [39000])).toEqual([SEQ_DISCARDED]);
    expect(tracker.stats).toMatchObject({ lost: 0, resets: 1, discarded: 2 });
  });

  it('property: over wrap-arounds, lost equals the packets dropped; local swaps are reordered, not lost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 2, max: 3000 }), fc.array(fc.nat(), { maxLength: 400 }), fc.array(fc.nat(), { maxLength: 50 }), (first, count, dropPicks, swapPicks) => {
        const seqs = Array.from({ length: count }, (_, i) => (first + i) & 0xffff);
        // Never the last one: a trailing loss is invisible until a later packet.
        const dropped = new Set(dropPicks.map((p) => p % (count - 1)).filter((i) => i > 0));
        const kept = seqs.filter((_, i) => !dropped.has(i));
        const swaps = new Set<number>();
        for (const pick of swapPicks) {
          const i = pick % (kept.length - 1);
          if (swaps.has(i) || swaps.has(i - 1) || swaps.has(i + 1) || i === 0) continue;
          swaps.add(i);
          [kept[i], kept[i + 1]] = [kept[i + 1]!, kept[i]!];
        }
        const tracker = new SequenceTracker();
        for (const s of kept) tracker.push(s);
        expect(tracker.stats.lost).toBe(dropped.size);
        expect(tracker.stats.received).toBe(kept.length);
        expect(tracker.stats.duplicates).toBe(0);
        expect(tracker.stats.reordered).toBeLessThanOrEqual(swaps.size);
      }),
      { numRuns: 300 },
    );
  });

  it('fuzz: counters stay whole and add up for any sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }), (seqs) => {
        const tracker = new SequenceTracker({ window: 16 });
        for (const s of seqs) tracker.push(s);
        const { received, duplicates, discarded } = tracker.stats;
        expect(received + duplicates + discarded).toBe(seqs.length);
        for (const value of Object.values(tracker.stats)) expect(Number.isInteger(value) && value >= 0).toBe(true);
      }),
    );
  });
});
