/**
 * PTZ for cameras reached by GB/T 28181 (stream address gb28181://device/channel): continuous move,
 * stop and presets as DeviceControl PTZCmd (GB/T 28181-2022 Annex A.3) through the platform. The PTZ
 * service picks this factory's driver for such cameras; it checks PTZ and writes the register entry.
 */
import type { PtzDriver, PtzDriverFactory, PtzPreset, PtzVelocity } from '../../devices/ptz/ptz-driver.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { GbPlatformApi, GbPtzCommand } from '../platform-api.ts';
import { isGbStreamUrl, parseGbStreamUrl } from '../stream-url.ts';

/** Below this a velocity component is no movement (joysticks rest a little off centre). */
const DEAD_ZONE = 0.05;

function direction(value: number): -1 | 0 | 1 {
  if (!Number.isFinite(value) || Math.abs(value) < DEAD_ZONE) return 0;
  return value > 0 ? 1 : -1;
}

/** A velocity in [-1, 1] per axis as a PTZCmd move: a direction per axis and one speed 1–255 (the fastest axis). */
export function gbMoveOf(velocity: PtzVelocity): GbPtzCommand {
  const pan = direction(velocity.pan);
  const tilt = direction(velocity.tilt);
  const zoom = direction(velocity.zoom);
  if (pan === 0 && tilt === 0 && zoom === 0) return { kind: 'stop' };
  const fastest = Math.min(1, Math.max(...[velocity.pan, velocity.tilt, velocity.zoom].map((v) => (Number.isFinite(v) && Math.abs(v) >= DEAD_ZONE ? Math.abs(v) : 0))));
  return { kind: 'move', pan, tilt, zoom, speed: Math.max(1, Math.round(fastest * 255)) };
}

/** GB/T 28181 presets are numbered 1–255 (PTZCmd byte 6). */
export function gbPresetNumber(token: string): number {
  const n = /^\d{1,3}$/.test(token.trim()) ? Number(token.trim()) : NaN;
  if (!(n >= 1 && n <= 255)) {
    throw new InvalidError('E_GB_PRESET', {
      message: { zh: `国标预置位须为 1–255 的编号:${token.slice(0, 40)}`, en: `A GB/T 28181 preset is a number 1–255: ${token.slice(0, 40)}` },
      details: { preset: token.slice(0, 40) },
    });
  }
  return n;
}

class GbPtzDriver implements PtzDriver {
  constructor(
    private readonly platform: GbPlatformApi,
    private readonly deviceId: string,
    private readonly channelId: string,
  ) {}

  async continuousMove(velocity: PtzVelocity): Promise<void> {
    return this.platform.ptz(this.deviceId, this.channelId, gbMoveOf(velocity));
  }

  stop(): Promise<void> {
    return this.platform.ptz(this.deviceId, this.channelId, { kind: 'stop' });
  }

  /** The contract's platform has no PresetQuery: the device's presets are not listed (numbers 1–255 are used directly). */
  async presets(): Promise<PtzPreset[]> {
    return [];
  }

  async gotoPreset(token: string): Promise<void> {
    return this.platform.ptz(this.deviceId, this.channelId, { kind: 'preset-goto', preset: gbPresetNumber(token) });
  }

  /** `name` is the preset's number (1–255): GB/T 28181 presets have no names of their own. */
  async setPreset(name: string): Promise<PtzPreset> {
    const preset = gbPresetNumber(name);
    await this.platform.ptz(this.deviceId, this.channelId, { kind: 'preset-set', preset });
    return { token: String(preset), name: null };
  }
}

/** The driver for a camera whose stream address is gb28181://…; null for any other camera. */
export function gbPtzDriverFactory(platform: GbPlatformApi): PtzDriverFactory {
  return async (camera) => {
    if (!camera.sourceUrl || !isGbStreamUrl(camera.sourceUrl)) return null;
    const { deviceId, channelId } = parseGbStreamUrl(camera.sourceUrl);
    return new GbPtzDriver(platform, deviceId, channelId);
  };
}
