/** What "nothing recorded twice" means over the segment index, as lists of problems (empty: none). */

export interface IndexedSegment {
  cameraId: string;
  seq: number;
  startAt: string;
  endAt: string;
  createdAt: string;
}

function byCamera<T extends { cameraId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(row.cameraId, [...(out.get(row.cameraId) ?? []), row]);
  return out;
}

/** Per camera: seqs unique, and in seq order each segment starts no earlier than the previous one ended. */
export function doubleRecording(segments: readonly IndexedSegment[]): string[] {
  const problems: string[] = [];
  for (const [cameraId, rows] of byCamera(segments)) {
    const sorted = [...rows].sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (cur.seq === prev.seq) problems.push(`${cameraId}: seq ${cur.seq} twice`);
      if (Date.parse(cur.startAt) < Date.parse(prev.endAt)) problems.push(`${cameraId}: seq ${cur.seq} starts ${cur.startAt}, before seq ${prev.seq} ends ${prev.endAt}`);
    }
  }
  return problems;
}

/**
 * For cameras whose recorder was killed at `killAtMs`: in seq order, every segment indexed before the kill
 * (the dead recorder's) comes before every segment indexed after it (its successor's), never interleaved.
 */
export function interleaved(segments: readonly IndexedSegment[], cameraIds: ReadonlySet<string>, killAtMs: number): string[] {
  const problems: string[] = [];
  for (const [cameraId, rows] of byCamera(segments)) {
    if (!cameraIds.has(cameraId)) continue;
    const sorted = [...rows].sort((a, b) => a.seq - b.seq);
    let seenAfter: IndexedSegment | undefined;
    for (const s of sorted) {
      const after = Date.parse(s.createdAt) > killAtMs;
      if (after) seenAfter ??= s;
      else if (seenAfter) problems.push(`${cameraId}: seq ${s.seq} of the killed recorder after seq ${seenAfter.seq} of its successor`);
    }
  }
  return problems;
}
