/** A migrated test database and a segments folder of its own. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DbDialect, DbHandle } from '../../../src/db/connect.ts';
import { LocalSegmentStore } from '../../../src/recording/local-segment-store.ts';
import type { SegmentFs } from '../../../src/recording/segment-fs.ts';
import { SegmentWriter, type SegmentWriterOptions } from '../../../src/recording/segment-writer.ts';
import { fixedClock } from '../../../src/shared/clock.ts';
import { openTestDb } from '../../support/db.ts';

export interface RecordingEnv {
  handle: DbHandle;
  root: string;
  store: LocalSegmentStore;
  clock: ReturnType<typeof fixedClock>;
  writer(cameraId: string, options?: Partial<SegmentWriterOptions>): SegmentWriter;
  close(): Promise<void>;
}

export async function openRecordingEnv(dialect: DbDialect, options: { root?: string; fs?: SegmentFs } = {}): Promise<RecordingEnv> {
  const handle = await openTestDb(dialect);
  const dir = options.root ? undefined : mkdtempSync(path.join(tmpdir(), 'custos-rec-'));
  const root = options.root ?? path.join(dir as string, 'segments');
  const store = new LocalSegmentStore(root, options.fs);
  const clock = fixedClock('2025-06-01T02:00:00Z');
  return {
    handle,
    root,
    store,
    clock,
    writer: (cameraId, extra = {}) => new SegmentWriter({ db: handle.db, store, cameraId, clock, ...extra }),
    async close() {
      await handle.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const T0 = Date.parse('2025-06-01T01:00:00Z');

export const sha256File = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Writes `count` segments of `perSegment` synthetic fragments (10 frames, 400 ms each) for a camera. */
export async function recordSynthetic(env: RecordingEnv, cameraId: string, count: number, perSegment = 3, fromMs = T0): Promise<void> {
  const { syntheticFragment, syntheticInit } = await import('./fmp4.ts');
  const writer = env.writer(cameraId);
  let t = fromMs;
  for (let s = 0; s < count; s++) {
    await writer.open(syntheticInit());
    for (let f = 0; f < perSegment; f++, t += 400) await writer.append(syntheticFragment(s * perSegment + f + 1, 10), { startMs: t, endMs: t + 400, frames: 10, keyframe: true });
    await writer.close();
  }
}
