/** The multi-process test's "nothing recorded twice" checks find what they look for (and nothing in a clean index). */
import { describe, expect, it } from 'vitest';
import { doubleRecording, interleaved, type IndexedSegment } from './support/recording-checks.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const seg = (cameraId: string, seq: number, from: number, to: number, indexed = to): IndexedSegment => ({ cameraId, seq, startAt: at(from), endAt: at(to), createdAt: at(indexed) });

describe('nothing recorded twice, over the segment index', () => {
  const clean = [seg('a', 1, 0, 2), seg('a', 2, 2, 4), seg('a', 3, 12, 14), seg('b', 1, 0, 2), seg('b', 2, 2, 4)];

  it('finds nothing in contiguous segments and in segments after a gap', () => {
    expect(doubleRecording(clean)).toEqual([]);
    expect(interleaved(clean, new Set(['a']), T0 + 5000)).toEqual([]);
  });

  it('finds a segment that starts before the previous one of its camera ended, and a seq used twice', () => {
    expect(doubleRecording([...clean, seg('b', 3, 3, 5)])).toEqual([`b: seq 3 starts ${at(3)}, before seq 2 ends ${at(4)}`]);
    expect(doubleRecording([seg('c', 1, 0, 2), seg('c', 1, 2, 4)])).toEqual(['c: seq 1 twice']);
  });

  it("finds a killed recorder's segment after its successor's", () => {
    const mixed = [seg('a', 1, 0, 2, 2), seg('a', 2, 12, 14, 14), seg('a', 3, 14, 16, 4)];
    expect(interleaved(mixed, new Set(['a']), T0 + 5000)).toEqual(['a: seq 3 of the killed recorder after seq 2 of its successor']);
    expect(interleaved(mixed, new Set(['b']), T0 + 5000)).toEqual([]);
  });
});
