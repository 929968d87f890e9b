/** The GB/T 28181 PTZ driver against a double of the platform: which PTZCmd each call sends. */
import { describe, expect, it } from 'vitest';
import { gbMoveOf, gbPtzDriverFactory } from '../../src/gb28181/ptz/gb-ptz-driver.ts';
import type { CameraRecord } from '../../src/registry/model.ts';
import { GbPlatformDouble, gbCode } from '../support/gb-platform-double.ts';

const DEVICE = gbCode('132', 7);
const CHANNEL = gbCode('131', 7);
const camera = (sourceUrl: string | null) => ({ id: 'cam_1', sourceUrl }) as CameraRecord;

describe('gbPtzDriverFactory', () => {
  const platform = new GbPlatformDouble([{ deviceId: DEVICE, channels: [{ channelId: CHANNEL, ptzType: 1 }] }]);
  const factory = gbPtzDriverFactory(platform);

  it('gives no driver for a camera reached another way', async () => {
    expect(await factory(camera('rtsp://10.0.0.5/stream1'))).toBeNull();
    expect(await factory(camera(null))).toBeNull();
  });

  it('sends continuous moves as directions with one speed 1–255, stop, and presets by number', async () => {
    const driver = (await factory(camera(`gb28181://${DEVICE}/${CHANNEL}?transport=tcp-active`)))!;
    platform.calls.length = 0;
    await driver.continuousMove({ pan: 0.5, tilt: -1, zoom: 0 });
    await driver.continuousMove({ pan: 0, tilt: 0, zoom: 0.2 });
    await driver.continuousMove({ pan: 0.01, tilt: -0.02, zoom: 0 });
    await driver.stop();
    await driver.gotoPreset('3');
    expect(await driver.setPreset('12')).toEqual({ token: '12', name: null });
    expect(platform.calls).toEqual([
      { op: 'ptz', deviceId: DEVICE, channelId: CHANNEL, command: { kind: 'move', pan: 1, tilt: -1, zoom: 0, speed: 255 } },
      { op: 'ptz', deviceId: DEVICE, channelId: CHANNEL, command: { kind: 'move', pan: 0, tilt: 0, zoom: 1, speed: 51 } },
      { op: 'ptz', deviceId: DEVICE, channelId: CHANNEL, command: { kind: 'stop' } },
      { op: 'ptz', deviceId: DEVICE, channelId: CHANNEL, command: { kind: 'stop' } },
      { op: 'ptz', deviceId: DEVICE, channelId: CHANNEL, command: { kind: 'preset-goto', preset: 3 } },
      { op: 'ptz', deviceId: DEVICE, channelId: CHANNEL, command: { kind: 'preset-set', preset: 12 } },
    ]);
    expect(await driver.presets()).toEqual([]);
  });

  it('refuses preset tokens that are not numbers 1–255 (E_GB_PRESET) before sending anything', async () => {
    const driver = (await factory(camera(`gb28181://${DEVICE}/${CHANNEL}`)))!;
    platform.calls.length = 0;
    for (const token of ['0', '256', 'door', '1.5', '']) await expect(driver.gotoPreset(token)).rejects.toMatchObject({ code: 'E_GB_PRESET' });
    await expect(driver.setPreset('entrance')).rejects.toMatchObject({ code: 'E_GB_PRESET' });
    expect(platform.calls).toEqual([]);
  });

  it('never sends a speed outside 1–255 nor a direction outside -1..1, whatever the velocity', () => {
    for (const v of [-5, -1, -0.3, 0, 0.04, 0.7, 1, 9, Number.NaN, Infinity]) {
      const command = gbMoveOf({ pan: v, tilt: -v, zoom: v / 2 });
      if (command.kind === 'move') {
        expect(command.speed).toBeGreaterThanOrEqual(1);
        expect(command.speed).toBeLessThanOrEqual(255);
        expect([command.pan, command.tilt, command.zoom].every((d) => [-1, 0, 1].includes(d))).toBe(true);
      } else expect(command.kind).toBe('stop');
    }
  });
});
