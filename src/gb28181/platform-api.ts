/**
 * What the rest of Custos (routes, CLI, UI, recorder, events) uses of the GB/T 28181 platform: the
 * devices that registered, their channels (the catalog), the queries and controls of GB/T 28181-2022
 * §9, and media sessions. Implemented by src/gb28181/platform/gb-platform.ts over the SIP stack.
 */
import type { GbMediaBroker } from './media-session.ts';

export type GbSipTransport = 'UDP' | 'TCP';

export interface GbDevice {
  /** 20-digit device code (Annex E). */
  deviceId: string;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  transport: GbSipTransport;
  /** Where its REGISTER came from (the address requests are sent to). */
  host: string;
  port: number;
  online: boolean;
  registeredAt: string | null;
  /** Registration expiry (UTC ISO). */
  expiresAt: string | null;
  lastKeepaliveAt: string | null;
  channelCount: number;
  /** Known to the registry (a camera links to one of its channels) or allowed by configuration. */
  known: boolean;
}

export interface GbChannel {
  deviceId: string;
  /** 20-digit channel code (type digits 131/132 for cameras). */
  channelId: string;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  /** Catalog Status: ON / OFF. */
  status: 'ON' | 'OFF' | null;
  parentId: string | null;
  civilCode: string | null;
  address: string | null;
  /** Catalog Info/PTZType: 1 dome, 2 half dome, 3 fixed, 4 remote-controlled; null unknown. */
  ptzType: number | null;
  longitude: number | null;
  latitude: number | null;
  /** The registry camera recording this channel, when one does. */
  cameraId: string | null;
  updatedAt: string;
}

export interface GbDeviceStatus {
  online: boolean;
  statusOk: boolean;
  encode: boolean | null;
  record: boolean | null;
  deviceTime: string | null;
  alarms: Array<{ channelId: string; status: string }>;
}

export interface GbRecordItem {
  channelId: string;
  name: string | null;
  startTime: string;
  endTime: string;
  filePath: string | null;
  secrecy: number | null;
  /** time / alarm / manual / all. */
  type: string | null;
  fileSize: number | null;
}

/** PTZ commands GB/T 28181-2022 Annex A.3 encodes in PTZCmd (8-byte hex string). */
export type GbPtzCommand =
  | { kind: 'move'; pan: -1 | 0 | 1; tilt: -1 | 0 | 1; zoom: -1 | 0 | 1; speed: number }
  | { kind: 'stop' }
  | { kind: 'preset-set' | 'preset-goto' | 'preset-delete'; preset: number };

export interface GbDeviceAlarm {
  deviceId: string;
  channelId: string;
  /** AlarmPriority 1–4 (1 highest). */
  priority: number;
  /** AlarmMethod 1–7 (2 device alarm, 5 video alarm …). */
  method: number;
  /** AlarmType within the method (A.2.5.4: device alarm 1 video loss, 2 anti-tamper …; video alarm 1 manual, 2 motion, 3 left object, 4 removal, 5 tripwire, 6 intrusion … 11 video abnormality). */
  type: number | null;
  time: string;
  description: string | null;
}

export interface GbPlatformApi extends GbMediaBroker {
  listDevices(): Promise<GbDevice[]>;
  getDevice(deviceId: string): Promise<GbDevice>;
  listChannels(deviceId: string): Promise<GbChannel[]>;
  /** Sends Catalog and resolves when every item the device announced (SumNum) arrived, or after the timeout. */
  refreshCatalog(deviceId: string): Promise<GbChannel[]>;
  deviceInfo(deviceId: string): Promise<Pick<GbDevice, 'name' | 'manufacturer' | 'model' | 'firmware'> & { channels: number | null }>;
  deviceStatus(deviceId: string): Promise<GbDeviceStatus>;
  recordInfo(deviceId: string, channelId: string, startMs: number, endMs: number): Promise<GbRecordItem[]>;
  ptz(deviceId: string, channelId: string, command: GbPtzCommand): Promise<void>;
  /** Links a channel to the registry camera that records it (null unlinks); the device becomes `known`. */
  linkChannel(deviceId: string, channelId: string, cameraId: string | null): Promise<void>;
  /** A device alarm (NOTIFY/MESSAGE Alarm): listeners raise Custos alarms. */
  onAlarm(listener: (alarm: GbDeviceAlarm) => void): () => void;
  /** A device registered, went offline or its catalog changed. */
  onDeviceChange(listener: (deviceId: string) => void): () => void;
}
