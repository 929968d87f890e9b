/**
 * The GB/T 28181 devices and channels as people meet them: lists within each caller's reach, catalog
 * refresh, DeviceInfo and DeviceStatus, a device's own recordings, and adding a channel as a registry
 * camera (through the cameras service and all its rules) and linking it on the platform. The platform
 * (the SIP side, src/gb28181/platform-api.ts) is given; none: every call answers E_GB_DISABLED.
 */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import type { Principal } from '../../access/principal.ts';
import type { Db } from '../../db/connect.ts';
import type { CamerasService } from '../../registry/services/cameras.ts';
import type { DeviceType } from '../../registry/enums.ts';
import type { Clock } from '../../shared/clock.ts';
import { InvalidError } from '../../shared/errors.ts';
import { addDays, isLegalDate, startOfLegalDay } from '../../shared/legal-time.ts';
import { parseGbCode } from '../ids.ts';
import type { GbChannel, GbDevice, GbPlatformApi, GbRecordItem } from '../platform-api.ts';
import { gbStreamUrl } from '../stream-url.ts';
import { gbAddChannelInput, type GbAddChannelInput, type GbChannelView, type GbDeviceView, type GbRecordsQuery } from './api-schema.ts';
import { cameraNames, camerasOfChannel } from './gb-camera-lookup.ts';
import { gbChannelLinked, gbChannelNotFound, gbChannelNotLinked, gbDeviceNotFound, gbDevicesNotGranted, gbDisabled, gbRecordsNotGranted } from './gb-errors.ts';
import { GbVisibility } from './gb-visibility.ts';

export interface GbDirectoryDeps {
  db: Db;
  clock: Clock;
  gate: AuthorizationService;
  cameras: CamerasService;
  platform: GbPlatformApi | undefined;
}

/** Type digits of a camera channel (GB/T 28181-2022 Table E.3): 131 camera, 132 IP camera. */
const CAMERA_TYPES = ['131', '132'];

export const isCameraChannel = (channelId: string): boolean => /^\d{20}$/.test(channelId) && CAMERA_TYPES.includes(channelId.slice(10, 13));

/** Catalog PTZType → registry device type: 1 dome and 4 remote-controlled move, 2 is a half dome, 3 fixed. */
function deviceTypeOf(ptzType: number | null): DeviceType {
  if (ptzType === 1 || ptzType === 4) return 'PTZ';
  if (ptzType === 2) return 'DOME';
  return 'FIXED';
}

function requireCameraChannel(channelId: string): void {
  const code = parseGbCode(channelId, 'channelId');
  if (!CAMERA_TYPES.includes(code.type)) {
    throw new InvalidError('E_GB_CODE', {
      message: {
        zh: `通道编码 ${channelId} 的类型码 ${code.type} 不是摄像机(131/132)`,
        en: `Channel ${channelId} has type digits ${code.type}, not a camera (131 or 132)`,
      },
      details: { field: 'channelId', value: channelId, type: code.type },
    });
  }
}

export class GbDirectoryService {
  private readonly visibility: GbVisibility;
  /** Channels being added now: a second add while the first runs is the same conflict as after it. */
  private readonly adding = new Set<string>();

  constructor(private readonly deps: GbDirectoryDeps) {
    this.visibility = new GbVisibility(deps.db, deps.gate);
  }

  get enabled(): boolean {
    return this.deps.platform !== undefined;
  }

  async listDevices(principal: Principal): Promise<GbDeviceView[]> {
    const platform = this.platform();
    const devices = await platform.listDevices();
    if (await this.visibility.seesDevices(principal)) return devices.map((d) => deviceView(d, true));
    const visible: GbDeviceView[] = [];
    for (const device of devices) {
      if ((await this.visibleChannels(principal, device.deviceId, false)).length > 0) visible.push(deviceView(device, false));
    }
    return visible;
  }

  async getDevice(principal: Principal, deviceId: string): Promise<GbDeviceView> {
    parseGbCode(deviceId, 'deviceId');
    const platform = this.platform();
    const full = await this.visibility.seesDevices(principal);
    if (!full && (await this.visibleChannels(principal, deviceId, false)).length === 0) throw gbDeviceNotFound(deviceId);
    return deviceView(await platform.getDevice(deviceId), full);
  }

