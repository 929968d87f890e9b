import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { FfmpegRecorder, type FfmpegRecorderOptions } from '../../src/recorder/ffmpeg-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { openTestDb } from '../support/db.ts';
import { expectSegmentsPlay, waitFor } from './support/segments.ts';

const run = promisify(execFile);
const ALL = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };


/** The committed clip as an MP4 file: a source only ffmpeg can read. */
async function clipAsMp4(dir: string, codec: 'h264' | 'h265'): Promise<string> {
  const file = path.join(dir, `clip-${codec}.mp4`);
  await run('ffmpeg', ['-v', 'error', '-y', '-r', '25', '-i', DEFAULT_CLIPS[codec], '-c', 'copy', file]);
  return file;
}

describe('ffmpeg fallback recorder', { timeout: 90_000 }, () => {
  let sim: Simulator | undefined;
  let db: DbHandle | undefined;
  const recorders: FfmpegRecorder[] = [];
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await sim?.close();
    await db?.close();
    sim = undefined;
    db = undefined;
  });

  function record(o: Omit<FfmpegRecorderOptions, 'db' | 'clock' | 'segmentMs'>): FfmpegRecorder {
    const recorder = new FfmpegRecorder({ ...o, db: db!.db, clock: systemClock, segmentMs: 2000, backoff: { baseMs: 100, capMs: 500 } });
    recorders.push(recorder);
    recorder.start();
    return recorder;
  }



  it('records a looping MP4 file and an RTSP camera into segments that ffprobe reads, with a verifying chain', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-ffrec-'));
    const root = path.join(dir, 'segments');
    const store = new LocalSegmentStore(root);
    db = await openTestDb('sqlite');
    sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: ['h265'] });
    const file = record({ cameraId: 'cam_file', url: await clipAsMp4(dir, 'h264'), store });
    const rtsp = record({ cameraId: 'cam_rtsp', url: sim.url(1), store });
    const count = async (cameraId: string) => (await listSegments(db!.db, { cameraId, ...ALL })).length;
    await waitFor(async () => (await count('cam_file')) >= 3 && (await count('cam_rtsp')) >= 2, 60_000);
    expect(file.currentStatus).toMatchObject({ state: 'online', codec: 'h264', width: 640, height: 360, reconnects: 0 });
    expect(rtsp.currentStatus).toMatchObject({ state: 'online', codec: 'h265', reconnects: 0 });
    await Promise.all(recorders.splice(0).map((r) => r.stop()));

    await expectSegmentsPlay(db.db, root, 'cam_file', 'h264', 3);
    await expectSegmentsPlay(db.db, root, 'cam_rtsp', 'hevc', 2);
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });

  it('restarts ffmpeg when it ends, continuing the same chain after a recorded gap', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-ffrec-'));
    const root = path.join(dir, 'segments');
    db = await openTestDb('sqlite');
    // Read once at its own pace: ffmpeg ends after the clip's 4 s and is started again.
    const recorder = record({ cameraId: 'cam_once', url: await clipAsMp4(dir, 'h265'), store: new LocalSegmentStore(root), inputArgs: ['-re'] });
    await waitFor(() => recorder.currentStatus.reconnects >= 2, 30_000);
    await recorder.stop();

    expect(recorder.currentStatus.lastError).toMatch(/ffmpeg exited with code 0/);
    await expectSegmentsPlay(db.db, root, 'cam_once', 'hevc', 4);
    const segments = await listSegments(db.db, { cameraId: 'cam_once', ...ALL });
    const gaps = await listGaps(db.db, { cameraId: 'cam_once', ...ALL });
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps[0]).toMatchObject({ reason: 'CONNECTION_LOST' });
    for (let i = 1; i < segments.length; i++) expect(Date.parse(segments[i]!.startAt)).toBeGreaterThanOrEqual(Date.parse(segments[i - 1]!.endAt));
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });

  it('reports a missing ffmpeg binary as the camera’s reason and keeps retrying', async () => {
    db = await openTestDb('sqlite');
    const store = new LocalSegmentStore(mkdtempSync(path.join(tmpdir(), 'custos-ffrec-')));
    const recorder = record({ cameraId: 'cam_noff', url: 'http://127.0.0.1:9/none', store, ffmpegPath: '/nonexistent/ffmpeg' });
    await waitFor(() => recorder.currentStatus.reconnects >= 2, 10_000);
    expect(recorder.currentStatus.lastError).toMatch(/cannot run ffmpeg \(\/nonexistent\/ffmpeg\)/);
    await recorder.stop();
    expect(recorder.currentStatus.state).toBe('stopped');
  });
});
