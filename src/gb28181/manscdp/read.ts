/** What Custos reads out of device answers and notifications (GB/T 28181-2022 Annex A.2.5, A.2.6). */
import type { GbDeviceAlarm, GbDeviceStatus, GbRecordItem } from '../platform-api.ts';
import { parseGbTime } from './gb-time.ts';
import { float1, int1, isNode, itemsOf, text1, type ManscdpMessage, type XmlNode } from './xml.ts';

const str = (node: XmlNode, name: string): string | null => {
  const value = text1(node, name);
  return value === undefined || value === '' ? null : value.slice(0, 256);
};

export interface CatalogItem {
  channelId: string;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  status: 'ON' | 'OFF' | null;
  parentId: string | null;
  civilCode: string | null;
  address: string | null;
  ptzType: number | null;
  longitude: number | null;
  latitude: number | null;
}

/** One Catalog response message: SumNum (all items over every message) and this message's items. */
export function readCatalog(message: ManscdpMessage): { sumNum: number; items: CatalogItem[] } {
  const sumNum = int1(message.body, 'SumNum') ?? 0;
  const items: CatalogItem[] = [];
  for (const item of itemsOf(message.body, 'DeviceList')) {
    const channelId = text1(item, 'DeviceID');
    if (!channelId || !/^\d{20}$/.test(channelId)) continue;
    const info = isNode(item.Info) ? item.Info : undefined;
    const status = text1(item, 'Status')?.toUpperCase();
    items.push({
      channelId,
      name: str(item, 'Name'),
      manufacturer: str(item, 'Manufacturer'),
      model: str(item, 'Model'),
      status: status === 'ON' || status === 'ONLINE' ? 'ON' : status === 'OFF' || status === 'OFFLINE' ? 'OFF' : null,
      parentId: str(item, 'ParentID'),
      civilCode: str(item, 'CivilCode'),
      address: str(item, 'Address'),
      ptzType: info ? int1(info, 'PTZType') : int1(item, 'PTZType'),
      longitude: float1(item, 'Longitude'),
      latitude: float1(item, 'Latitude'),
    });
  }
  return { sumNum: Math.max(0, sumNum), items };
}

export function readDeviceInfo(message: ManscdpMessage): { name: string | null; manufacturer: string | null; model: string | null; firmware: string | null; channels: number | null } {
  return {
    name: str(message.body, 'DeviceName'),
    manufacturer: str(message.body, 'Manufacturer'),
    model: str(message.body, 'Model'),
    firmware: str(message.body, 'Firmware'),
    channels: int1(message.body, 'Channel'),
  };
}

const onOff = (node: XmlNode, name: string): boolean | null => {
  const value = text1(node, name)?.toUpperCase();
  return value === 'ON' ? true : value === 'OFF' ? false : null;
};

export function readDeviceStatus(message: ManscdpMessage): GbDeviceStatus {
  const online = text1(message.body, 'Online')?.toUpperCase();
  const status = text1(message.body, 'Status')?.toUpperCase();
  return {
    online: online === 'ONLINE',
    statusOk: status === 'OK',
    encode: onOff(message.body, 'Encode'),
    record: onOff(message.body, 'Record'),
    deviceTime: parseGbTime(text1(message.body, 'DeviceTime')),
    alarms: itemsOf(message.body, 'Alarmstatus')
      .concat(itemsOf(message.body, 'AlarmStatus'))
      .map((item) => ({ channelId: text1(item, 'DeviceID') ?? '', status: text1(item, 'DutyStatus') ?? '' }))
      .filter((alarm) => alarm.channelId !== ''),
  };
}

/** One RecordInfo response message: SumNum and this message's items. */
export function readRecordInfo(message: ManscdpMessage): { sumNum: number; items: GbRecordItem[] } {
  const items: GbRecordItem[] = [];
  for (const item of itemsOf(message.body, 'RecordList')) {
    const startTime = parseGbTime(text1(item, 'StartTime'));
    const endTime = parseGbTime(text1(item, 'EndTime'));
    if (!startTime || !endTime) continue;
    items.push({
      channelId: text1(item, 'DeviceID') ?? message.deviceId,
      name: str(item, 'Name'),
      startTime,
      endTime,
      filePath: str(item, 'FilePath'),
      secrecy: int1(item, 'Secrecy'),
      type: str(item, 'Type'),
      fileSize: int1(item, 'FileSize'),
    });
  }
  return { sumNum: Math.max(0, int1(message.body, 'SumNum') ?? 0), items };
}

/** An Alarm notification (A.2.5.4); `deviceId` is the registered device it came from. */
export function readAlarm(message: ManscdpMessage, deviceId: string, receivedAt: string): GbDeviceAlarm {
  const info = isNode(message.body.Info) ? message.body.Info : undefined;
  return {
    deviceId,
    channelId: message.deviceId,
    priority: int1(message.body, 'AlarmPriority') ?? 4,
    method: int1(message.body, 'AlarmMethod') ?? 0,
    type: (info ? int1(info, 'AlarmType') : null) ?? int1(message.body, 'AlarmType'),
    time: parseGbTime(text1(message.body, 'AlarmTime')) ?? receivedAt,
    description: str(message.body, 'AlarmDescription'),
  };
}

/** A PresetQuery answer (GB/T 28181-2022 A.2.6): the channel's presets, number and name. */
export function readPresets(message: ManscdpMessage): { sumNum: number; items: Array<{ preset: number; name: string | null }> } {
  const items = itemsOf(message.body, 'PresetList')
    .map((item) => ({ preset: int1(item, 'PresetID') ?? -1, name: str(item, 'PresetName') }))
    .filter((item) => item.preset >= 1 && item.preset <= 255);
  const list = message.body.PresetList;
  const announced = isNode(list) && typeof list['@Num'] === 'string' && /^\d{1,4}$/.test(list['@Num']) ? Number(list['@Num']) : items.length;
  return { sumNum: Math.max(int1(message.body, 'SumNum') ?? 0, announced), items };
}
