/**
 * The PTZ driver (src/devices/ptz/ptz-driver.ts) for a camera that records a GB/T 28181 channel:
 * DeviceControl PTZCmd for moves, stop and presets, PresetQuery for the list. GB/T 28181 presets are
 * numbers 1–255 without a name the platform can set: a new preset takes the lowest free number.
 */
import type { Db } from '../../db/connect.ts';
import type { PtzDriver, PtzDriverFactory, PtzPreset, PtzVelocity } from '../../devices/ptz/ptz-driver.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { GbPlatform } from './gb-platform.ts';
import { gbRepository } from './gb-repository.ts';

const direction = (value: number): -1 | 0 | 1 => (value > 0.01 ? 1 : value < -0.01 ? -1 : 0);

export class GbPtzDriver implements PtzDriver {
  constructor(
    private readonly platform: Pick<GbPlatform, 'ptz' | 'presets'>,
    readonly deviceId: string,
    readonly channelId: string,
  ) {}

  continuousMove(velocity: PtzVelocity): Promise<void> {
    const strongest = Math.max(Math.abs(velocity.pan), Math.abs(velocity.tilt), Math.abs(velocity.zoom));
    const speed = Math.max(1, Math.min(255, Math.round(strongest * 255)));
    return this.platform.ptz(this.deviceId, this.channelId, { kind: 'move', pan: direction(velocity.pan), tilt: direction(velocity.tilt), zoom: direction(velocity.zoom), speed });
  }

  stop(): Promise<void> {
    return this.platform.ptz(this.deviceId, this.channelId, { kind: 'stop' });
  }

  async presets(): Promise<PtzPreset[]> {
    return (await this.platform.presets(this.deviceId, this.channelId)).map((p) => ({ token: String(p.preset), name: p.name }));
  }

  gotoPreset(token: string): Promise<void> {
    const preset = Number(token);
    if (!Number.isInteger(preset) || preset < 1 || preset > 255) throw new InvalidError('E_GB_PTZ', { message: { zh: `预置位须为 1–255:${token}`, en: `a GB/T 28181 preset is 1–255: ${token}` } });
    return this.platform.ptz(this.deviceId, this.channelId, { kind: 'preset-goto', preset });
  }

  async setPreset(name: string): Promise<PtzPreset> {
    const used = new Set((await this.platform.presets(this.deviceId, this.channelId)).map((p) => p.preset));
    let preset = 1;
    while (used.has(preset) && preset <= 255) preset++;
    if (preset > 255) throw new InvalidError('E_GB_PTZ', { message: { zh: '预置位已满(255 个)', en: 'every preset number (1–255) is taken' } });
    await this.platform.ptz(this.deviceId, this.channelId, { kind: 'preset-set', preset });
    // The device keeps the number only; the name is the caller's to keep.
    return { token: String(preset), name: name || null };
  }
}

/** Gives the GB/T 28181 driver for a camera that records a channel, or null (another protocol's factory is asked). */
export function gbPtzDriverFactory(db: Db, platform: GbPlatform | undefined): PtzDriverFactory {
  return async (camera) => {
    if (!platform) return null;
    const channel = await gbRepository.channelOfCamera(db, camera.id);
    return channel ? new GbPtzDriver(platform, channel.deviceId, channel.channelId) : null;
  };
}