  async listChannels(principal: Principal, deviceId: string): Promise<GbChannelView[]> {
    parseGbCode(deviceId, 'deviceId');
    this.platform();
    const full = await this.visibility.seesDevices(principal);
    const channels = await this.visibleChannels(principal, deviceId, full);
    if (!full && channels.length === 0) throw gbDeviceNotFound(deviceId);
    return this.channelViews(channels);
  }

  /** Catalog query to the device (§9.5.3); waits for every item it announced or the platform's timeout. */
  async refreshCatalog(principal: Principal, deviceId: string): Promise<GbChannelView[]> {
    const platform = await this.requireDevices(principal, deviceId);
    return this.channelViews(await platform.refreshCatalog(deviceId));
  }

  async deviceInfo(principal: Principal, deviceId: string) {
    const platform = await this.requireDevices(principal, deviceId);
    return platform.deviceInfo(deviceId);
  }

  async deviceStatus(principal: Principal, deviceId: string) {
    const platform = await this.requireDevices(principal, deviceId);
    return platform.deviceStatus(deviceId);
  }

  /**
   * Adds a camera channel to the registry as an INACTIVE camera (CONFIG on the site, every registry rule)
   * with the stream address gb28181://device/channel and the product data of the catalog and DeviceInfo,
   * then links the channel to it on the platform.
   */
  async addChannelAsCamera(principal: Principal, deviceId: string, channelId: string, body: unknown): Promise<{ cameraId: string; sourceUrl: string; channel: GbChannelView }> {
    requireCameraChannel(channelId);
    const input = gbAddChannelInput.parse(body);
    const platform = await this.requireDevices(principal, deviceId);
    const key = `${deviceId}/${channelId}`;
    if (this.adding.has(key)) throw gbChannelLinked(deviceId, channelId, null);
    this.adding.add(key);
    try {
      return await this.addChannel(principal, platform, deviceId, channelId, input);
    } finally {
      this.adding.delete(key);
    }
  }

  private async addChannel(principal: Principal, platform: GbPlatformApi, deviceId: string, channelId: string, input: GbAddChannelInput): Promise<{ cameraId: string; sourceUrl: string; channel: GbChannelView }> {
    const channel = await this.requireChannel(platform, deviceId, channelId);
    if (channel.cameraId) throw gbChannelLinked(deviceId, channelId, channel.cameraId);
    const existing = await camerasOfChannel(this.deps.db, deviceId, channelId);
    if (existing[0]) throw gbChannelLinked(deviceId, channelId, existing[0].id);
    const device = await platform.getDevice(deviceId);
    const info = await platform.deviceInfo(deviceId).catch(() => null);
    const deviceModel = info?.model ?? device.model;
    // The device's firmware is the camera's only when the channel is the device itself (not a camera behind an NVR).
    const sameProduct = channel.model === null || channel.model === deviceModel;
    const sourceUrl = gbStreamUrl({ deviceId, channelId, transport: input.transport });
    const camera = await this.deps.cameras.create(
      {
        siteId: input.siteId,
        name: input.name ?? channel.name ?? channelId,
        deviceType: input.deviceType ?? deviceTypeOf(channel.ptzType),
        sourceUrl,
        installedByUnitId: input.installedByUnitId ?? null,
        manufacturer: channel.manufacturer ?? info?.manufacturer ?? device.manufacturer,
        model: channel.model ?? deviceModel,
        firmwareVersion: sameProduct ? (info?.firmware ?? device.firmware) : null,
      },
      { name: principal.username, principal, ...(input.reason ? { reason: input.reason } : {}) },
    );
    await platform.linkChannel(deviceId, channelId, camera.id);
    const [view] = await this.channelViews([{ ...channel, cameraId: camera.id }]);
    return { cameraId: camera.id, sourceUrl, channel: view! };
  }

  /** Removes the channel's link to its camera (CONFIG on that camera); the camera itself stays in the registry. */
  async unlinkChannel(principal: Principal, deviceId: string, channelId: string): Promise<GbChannelView> {
    parseGbCode(deviceId, 'deviceId');
    parseGbCode(channelId, 'channelId');
    const platform = this.platform();
    const channel = await this.requireVisibleChannel(principal, platform, deviceId, channelId);
    if (!channel.cameraId) throw gbChannelNotLinked(deviceId, channelId);
    await this.deps.gate.requireCamera(principal, 'CONFIG', channel.cameraId);
    await platform.linkChannel(deviceId, channelId, null);
    const [view] = await this.channelViews([{ ...channel, cameraId: null }]);
    return view!;
  }

