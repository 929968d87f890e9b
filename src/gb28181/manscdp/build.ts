/** MANSCDP bodies Custos sends (GB/T 28181-2022 Annex A.2): queries, device control, answers to notifies. */
import { gbTime } from './gb-time.ts';
import { xmlText } from './xml.ts';

export type QueryCmd = 'Catalog' | 'DeviceInfo' | 'DeviceStatus' | 'RecordInfo' | 'PresetQuery';

// Every body Custos writes is ASCII, identical in GB2312 and UTF-8; GB2312 is what devices expect to see.
const declaration = '<?xml version="1.0" encoding="GB2312"?>';

function body(root: string, fields: Array<[string, string]>): Buffer {
  const lines = fields.map(([name, value]) => `<${name}>${xmlText(value)}</${name}>`);
  return Buffer.from(`${declaration}\r\n<${root}>\r\n${lines.join('\r\n')}\r\n</${root}>\r\n`, 'utf8');
}

/** Catalog, DeviceInfo, DeviceStatus query (A.2.4); PresetQuery (A.2.4, 2022) names a channel. */
export function queryBody(cmdType: Exclude<QueryCmd, 'RecordInfo'>, sn: number, deviceId: string): Buffer {
  return body('Query', [
    ['CmdType', cmdType],
    ['SN', String(sn)],
    ['DeviceID', deviceId],
  ]);
}

/** RecordInfo query (A.2.4.5): the channel's recordings between two UTC instants, every type. */
export function recordInfoBody(sn: number, channelId: string, startMs: number, endMs: number): Buffer {
  return body('Query', [
    ['CmdType', 'RecordInfo'],
    ['SN', String(sn)],
    ['DeviceID', channelId],
    ['StartTime', gbTime(startMs)],
    ['EndTime', gbTime(endMs)],
    ['Secrecy', '0'],
    ['Type', 'all'],
  ]);
}

/** DeviceControl with PTZCmd (A.2.3.1). */
export function ptzControlBody(sn: number, channelId: string, ptzCmd: string): Buffer {
  return Buffer.from(
    `${declaration}\r\n<Control>\r\n<CmdType>DeviceControl</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${channelId}</DeviceID>\r\n<PTZCmd>${ptzCmd}</PTZCmd>\r\n<Info>\r\n<ControlPriority>5</ControlPriority>\r\n</Info>\r\n</Control>\r\n`,
    'utf8',
  );
}

/** The answer to an alarm notification (A.2.6.3). */
export function alarmResponseBody(sn: number, deviceId: string): Buffer {
  return body('Response', [
    ['CmdType', 'Alarm'],
    ['SN', String(sn)],
    ['DeviceID', deviceId],
    ['Result', 'OK'],
  ]);
}
