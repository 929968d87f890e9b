/**
 * The recorder against an RTSP server none of us wrote: GStreamer's, from Debian packages. Missing
 * packages fail the run in CI and skip it (loudly) elsewhere.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { openTestDb } from '../support/db.ts';
import { gstMissing, startGstServer, type GstServer } from '../support/gst-server.ts';
import { expectSegmentsPlay, waitFor } from './support/segments.ts';

const missing = gstMissing();
if (missing) console.warn(`\n*** foreign-peer tests ${process.env.CI ? 'FAIL' : 'SKIPPED'}: ${missing}\n`);
const ALL = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };


describe.skipIf(missing !== null && !process.env.CI)('camera recorder against GStreamer’s RTSP server', { timeout: 90_000 }, () => {
  let server: GstServer | undefined;
  let db: DbHandle | undefined;
  const recorders: CameraRecorder[] = [];
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await server?.close();
    await db?.close();
  });

  it('records H.264 and H.265 into segments that ffprobe reads, with matching frame counts and a verifying chain', async () => {
    expect(missing, 'GStreamer packages').toBeNull();
    server = await startGstServer();
    db = await openTestDb('sqlite');
    const root = mkdtempSync(path.join(tmpdir(), 'custos-gst-'));
    const store = new LocalSegmentStore(root);
    const cameras = [['cam_gst_h264', 'h264'], ['cam_gst_h265', 'h265']] as const;
    for (const [cameraId, codec] of cameras) {
      const recorder = new CameraRecorder({ cameraId, url: server.url(codec), db: db.db, store, clock: systemClock, segmentMs: 2000 });
      recorders.push(recorder);
      recorder.start();
    }
    const count = async (cameraId: string) => (await listSegments(db!.db, { cameraId, ...ALL })).length;
    await waitFor(async () => (await count('cam_gst_h264')) >= 2 && (await count('cam_gst_h265')) >= 2, 60_000);
    expect(recorders.map((r) => r.currentStatus.state)).toEqual(['online', 'online']);
    await Promise.all(recorders.splice(0).map((r) => r.stop()));

    for (const [cameraId, codec] of cameras) await expectSegmentsPlay(db.db, root, cameraId, codec === 'h264' ? 'h264' : 'hevc', 2);
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });
});
