/** REG-15-8: custos_recording_seconds_missing_total counts every second not recorded and never goes down; custos_camera_keepalives_unanswered_total the same way. */
import { afterEach, describe, expect, it } from 'vitest';
import { initialStatus, type CameraRecordingStatus } from '../../src/recorder/camera-status.ts';
import type { RecorderService } from '../../src/recorder/recorder-service.ts';
import { openTestApp, type TestApp } from '../support/app.ts';

describe('custos_recording_seconds_missing_total', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('adds the increases of each camera\'s secondsMissing between scrapes, also across a restart of its recorder', async () => {
    let statuses: CameraRecordingStatus[] = [];
    const recorder = { status: () => statuses, statusOf: () => undefined, setLiveTap: () => undefined, stop: async () => undefined };
    t = await openTestApp('sqlite', { recorder: () => recorder as unknown as RecorderService });
    const at = (missing: number): CameraRecordingStatus[] => [{ ...initialStatus('cam_a', new Date()), state: 'online', secondsMissing: missing }];
    const scrape = async (): Promise<number | undefined> => {
      const response = await t!.call('GET', '/metrics');
      expect(response.statusCode).toBe(200);
      const line = response.body.split('\n').find((l) => l.startsWith('custos_recording_seconds_missing_total{camera="cam_a"}'));
      return line === undefined ? undefined : Number(line.split(' ').at(-1));
    };
    expect(await scrape()).toBeUndefined();
    const seen: number[] = [];
    // 10 s, 25 s, then the recorder restarts (3 s of its own), then 5 s.
    for (const missing of [10, 25, 25, 3, 5]) {
      statuses = at(missing);
      seen.push((await scrape())!);
    }
    expect(seen).toEqual([10, 25, 25, 28, 30]);
    const body = (await t.call('GET', '/metrics')).body;
    expect(body).toContain('# TYPE custos_recording_seconds_missing_total counter');
  });

  it('custos_camera_keepalives_unanswered_total adds each camera\'s keep-alives left unanswered, also across a restart of its recorder', async () => {
    let statuses: CameraRecordingStatus[] = [];
    const recorder = { status: () => statuses, statusOf: () => undefined, setLiveTap: () => undefined, stop: async () => undefined };
    t = await openTestApp('sqlite', { recorder: () => recorder as unknown as RecorderService });
    const seen: number[] = [];
    for (const unanswered of [0, 2, 5, 1]) {
      statuses = [{ ...initialStatus('cam_a', new Date()), state: 'online', keepAlivesUnanswered: unanswered }];
      const body = (await t.call('GET', '/metrics')).body;
      expect(body).toContain('# TYPE custos_camera_keepalives_unanswered_total counter');
      seen.push(Number(body.split('\n').find((l) => l.startsWith('custos_camera_keepalives_unanswered_total{camera="cam_a"}'))?.split(' ').at(-1)));
    }
    expect(seen).toEqual([0, 2, 5, 6]);
  });
});
