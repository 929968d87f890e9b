/** Walks a camera's day folders (`<yyyy>/<mm>/<dd>`) for segment files, oldest day first. */
import path from 'node:path';
import type { SegmentFs } from './segment-fs.ts';
import { parseSegmentName } from './segment-paths.ts';

export interface FoundFile {
  /** Relative to the segments root, `/`-separated. */
  rel: string;
  abs: string;
  seq: number;
  startMs: number;
  partial: boolean;
}

const numeric = (n: number) => (name: string) => name.length === n && /^\d+$/.test(name);

/** The camera's day folders as `yyyy/mm/dd`, sorted, from `fromDay` (same form) on when given. */
export async function dayFolders(fs: SegmentFs, cameraAbs: string, fromDay?: string): Promise<string[]> {
  const days: string[] = [];
  for (const y of (await fs.list(cameraAbs)).filter(numeric(4))) {
    for (const m of (await fs.list(path.join(cameraAbs, y))).filter(numeric(2))) {
      for (const d of (await fs.list(path.join(cameraAbs, y, m))).filter(numeric(2))) days.push(`${y}/${m}/${d}`);
    }
  }
  return days.sort().filter((day) => !fromDay || day >= fromDay);
}

/** The segment files (final and partial) in the given day folders; other names are ignored. */
export async function segmentFiles(fs: SegmentFs, root: string, cameraId: string, days: string[]): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  for (const day of days) {
    const dir = path.join(root, cameraId, ...day.split('/'));
    for (const name of await fs.list(dir)) {
      const parsed = parseSegmentName(name);
      if (parsed) found.push({ rel: `${cameraId}/${day}/${name}`, abs: path.join(dir, name), ...parsed });
    }
  }
  return found.sort((a, b) => a.seq - b.seq || Number(a.partial) - Number(b.partial));
}

/** `yyyy/mm/dd` of an ISO instant. */
export const dayOf = (iso: string): string => iso.slice(0, 10).replaceAll('-', '/');
