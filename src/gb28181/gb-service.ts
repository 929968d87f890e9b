/**
 * Device passwords and PTZ by channel. Devices belong to no unit until a channel is a camera, so a
 * device's password needs CONFIG over everything; PTZ needs PTZ on the channel's camera, and taking
 * control writes an access-register entry (art. 16) — one per person and camera while they keep steering.
 * Reading devices and channels, queries and adding channels as cameras: directory/gb-directory-service.ts.
 */
import type { AuthorizationService } from '../access/authorization/authorization-service.ts';
import { EVERYTHING } from '../access/authorization/target.ts';
import type { Principal } from '../access/principal.ts';
import type { ReasonInput } from '../access/register/model.ts';
import type { RegisterService } from '../access/register/register-service.ts';
import type { Clock } from '../shared/clock.ts';
import { ConflictError } from '../shared/errors.ts';
import { gbChannelNotFound, gbNotRunning } from './gb-errors.ts';
import { parseGbCode } from './ids.ts';
import type { GbPlatform } from './platform/gb-platform.ts';
import type { GbChannel, GbPtzCommand } from './platform-api.ts';

/** Commands within this long of the last keep the same register entry. */
export const PTZ_CONTROL_WINDOW_MS = 5 * 60_000;

export interface GbServiceDeps {
  clock: Clock;
  gate: AuthorizationService;
  register: RegisterService;
  /** Absent when gb28181.enabled is false: every call answers E_GB_DISABLED. */
  platform: GbPlatform | undefined;
}


const notLinked = (deviceId: string, channelId: string) =>
  new ConflictError('E_GB_CHANNEL_NOT_LINKED', {
    message: { zh: `通道 ${channelId} 尚未登记为摄像机,不能控制云台`, en: `channel ${channelId} is not a registry camera yet: PTZ needs the camera` },
    details: { deviceId, channelId },
  });

export class GbService {
  private readonly control = new Map<string, { entryId: string; at: number }>();

  constructor(private readonly deps: GbServiceDeps) {}

  private get platform(): GbPlatform {
    if (!this.deps.platform) throw gbNotRunning();
    return this.deps.platform;
  }

  private async requireDeviceConfig(principal: Principal): Promise<GbPlatform> {
    await this.deps.gate.requireOver(principal, 'CONFIG', EVERYTHING);
    return this.platform;
  }

  async setPassword(principal: Principal, deviceId: string, password: string | null): Promise<void> {
    await (await this.requireDeviceConfig(principal)).setDevicePassword(deviceId, password);
  }

  /** PTZ on a channel that is a camera; returns the register entry the control is recorded under (none for stop). */
  async ptz(principal: Principal, deviceId: string, channelId: string, command: GbPtzCommand, reason: ReasonInput | undefined): Promise<{ registerEntryId: string | null }> {
    const channel = await this.channel(deviceId, channelId);
    if (!channel.cameraId) throw notLinked(deviceId, channelId);
    const cameraId = channel.cameraId;
    await this.deps.gate.requireCamera(principal, 'PTZ', cameraId);
    let registerEntryId: string | null = null;
    if (command.kind !== 'stop') {
      const key = `${principal.userId}|${cameraId}`;
      const now = this.deps.clock.now().getTime();
      const held = this.control.get(key);
      if (held && now - held.at < PTZ_CONTROL_WINDOW_MS) registerEntryId = held.entryId;
      else {
        const entry = await this.deps.register.open(principal, { operation: 'PTZ', reason, content: { cameraIds: [cameraId], ranges: [], operation: 'PTZ' } });
        registerEntryId = entry.id;
      }
      this.control.set(key, { entryId: registerEntryId, at: now });
    }
    await this.platform.ptz(deviceId, channelId, command);
    return { registerEntryId };
  }

  private async channel(deviceId: string, channelId: string): Promise<GbChannel> {
    parseGbCode(deviceId, 'deviceId');
    parseGbCode(channelId, 'channelId');
    const channel = (await this.platform.listChannels(deviceId)).find((c) => c.channelId === channelId);
    if (!channel) throw gbChannelNotFound(deviceId, channelId);
    return channel;
  }
}
