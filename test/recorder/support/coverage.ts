/** Test-only: whether a camera's segments and gaps together account for every second between its first and last footage. */
import type { Db } from '../../../src/db/connect.ts';
import { listGaps } from '../../../src/recording/gap-repository.ts';
import type { RecordingGap, SegmentRow } from '../../../src/recording/model.ts';
import { listSegments } from '../../../src/recording/segment-repository.ts';
import { ALL_TIME } from './segments.ts';

interface Span {
  fromMs: number;
  toMs: number;
}

/** The longest stretch of [from, to] that none of the spans covers. */
export function longestUncovered(spans: Span[], from: number, to: number): number {
  let reached = from;
  let longest = 0;
  for (const span of [...spans].sort((a, b) => a.fromMs - b.fromMs)) {
    if (span.fromMs > reached) longest = Math.max(longest, Math.min(span.fromMs, to) - reached);
    reached = Math.max(reached, span.toMs);
    if (reached >= to) break;
  }
  return Math.max(longest, to - reached);
}

export interface Coverage {
  segments: SegmentRow[];
  gaps: RecordingGap[];
  /** Ms from the first segment's start to the last one's end that neither a segment nor a gap covers, at most. */
  uncoveredMs: number;
}

export async function coverageOf(db: Db, cameraId: string): Promise<Coverage> {
  const segments = await listSegments(db, { cameraId, ...ALL_TIME });
  const gaps = await listGaps(db, { cameraId, ...ALL_TIME });
  const nowMs = Date.now();
  const spans = [...segments.map((s) => ({ fromMs: Date.parse(s.startAt), toMs: Date.parse(s.endAt) })), ...gaps.map((g) => ({ fromMs: Date.parse(g.fromAt), toMs: g.toAt ? Date.parse(g.toAt) : nowMs }))];
  const firstMs = Math.min(...segments.map((s) => Date.parse(s.startAt)));
  const lastMs = Math.max(...segments.map((s) => Date.parse(s.endAt)));
  return { segments, gaps, uncoveredMs: longestUncovered(spans, firstMs, lastMs) };
}
