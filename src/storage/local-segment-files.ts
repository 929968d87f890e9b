/**
 * The final segment files of one segments folder that started before a time, read from the folder
 * itself (day folders by name, start by file name): what a process holds on its own disk, whatever
 * the index says other nodes hold. Partial files and the orphans and quarantine folders are left out.
 */
import path from 'node:path';
import type { SegmentFs } from '../recording/segment-fs.ts';
import { isCameraId } from '../recording/segment-paths.ts';
import { dayFolders, dayOf, segmentFiles, type FoundFile } from '../recording/segment-scan.ts';

export async function* finalFilesBefore(fs: SegmentFs, root: string, beforeMs: number, batch: number): AsyncGenerator<FoundFile[]> {
  const lastDay = dayOf(new Date(beforeMs).toISOString());
  let pending: FoundFile[] = [];
  for (const cameraId of (await fs.list(root)).filter(isCameraId).sort()) {
    for (const day of await dayFolders(fs, path.join(root, cameraId))) {
      if (day > lastDay) break;
      for (const file of await segmentFiles(fs, root, cameraId, [day])) {
        if (file.partial || file.startMs >= beforeMs) continue;
        pending.push(file);
        if (pending.length >= batch) {
          yield pending;
          pending = [];
        }
      }
    }
  }
  if (pending.length > 0) yield pending;
}
