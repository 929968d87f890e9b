/**
 * An in-memory GB/T 28181 platform (GbPlatformApi): devices and channels the test puts in, the
 * queries it answers from them, and a log of every call. It stands for a device we don't have; tests
 * take the platform as a parameter, so the real platform with the device simulator can replace it.
 */
import { NotFoundError } from '../../src/shared/errors.ts';
import type { GbChannel, GbDevice, GbDeviceAlarm, GbDeviceStatus, GbPlatformApi, GbPtzCommand, GbRecordItem } from '../../src/gb28181/platform-api.ts';
import type { GbMediaRequest, GbMediaSession } from '../../src/gb28181/media-session.ts';

export type GbCall =
  | { op: 'refreshCatalog' | 'deviceInfo' | 'deviceStatus'; deviceId: string }
  | { op: 'recordInfo'; deviceId: string; channelId: string; startMs: number; endMs: number }
  | { op: 'ptz'; deviceId: string; channelId: string; command: GbPtzCommand }
  | { op: 'linkChannel'; deviceId: string; channelId: string; cameraId: string | null }
  | { op: 'invite'; request: GbMediaRequest }
  | { op: 'bye'; callId: string };

export interface GbDoubleDevice extends Partial<GbDevice> {
  deviceId: string;
  channels?: Array<Partial<GbChannel> & { channelId: string }>;
  records?: GbRecordItem[];
  firmware?: string | null;
}

const AT = '2025-06-01T01:00:00.000Z';

export class GbPlatformDouble implements GbPlatformApi {
  readonly calls: GbCall[] = [];
  private readonly devices = new Map<string, GbDevice>();
  private readonly channels = new Map<string, GbChannel[]>();
  private readonly records = new Map<string, GbRecordItem[]>();
  private readonly alarmListeners = new Set<(alarm: GbDeviceAlarm) => void>();
  private readonly changeListeners = new Set<(deviceId: string) => void>();
  /** Channels the next refreshCatalog adds (a device that announced more than was known). */
  readonly pendingCatalog = new Map<string, GbChannel[]>();

  constructor(devices: GbDoubleDevice[] = []) {
    for (const device of devices) this.addDevice(device);
  }

  addDevice(input: GbDoubleDevice): void {
    const { channels = [], records = [], ...fields } = input;
    this.devices.set(input.deviceId, {
      name: 'IPC',
      manufacturer: 'Hikvision',
      model: 'DS-2CD3T46',
      firmware: 'V5.7.3',
      transport: 'UDP',
      host: '10.0.0.20',
      port: 5060,
      online: true,
      registeredAt: AT,
      expiresAt: '2025-06-01T02:00:00.000Z',
      lastKeepaliveAt: AT,
      channelCount: channels.length,
      known: false,
      ...fields,
    });
    this.channels.set(input.deviceId, channels.map((c) => channelOf(input.deviceId, c)));
    this.records.set(input.deviceId, records);
  }

  channelOf = channelOf;

  private device(deviceId: string): GbDevice {
    const device = this.devices.get(deviceId);
    if (!device) throw new NotFoundError('E_GB_DEVICE_NOT_FOUND', { message: { zh: `未找到国标设备 ${deviceId}`, en: `No GB/T 28181 device ${deviceId}` } });
    return device;
  }

  async listDevices(): Promise<GbDevice[]> {
    return [...this.devices.values()].map((d) => ({ ...d, channelCount: this.channels.get(d.deviceId)?.length ?? 0 }));
  }

  async getDevice(deviceId: string): Promise<GbDevice> {
    return { ...this.device(deviceId), channelCount: this.channels.get(deviceId)?.length ?? 0 };
  }

  async listChannels(deviceId: string): Promise<GbChannel[]> {
    this.device(deviceId);
    return (this.channels.get(deviceId) ?? []).map((c) => ({ ...c }));
  }

  async refreshCatalog(deviceId: string): Promise<GbChannel[]> {
    this.device(deviceId);
    this.calls.push({ op: 'refreshCatalog', deviceId });
    const added = this.pendingCatalog.get(deviceId) ?? [];
    this.pendingCatalog.delete(deviceId);
    this.channels.set(deviceId, [...(this.channels.get(deviceId) ?? []), ...added]);
    return this.listChannels(deviceId);
  }

  async deviceInfo(deviceId: string) {
    const d = this.device(deviceId);
    this.calls.push({ op: 'deviceInfo', deviceId });
    return { name: d.name, manufacturer: d.manufacturer, model: d.model, firmware: d.firmware, channels: this.channels.get(deviceId)?.length ?? 0 };
  }

  async deviceStatus(deviceId: string): Promise<GbDeviceStatus> {
    const d = this.device(deviceId);
    this.calls.push({ op: 'deviceStatus', deviceId });
    return { online: d.online, statusOk: true, encode: true, record: true, deviceTime: AT, alarms: [] };
  }

  async recordInfo(deviceId: string, channelId: string, startMs: number, endMs: number): Promise<GbRecordItem[]> {
    this.device(deviceId);
    this.calls.push({ op: 'recordInfo', deviceId, channelId, startMs, endMs });
    return (this.records.get(deviceId) ?? []).filter(
      (r) => r.channelId === channelId && Date.parse(r.endTime) >= startMs && Date.parse(r.startTime) <= endMs,
    );
  }

  async ptz(deviceId: string, channelId: string, command: GbPtzCommand): Promise<void> {
    this.device(deviceId);
    this.calls.push({ op: 'ptz', deviceId, channelId, command });
  }

  async linkChannel(deviceId: string, channelId: string, cameraId: string | null): Promise<void> {
    this.calls.push({ op: 'linkChannel', deviceId, channelId, cameraId });
    const channel = this.channels.get(deviceId)?.find((c) => c.channelId === channelId);
    if (!channel) throw new NotFoundError('E_GB_CHANNEL_NOT_FOUND', { message: { zh: `无通道 ${channelId}`, en: `No channel ${channelId}` } });
    channel.cameraId = cameraId;
    const device = this.device(deviceId);
    device.known = [...(this.channels.get(deviceId) ?? [])].some((c) => c.cameraId !== null);
  }

  onAlarm(listener: (alarm: GbDeviceAlarm) => void): () => void {
    this.alarmListeners.add(listener);
    return () => this.alarmListeners.delete(listener);
  }

  onDeviceChange(listener: (deviceId: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** As the SIP side would on an Alarm notification. */
  emitAlarm(alarm: GbDeviceAlarm): void {
    for (const listener of this.alarmListeners) listener(alarm);
  }

  async invite(request: GbMediaRequest): Promise<GbMediaSession> {
    this.calls.push({ op: 'invite', request });
    return { callId: `call-${this.calls.length}`, ssrc: '0100000001', payload: 'PS' };
  }

  async bye(callId: string): Promise<void> {
    this.calls.push({ op: 'bye', callId });
  }
}

function channelOf(deviceId: string, c: Partial<GbChannel> & { channelId: string }): GbChannel {
  return {
    deviceId,
    name: `通道 ${c.channelId.slice(-3)}`,
    manufacturer: null,
    model: null,
    status: 'ON',
    parentId: deviceId,
    civilCode: '330106',
    address: null,
    ptzType: 3,
    longitude: null,
    latitude: null,
    cameraId: null,
    updatedAt: AT,
    ...c,
  };
}

/** Codes: centre 34020000, industry 00, type digits, network 0, serial. */
export const gbCode = (type: string, serial: number): string => `3402000000${type}0${String(serial).padStart(6, '0')}`;
