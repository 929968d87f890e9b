/** Fixtures for the state-organ request tests: a legal-basis document with a scan, a request body. */
import { createHash } from 'node:crypto';

export const ORGAN = '某市公安局某分局刑侦大队';
export const SCAN = Buffer.from('%PDF-1.4\n% 调取证据通知书 扫描件\n');
export const SCAN_SHA256 = createHash('sha256').update(SCAN).digest('hex');

export const notice = (number = '某公(刑)调证字〔2025〕123号', date = '2025-05-01') => ({
  type: '调取证据通知书',
  number,
  date,
  file: { fileName: 'notice.pdf', contentType: 'application/pdf', contentBase64: SCAN.toString('base64') },
});

export function requestBody(scope: { cameraId: string; from: string; to: string }[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organName: ORGAN,
    organType: 'PUBLIC_SECURITY',
    officers: [
      { name: '王警官', credentialNumber: '010203' },
      { name: '李警官', credentialNumber: '040506' },
    ],
    purpose: 'LAW_ENFORCEMENT_CASE',
    caseNumber: 'A2025-0501-77',
    document: notice(),
    scope,
    ...extra,
  };
}

import { createReadStream } from 'node:fs';
import path from 'node:path';
import { startSimulator } from '../../src/media/simulator/server.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { LocalSegmentStore, segmentsRoot } from '../../src/recording/local-segment-store.ts';
import { indexSegment, listSegments } from '../../src/recording/segment-repository.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/db/connect.ts';
import { openTestDb } from '../support/db.ts';
import { waitFor } from '../recorder/support/segments.ts';

export interface Recorded {
  root: string;
  rows: SegmentRow[];
}

/** Real H.264 segments from the camera simulator (a bundle remuxes them into one MP4). */
export async function recordReal(scratch: string, count = 3): Promise<Recorded> {
  const sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: ['h264'] });
  const db = await openTestDb('sqlite');
  try {
    const root = path.join(scratch, 'rec');
    const recorder = new CameraRecorder({ cameraId: 'cam_sim', url: sim.url(1), db: db.db, store: new LocalSegmentStore(root), clock: systemClock, segmentMs: 1000 });
    recorder.start();
    const all = { cameraId: 'cam_sim', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
    await waitFor(async () => (await listSegments(db.db, all)).length >= count, 60_000);
    await recorder.stop();
    return { root, rows: (await listSegments(db.db, all)).slice(0, count) };
  } finally {
    await sim.close();
    await db.close();
  }
}

/** Files recorded segments as a camera's from `fromMs` on; returns the rows as filed. */
export async function fileAs(recorded: Recorded, db: Db, dataDir: string, cameraId: string, fromMs: number, at: Date): Promise<{ id: string; sha256: string }[]> {
  const store = new LocalSegmentStore(segmentsRoot(dataDir));
  let startMs = fromMs;
  const out: { id: string; sha256: string }[] = [];
  for (const [i, row] of recorded.rows.entries()) {
    const key = { cameraId, seq: i + 1, startMs };
    const stored = await store.put(key, createReadStream(path.join(recorded.root, row.path)));
    await indexSegment(db, { ...key, endMs: startMs + row.durationMs, bytes: stored.bytes, codec: row.codec, frames: row.frames, path: stored.path, sha256: stored.sha256 }, at);
    startMs += row.durationMs;
  }
  const rows = await listSegments(db, { cameraId, from: new Date(fromMs).toISOString(), to: new Date(startMs).toISOString() });
  for (const r of rows) out.push({ id: r.id, sha256: r.sha256 });
  return out;
}
