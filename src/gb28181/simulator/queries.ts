/**
 * The simulated device's answers to the platform's MANSCDP queries and controls (GB/T 28181-2022
 * §9.3 control, §9.5 queries): Catalog split over several messages, DeviceInfo, DeviceStatus,
 * RecordInfo over a fake list of recordings, DeviceControl PTZCmd accepted and remembered.
 */
import { catalogResponses, type CatalogItem } from '../ua/catalog.ts';
import { gbTime, parseGbTime } from '../ua/gb-time.ts';
import { fields, manscdpDocument, textOf, type ManscdpMessage } from '../ua/manscdp.ts';
import type { QueryHandler } from '../ua/message-service.ts';
import type { GbSimChannel, ResolvedSimOptions } from './options.ts';

export interface PtzRecord {
  channelId: string;
  /** The PTZCmd as sent (16 hex digits, A.3). */
  ptzCmd: string;
  at: string;
}

export interface SimState {
  options: ResolvedSimOptions;
  channels: GbSimChannel[];
  ptz: PtzRecord[];
  now(): Date;
}

const MAX_RECORD_ITEMS = 500;

export function simQueryHandlers(state: SimState): Record<string, QueryHandler> {
  const { options } = state;
  const id = options.deviceId;
  return {
    Catalog: (q) => catalogResponses(id, q.sn, catalogItems(state), options.catalogPerMessage),
    DeviceInfo: (q) => [
      manscdpDocument('Response', 'DeviceInfo', q.sn, id, fields({ DeviceName: options.name, Result: 'OK', Manufacturer: 'Custos', Model: `SIM-${options.kind}`, Firmware: 'V1.0.0', Channel: state.channels.length })),
    ],
    DeviceStatus: (q) => [
      manscdpDocument(
        'Response',
        'DeviceStatus',
        q.sn,
        id,
        `${fields({ Result: 'OK', Online: 'ONLINE', Status: 'OK', Encode: 'ON', Record: 'ON', DeviceTime: gbTime(state.now()) })}\n<Alarmstatus Num="0">\n</Alarmstatus>`,
      ),
    ],
    RecordInfo: (q) => recordInfo(state, q),
    DeviceControl: (q) => deviceControl(state, q),
  };
}

export function catalogItems(state: SimState): CatalogItem[] {
  const { options } = state;
  const civilCode = options.deviceId.slice(0, 6);
  return state.channels.map((c) => ({
    deviceId: c.channelId,
    name: c.name,
    manufacturer: 'Custos',
    model: options.kind === 'NVR' ? 'SIM-CH' : 'SIM-IPC',
    civilCode,
    address: 'simulator',
    parental: 0,
    parentId: options.deviceId,
    status: 'ON',
    ptzType: 1,
  }));
}

function recordInfo(state: SimState, q: ManscdpMessage): Buffer[] {
  const channelId = q.deviceId;
  const start = parseGbTime(textOf(q.body, 'StartTime'));
  const end = Math.min(parseGbTime(textOf(q.body, 'EndTime')) ?? 0, state.now().getTime());
  const known = state.channels.some((c) => c.channelId === channelId);
  const items: string[] = [];
  const step = state.options.recordMinutes * 60_000;
  if (known && start !== undefined && end > start) {
    // Recordings on a fixed grid (every `recordMinutes` since the epoch), cut to the window asked for.
    for (let t = Math.floor(start / step) * step; t < end && items.length < MAX_RECORD_ITEMS; t += step) {
      const from = Math.max(t, start);
      const to = Math.min(t + step, end);
      items.push(`<Item>\n${fields({ DeviceID: channelId, Name: state.channels.find((c) => c.channelId === channelId)?.name, FilePath: `/record/${channelId}/${t}.ps`, Address: 'simulator', StartTime: gbTime(from), EndTime: gbTime(to), Secrecy: 0, Type: 'time', FileSize: Math.round(((to - from) / 1000) * 64_000) })}\n</Item>`);
    }
  }
  const per = Math.max(1, state.options.catalogPerMessage);
  const bodies: Buffer[] = [];
  for (let i = 0; i < Math.max(1, items.length); i += per) {
    const part = items.slice(i, i + per);
    bodies.push(manscdpDocument('Response', 'RecordInfo', q.sn, channelId, `${fields({ Name: state.options.name, SumNum: items.length })}\n<RecordList Num="${part.length}">\n${part.join('\n')}${part.length ? '\n' : ''}</RecordList>`));
  }
  return bodies;
}

function deviceControl(state: SimState, q: ManscdpMessage): Buffer[] {
  const ptzCmd = textOf(q.body, 'PTZCmd');
  const known = state.channels.some((c) => c.channelId === q.deviceId) || q.deviceId === state.options.deviceId;
  const ok = Boolean(ptzCmd && /^[0-9A-Fa-f]{16}$/.test(ptzCmd) && known);
  if (ok) state.ptz.push({ channelId: q.deviceId, ptzCmd: ptzCmd!.toUpperCase(), at: state.now().toISOString() });
  return [manscdpDocument('Response', 'DeviceControl', q.sn, q.deviceId, fields({ Result: ok ? 'OK' : 'ERROR' }))];
}
