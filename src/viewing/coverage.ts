/** Recorded coverage for a timeline: the segments' time ranges merged where they touch. */

export interface Span {
  from: string;
  to: string;
}

/** Merges ranges (in any order) that overlap or lie within `toleranceMs` of each other. */
export function mergeCoverage(ranges: readonly { startAt: string; endAt: string }[], toleranceMs = 1000): Span[] {
  const sorted = ranges.map((r) => [Date.parse(r.startAt), Date.parse(r.endAt)] as const).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1] + toleranceMs) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([from, to]) => ({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }));
}