  /**
   * The device's own recordings of a linked channel (RecordInfo, §9.7) on one legal day, or between two
   * instants (at most 31 days); LIVE or PLAYBACK on the camera.
   */
  async records(principal: Principal, deviceId: string, channelId: string, query: GbRecordsQuery | string): Promise<GbRecordItem[]> {
    parseGbCode(deviceId, 'deviceId');
    parseGbCode(channelId, 'channelId');
    const { startMs, endMs } = recordWindow(typeof query === 'string' ? { day: query } : query);
    const platform = this.platform();
    const channel = await this.requireVisibleChannel(principal, platform, deviceId, channelId);
    if (!channel.cameraId) throw gbChannelNotLinked(deviceId, channelId);
    if (!(await this.visibility.onCamera(principal, channel.cameraId, ['LIVE', 'PLAYBACK']))) throw gbRecordsNotGranted(channel.cameraId);
    const items = await platform.recordInfo(deviceId, channelId, startMs, endMs);
    return [...items].sort((a, b) => a.startTime.localeCompare(b.startTime));
  }

  private platform(): GbPlatformApi {
    if (!this.deps.platform) throw gbDisabled();
    return this.deps.platform;
  }

  private async requireDevices(principal: Principal, deviceId: string): Promise<GbPlatformApi> {
    parseGbCode(deviceId, 'deviceId');
    const platform = this.platform();
    if (!(await this.visibility.seesDevices(principal))) throw gbDevicesNotGranted();
    return platform;
  }

  private async requireChannel(platform: GbPlatformApi, deviceId: string, channelId: string): Promise<GbChannel> {
    const channel = (await platform.listChannels(deviceId)).find((c) => c.channelId === channelId);
    if (!channel) throw gbChannelNotFound(deviceId, channelId);
    return channel;
  }

  private async requireVisibleChannel(principal: Principal, platform: GbPlatformApi, deviceId: string, channelId: string): Promise<GbChannel> {
    const channel = await this.requireChannel(platform, deviceId, channelId);
    if (!(await this.visibility.seesDevices(principal)) && !(await this.visibility.seesChannel(principal, channel.cameraId))) throw gbChannelNotFound(deviceId, channelId);
    return channel;
  }

  private async visibleChannels(principal: Principal, deviceId: string, full: boolean): Promise<GbChannel[]> {
    const channels = await this.platform().listChannels(deviceId);
    if (full) return channels;
    const visible: GbChannel[] = [];
    for (const channel of channels) if (await this.visibility.seesChannel(principal, channel.cameraId)) visible.push(channel);
    return visible;
  }

  private async channelViews(channels: GbChannel[]): Promise<GbChannelView[]> {
    const names = await cameraNames(this.deps.db, channels.flatMap((c) => (c.cameraId ? [c.cameraId] : [])));
    return channels.map((c) => ({ ...c, cameraName: c.cameraId ? (names.get(c.cameraId) ?? null) : null, isCamera: isCameraChannel(c.channelId) }));
  }
}

const MAX_WINDOW_MS = 31 * 86_400_000;

function invalidWindow(en: string, zh: string): InvalidError {
  return new InvalidError('E_GB_RECORD_WINDOW', { message: { zh, en } });
}

/** A legal day (00:00 to 23:59:59 Asia/Shanghai), or from–to. */
function recordWindow(query: GbRecordsQuery): { startMs: number; endMs: number } {
  if (query.day !== undefined) {
    if (!isLegalDate(query.day)) throw invalidWindow(`not a date: ${query.day}`, `日期无效:${query.day}`);
    return { startMs: startOfLegalDay(query.day).getTime(), endMs: startOfLegalDay(addDays(query.day, 1)).getTime() - 1000 };
  }
  const startMs = query.from ? Date.parse(query.from) : NaN;
  const endMs = query.to ? Date.parse(query.to) : NaN;
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) throw invalidWindow('give a day, or from and to', '请给出日期,或起止时间');
  if (endMs <= startMs || endMs - startMs > MAX_WINDOW_MS) throw invalidWindow('to must follow from, at most 31 days later', '结束时间须晚于开始时间,且相隔不超过 31 天');
  return { startMs, endMs };
}

function deviceView(device: GbDevice, full: boolean): GbDeviceView {
  return { ...device, host: full ? device.host : null, port: full ? device.port : null };
}
