/**
 * A camera's ONVIF events subscriber against the responder simulator: motion and tamper raise and
 * resolve alarms; a device that forgets its subscriptions (restart) is subscribed again after a
 * backoff; a PullMessages longer than the client's time limit is not cut off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OnvifClient } from '../../../src/devices/onvif/client.ts';
import { PullPointSubscriber } from '../../../src/devices/onvif/events/pull-point-subscriber.ts';
import { alarmChangeOf } from '../../../src/devices/onvif/events/notification-alarms.ts';
import { startOnvifResponder, type OnvifResponder } from '../../../src/devices/onvif/simulator/responder.ts';
import type { AlarmSink } from '../../../src/events/alarm-sink.ts';

const credential = { username: 'admin', password: 'pw-events-1' };
let device: OnvifResponder | undefined;
let subscriber: PullPointSubscriber | undefined;
afterEach(async () => {
  await subscriber?.stop();
  await device?.close();
});

async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ONVIF pull-point subscriber', () => {
  it('raises and resolves, and subscribes again after the device forgot the subscription', async () => {
    device = await startOnvifResponder({ credential, profiles: [] });
    const log: string[] = [];
    const errors: unknown[] = [];
    const sink: AlarmSink = {
      raise: async (input) => {
        log.push(`raise ${input.kind} ${input.cameraId}`);
        return {} as Awaited<ReturnType<AlarmSink['raise']>>;
      },
      resolve: async (kind, subject) => {
        log.push(`resolve ${kind} ${subject}`);
        return undefined;
      },
    };
    const client = new OnvifClient({ deviceUrl: device.deviceUrl, credential, timeoutMs: 500 });
    subscriber = new PullPointSubscriber({ cameraId: 'cam_1', client: async () => client, sink, pullSeconds: 2, subscriptionSeconds: 30, maxBackoffMs: 1000, onError: (e) => errors.push(e) });
    subscriber.start();
    await until(() => device!.pullPointCount() === 1);
    // the 2 s pull outlives the client's 500 ms limit without an error
    await new Promise((resolve) => setTimeout(resolve, 2600));
    expect(errors).toEqual([]);
    device.emit('motion', true);
    device.emit('motion', false);
    device.emit('tamper', true);
    await until(() => log.length === 3);
    expect(log).toEqual(['raise DEVICE_MOTION cam_1', 'resolve DEVICE_MOTION cam_1', 'raise DEVICE_TAMPER cam_1']);
    device.dropSubscriptions();
    await until(() => subscriber!.subscriptions === 2);
    expect(errors.length).toBeGreaterThan(0);
    device.emit('tamper', false);
    await until(() => log.length === 4);
    expect(log[3]).toBe('resolve DEVICE_TAMPER cam_1');
    await subscriber.stop();
    expect(device.pullPointCount()).toBe(0);
  }, 20_000);

  it('reads motion and tamper topics as devices send them; other topics are not alarms', () => {
    const n = (topic: string, data: Record<string, string>) => ({ topic, data, source: {}, utcTime: null, operation: 'Changed' });
    expect(alarmChangeOf(n('RuleEngine/CellMotionDetector/Motion', { IsMotion: 'true' }))).toEqual({ kind: 'DEVICE_MOTION', active: true });
    expect(alarmChangeOf(n('VideoSource/MotionAlarm', { State: 'false' }))).toEqual({ kind: 'DEVICE_MOTION', active: false });
    expect(alarmChangeOf(n('RuleEngine/TamperDetector/Tamper', { IsTamper: 'true' }))).toEqual({ kind: 'DEVICE_TAMPER', active: true });
    expect(alarmChangeOf(n('Device/Trigger/DigitalInput', { LogicalState: 'true' }))).toBeNull();
    expect(alarmChangeOf(n('RuleEngine/CellMotionDetector/Motion', {}))).toBeNull();
  });
});
