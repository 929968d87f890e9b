import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listGaps, recordGap } from '../../src/recording/gap-repository.ts';
import { latestSegment, latestSegments, listRecording, listSegments } from '../../src/recording/segment-repository.ts';
import { DIALECTS } from '../support/db.ts';
import { openRecordingEnv, recordSynthetic, T0, type RecordingEnv } from './support/env.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DIALECTS)('segment and gap lookups (%s)', (dialect) => {
  let env: RecordingEnv;
  beforeEach(async () => {
    env = await openRecordingEnv(dialect);
    // cam_x: 4 segments of 1.2 s from T0; cam_y: 2 from T0 + 1 h.
    await recordSynthetic(env, 'cam_x', 4);
    await recordSynthetic(env, 'cam_y', 2, 3, T0 + 3_600_000);
  });
  afterEach(async () => {
    await env.close();
  });

  it('lists the segments that overlap a range, in order', async () => {
    const db = env.handle.db;
    const seqs = async (from?: number, to?: number) =>
      (await listSegments(db, { cameraId: 'cam_x', ...(from === undefined ? {} : { from: iso(from) }), ...(to === undefined ? {} : { to: iso(to) }) })).map((r) => r.seq);
    expect(await seqs()).toEqual([1, 2, 3, 4]);
    expect(await seqs(T0 + 1300, T0 + 2500)).toEqual([2, 3]);
    expect(await seqs(T0 + 1200, T0 + 2400)).toEqual([2]);
    expect(await seqs(T0 + 4800)).toEqual([]);
    expect(await seqs(undefined, T0)).toEqual([]);
  });

  it('gives the latest segment per camera', async () => {
    const db = env.handle.db;
    expect((await latestSegment(db, 'cam_x'))?.seq).toBe(4);
    expect(await latestSegment(db, 'cam_none')).toBeUndefined();
    expect((await latestSegments(db)).map((r) => [r.cameraId, r.seq])).toEqual([
      ['cam_x', 4],
      ['cam_y', 2],
    ]);
  });

  it('lists gaps that overlap a range, open ones reaching to now, with the segments', async () => {
    const db = env.handle.db;
    const at = env.clock.now();
    await recordGap(db, { cameraId: 'cam_x', fromAt: iso(T0 + 4800), toAt: iso(T0 + 60_000), reason: 'CONNECTION_LOST', detail: 'RTSP timeout' }, at);
    await recordGap(db, { cameraId: 'cam_x', fromAt: iso(T0 + 120_000), reason: 'SERVER_STOPPED' }, at);
    const reasons = async (from: number, to: number) => (await listGaps(db, { cameraId: 'cam_x', from: iso(from), to: iso(to) })).map((g) => g.reason);
    expect(await reasons(T0, T0 + 5000)).toEqual(['CONNECTION_LOST']);
    expect(await reasons(T0 + 60_000, T0 + 100_000)).toEqual([]);
    expect(await reasons(T0 + 200_000, T0 + 300_000)).toEqual(['SERVER_STOPPED']);
    const recording = await listRecording(db, { cameraId: 'cam_x', from: iso(T0 + 3000), to: iso(T0 + 200_000) });
    expect(recording.segments.map((s) => s.seq)).toEqual([3, 4]);
    expect(recording.gaps).toMatchObject([{ reason: 'CONNECTION_LOST', detail: 'RTSP timeout' }, { reason: 'SERVER_STOPPED', toAt: null }]);
  });
});
