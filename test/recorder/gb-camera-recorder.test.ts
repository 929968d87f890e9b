/**
 * GB/T 28181 channels recorded from PS over RTP (UDP, TCP passive, TCP active), sent by a small
 * device-side sender that a fake broker starts on INVITE: segments that ffprobe reads and decodes,
 * chained and verifiable; a stall ends the session (BYE), records the gap and INVITEs again; garbage
 * and truncated PS on one camera never stop another.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.ts';
import { DEFAULT_CLIPS, loadClip, type Clip } from '../../src/media/simulator/clip.ts';
import type { VideoCodec } from '../../src/media/types.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';
import { verifyChain } from '../../src/recording/verify.ts';
import { createRecorder } from '../../src/recorder/create-recorder.ts';
import { GbCameraRecorder, GB_PLATFORM_NOT_ENABLED } from '../../src/recorder/gb-camera-recorder.ts';
import { needsFfmpeg, type Recorder } from '../../src/recorder/recorder.ts';
import { checkSourceAddress, policyOfRules } from '../../src/registry/source-address-policy.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { FakeGbBroker } from '../support/fake-gb-broker.ts';
import { openTestDb } from '../support/db.ts';
import { ALL_TIME, expectSegmentsPlay, waitFor } from './support/segments.ts';

const DEVICE = '34020000001320000001';
const channel = (n: number) => `3402000000131000000${n}`;
let clips: Record<VideoCodec, Clip>;

beforeAll(async () => {
  clips = { h264: await loadClip(DEFAULT_CLIPS.h264, 'h264'), h265: await loadClip(DEFAULT_CLIPS.h265, 'h265') };
});

describe('GB/T 28181 camera recorder', { timeout: 90_000 }, () => {
  let db: DbHandle | undefined;
  let broker: FakeGbBroker | undefined;
  const recorders: Recorder[] = [];
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    broker?.close();
    await db?.close();
  });

  const segmentsOf = async (cameraId: string) => (await listSegments(db!.db, { cameraId, ...ALL_TIME })).length;

  it('records PS over UDP, TCP passive and TCP active, H.264 and H.265, into segments ffprobe reads, chained and verifiable', async () => {
    db = await openTestDb('sqlite');
    const root = mkdtempSync(path.join(tmpdir(), 'custos-gb-rec-'));
    const store = new LocalSegmentStore(root);
    broker = new FakeGbBroker(clips, (id) => (id === channel(2) ? 'h265' : 'h264'));
    const cameras = [
      ['cam_udp', `gb28181://${DEVICE}/${channel(1)}`],
      ['cam_passive', `gb28181://${DEVICE}/${channel(2)}?transport=tcp-passive`],
      ['cam_active', `gb28181://${DEVICE}/${channel(3)}?transport=tcp-active`],
    ] as const;
    for (const [cameraId, url] of cameras) {
      expect(needsFfmpeg(url)).toBe(false);
      const recorder = createRecorder({ cameraId, url, db: db.db, store, clock: systemClock, segmentMs: 2000, gbMedia: broker });
      expect(recorder).toBeInstanceOf(GbCameraRecorder);
      recorders.push(recorder);
      recorder.start();
    }
    await waitFor(async () => (await Promise.all(cameras.map(([id]) => segmentsOf(id)))).every((n) => n >= 3), 60_000);
    expect(recorders.map((r) => r.currentStatus.state)).toEqual(['online', 'online', 'online']);
    expect(broker.invites.map((r) => r.transport).sort()).toEqual(['tcp-active', 'tcp-passive', 'udp']);
    expect(broker.invites.every((r) => r.mode === 'Play' && r.deviceId === DEVICE && (r.transport === 'tcp-active' || r.receiver.port > 0))).toBe(true);
    const status = recorders[1]!.currentStatus;
    expect(status).toMatchObject({ width: 640, height: 360, framesLost: 0, packetsLost: 0 });
    expect(status.codec).toMatch(/^hvc1|^hev1/);
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    expect(broker.byes).toHaveLength(3);

    await expectSegmentsPlay(db.db, root, 'cam_udp', 'h264', 2);
    await expectSegmentsPlay(db.db, root, 'cam_passive', 'hevc', 2);
    await expectSegmentsPlay(db.db, root, 'cam_active', 'h264', 2);
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });

  it('a stalled device is sent BYE and INVITEd again, the gap recorded; garbage and truncated PS never stop the healthy camera', async () => {
    db = await openTestDb('sqlite');
    const root = mkdtempSync(path.join(tmpdir(), 'custos-gb-rec-'));
    const store = new LocalSegmentStore(root);
    broker = new FakeGbBroker(clips);
    broker.faults.set(channel(2), 'garbage');
    broker.faults.set(channel(3), 'truncate');
    const make = (cameraId: string, n: number) => {
      const recorder = new GbCameraRecorder({ cameraId, url: `gb28181://${DEVICE}/${channel(n)}`, db: db!.db, store, clock: systemClock, segmentMs: 1000, broker, stallMs: 1500, backoff: { baseMs: 50, capMs: 200 } });
      recorders.push(recorder);
      recorder.start();
      return recorder;
    };
    const [healthy, garbage, truncated, stalling] = [make('cam_ok', 1), make('cam_garbage', 2), make('cam_truncated', 3), make('cam_stall', 4)];
    await waitFor(async () => (await segmentsOf('cam_stall')) >= 2 && (await segmentsOf('cam_ok')) >= 2, 30_000);
    broker.senderOf(channel(4))!.setFault('stall');
    await waitFor(() => broker!.invites.filter((r) => r.channelId === channel(4)).length >= 2 && stalling.currentStatus.state === 'online', 30_000);
    expect(stalling.currentStatus.reconnects).toBeGreaterThanOrEqual(1);
    expect(stalling.currentStatus.lastError).toMatch(/no media from the device for 1.5 s/);
    expect(broker.byes.length).toBeGreaterThanOrEqual(1);
    const gaps = await listGaps(db.db, { cameraId: 'cam_stall', ...ALL_TIME });
    expect(gaps.map((g) => g.reason)).toContain('CONNECTION_LOST');
    await waitFor(async () => (await segmentsOf('cam_ok')) >= 6, 30_000);

    expect(healthy.currentStatus).toMatchObject({ state: 'online', framesLost: 0, reconnects: 0 });
    expect(garbage.currentStatus.state).not.toBe('error');
    expect(truncated.currentStatus.framesLost).toBeGreaterThan(0);
    await Promise.all(recorders.splice(0).map((r) => r.stop()));
    await expectSegmentsPlay(db.db, root, 'cam_ok', 'h264', 6);
    await expectSegmentsPlay(db.db, root, 'cam_truncated', 'h264', 1);
    const verified = await verifyChain(db.db, root);
    expect(verified.ok, JSON.stringify(verified.firstProblem)).toBe(true);
  });

  it('without a broker the camera says the platform is not enabled; the source policy lets gb28181:// through', async () => {
    db = await openTestDb('sqlite');
    const store = new LocalSegmentStore(mkdtempSync(path.join(tmpdir(), 'custos-gb-rec-')));
    const recorder = createRecorder({ cameraId: 'cam_off', url: `gb28181://${DEVICE}/${channel(1)}`, db: db.db, store, clock: systemClock });
    recorders.push(recorder);
    recorder.start();
    expect(recorder.currentStatus).toMatchObject({ state: 'error', reason: GB_PLATFORM_NOT_ENABLED });
    const policy = policyOfRules({ networks: ['192.168.0.0/16'], allowLoopback: false, ownPorts: [] });
    await expect(checkSourceAddress(`gb28181://${DEVICE}/${channel(1)}`, policy)).resolves.toBeUndefined();
    await expect(checkSourceAddress('rtsp://127.0.0.1/x', policy)).rejects.toThrow();
  });
});
