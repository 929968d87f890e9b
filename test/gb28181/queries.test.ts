/**
 * GB/T 28181-2022 §9.5 queries and §9.3 control round trips with a test device over real sockets:
 * Catalog in three MESSAGEs (SumNum) assembled and stored (GB2312 names), channels gone from a full
 * catalog marked removed, a partial catalog at the timeout; DeviceInfo, DeviceStatus, RecordInfo;
 * PTZ DeviceControl; §9.4 alarms relayed; UDP retransmission and E_GB_TIMEOUT.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gbDb } from '../../src/db/gb-tables.ts';
import { UNREGISTERED_SUBJECT } from '../../src/gb28181/platform/gb-platform.ts';
import { responseTo, type SipRequest } from '../../src/gb28181/sip/message.ts';
import { gbPtzDriverFactory } from '../../src/gb28181/platform/gb-ptz-driver.ts';
import type { CameraRecord } from '../../src/registry/model.ts';
import { DIALECTS } from '../support/db.ts';
import { CAMERA_CH, DEVICE, eventually, NVR, PASSWORD, startTestPlatform, type TestPlatform } from './support/platform.ts';
import { cmdTypeOf, manscdp, snOf, TestUa } from './support/test-ua.ts';

let env: TestPlatform | undefined;
const uas: TestUa[] = [];
afterEach(async () => {
  for (const ua of uas.splice(0)) await ua.close();
  await env?.close();
  env = undefined;
});

const GB2312_NAME = (n: number) => Buffer.concat([Buffer.from('c9e3cff1bbfa', 'hex'), Buffer.from(String(n))]); // 摄像机n

function catalogItem(n: number): Buffer {
  return Buffer.concat([
    Buffer.from(`<Item>\r\n<DeviceID>${CAMERA_CH(n)}</DeviceID>\r\n<Name>`),
    GB2312_NAME(n),
    Buffer.from(`</Name>\r\n<Manufacturer>Acme</Manufacturer>\r\n<Model>IPC-${n}</Model>\r\n<Status>${n % 2 ? 'ON' : 'OFF'}</Status>\r\n<ParentID>${NVR}</ParentID>\r\n<CivilCode>340200</CivilCode>\r\n<Address>Gate ${n}</Address>\r\n<Longitude>117.2${n}</Longitude>\r\n<Latitude>31.8${n}</Latitude>\r\n<Info><PTZType>${n === 1 ? 1 : 3}</PTZType></Info>\r\n</Item>\r\n`),
  ]);
}

function catalogMessage(sn: number, sumNum: number, items: number[]): Buffer {
  return Buffer.concat([
    Buffer.from(`<?xml version="1.0" encoding="GB2312"?>\r\n<Response>\r\n<CmdType>Catalog</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${NVR}</DeviceID>\r\n<SumNum>${sumNum}</SumNum>\r\n<DeviceList Num="${items.length}">\r\n`),
    ...items.map(catalogItem),
    Buffer.from('</DeviceList>\r\n</Response>\r\n'),
  ]);
}

type Answer = (request: SipRequest, ua: TestUa) => void;

async function nvr(answer: Answer, transport: 'UDP' | 'TCP' = 'UDP'): Promise<TestUa> {
  const ua = await TestUa.open({
    deviceId: NVR,
    transport,
    platformPort: env!.platform.port,
    onRequest: (request, device) => {
      if (request.method === 'MESSAGE') setTimeout(() => answer(request, device), 5);
      return responseTo(request, 200, { toTag: 'dev' });
    },
  });
  uas.push(ua);
  expect((await ua.register(PASSWORD)).status).toBe(200);
  return ua;
}

const respond = (ua: TestUa, body: string | Buffer) => void ua.transact(ua.request('MESSAGE', { body })).catch(() => undefined);

describe.each(DIALECTS)('GB/T 28181 queries and control (%s)', (dialect) => {
  it('assembles a catalog sent in three MESSAGEs and marks channels a later full catalog leaves out', async () => {
    env = await startTestPlatform(dialect);
    let round = 0;
    const device = await nvr((request, ua) => {
      if (cmdTypeOf(request) !== 'Catalog') return;
      const sn = snOf(request);
      round++;
      const parts = round === 1 ? [[1, 2], [3, 4], [5]] : [[1, 2], [3]];
      const sum = round === 1 ? 5 : 3;
      for (const items of parts) respond(ua, catalogMessage(sn, sum, items));
    }, 'TCP');
    const channels = await env.platform.refreshCatalog(NVR);
    expect(channels.map((c) => c.channelId)).toEqual([1, 2, 3, 4, 5].map(CAMERA_CH));
    expect(channels[0]).toMatchObject({ deviceId: NVR, name: '摄像机1', manufacturer: 'Acme', model: 'IPC-1', status: 'ON', parentId: NVR, civilCode: '340200', address: 'Gate 1', ptzType: 1, longitude: 117.21, latitude: 31.81, cameraId: null });
    expect(channels[1]).toMatchObject({ status: 'OFF', ptzType: 3 });
    expect((await env.platform.getDevice(NVR)).channelCount).toBe(5);
    const again = await env.platform.refreshCatalog(NVR);
    expect(again.map((c) => c.channelId)).toEqual([1, 2, 3].map(CAMERA_CH));
    const removed = await gbDb(env.db.db).selectFrom('gbChannels').select('channelId').where('removed', '=', 1).orderBy('channelId').execute();
    expect(removed.map((r) => r.channelId)).toEqual([4, 5].map(CAMERA_CH));
    expect(device.received.filter((m) => m.kind === 'request' && m.method === 'MESSAGE')).toHaveLength(2);
  });

  it('asks a device that comes online for DeviceInfo and its catalog, and not again on a registration refresh', async () => {
    env = await startTestPlatform(dialect, { queryOnRegister: true });
    const device = await nvr((request, ua) => {
      const type = cmdTypeOf(request);
      if (type === 'DeviceInfo') respond(ua, manscdp('Response', 'DeviceInfo', snOf(request), NVR, '<DeviceName>Lobby NVR</DeviceName><Manufacturer>Acme</Manufacturer><Model>N8</Model><Firmware>2.1</Firmware><Channel>2</Channel>'));
      if (type === 'Catalog') respond(ua, catalogMessage(snOf(request), 2, [1, 2]));
    });
    await eventually(async () => (await env!.platform.getDevice(NVR)).channelCount === 2);
    expect(await env.platform.getDevice(NVR)).toMatchObject({ name: 'Lobby NVR', model: 'N8', firmware: '2.1' });
    expect((await device.register(PASSWORD)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(device.received.filter((m) => m.kind === 'request' && m.method === 'MESSAGE')).toHaveLength(2);
  });

  it('returns what arrived when the rest of a catalog does not come before the timeout, and keeps the other channels', async () => {
    env = await startTestPlatform(dialect, { queryTimeoutMs: 400 });
    await nvr((request, ua) => {
      if (cmdTypeOf(request) === 'Catalog') respond(ua, catalogMessage(snOf(request), 4, [1, 2]));
    });
    const channels = await env.platform.refreshCatalog(NVR);
    expect(channels.map((c) => c.channelId)).toEqual([1, 2].map(CAMERA_CH));
  });

  it('links a channel to a camera: the device becomes known and its UNREGISTERED_DEVICE alarm ends', async () => {
    env = await startTestPlatform(dialect);
    await nvr((request, ua) => {
      if (cmdTypeOf(request) === 'Catalog') respond(ua, catalogMessage(snOf(request), 1, [1]));
    });
    await env.platform.refreshCatalog(NVR);
    await expect(env.platform.linkChannel(NVR, CAMERA_CH(9), null)).rejects.toMatchObject({ code: 'E_GB_CHANNEL_NOT_FOUND' });
    const cameraId = await insertCamera(env);
    await env.platform.linkChannel(NVR, CAMERA_CH(1), cameraId);
    expect((await env.platform.getDevice(NVR)).known).toBe(true);
    expect(env.sink.resolved).toContainEqual({ kind: 'UNREGISTERED_DEVICE', subject: UNREGISTERED_SUBJECT(NVR) });
    expect((await env.platform.listChannels(NVR))[0]!.cameraId).toBe(cameraId);
  });

  it('DeviceInfo, DeviceStatus and RecordInfo round trips', async () => {
    env = await startTestPlatform(dialect);
    await nvr((request, ua) => {
      const sn = snOf(request);
      const type = cmdTypeOf(request);
      if (type === 'DeviceInfo') respond(ua, manscdp('Response', 'DeviceInfo', sn, NVR, '<DeviceName>Hall NVR</DeviceName><Result>OK</Result><Manufacturer>Acme</Manufacturer><Model>NVR-16</Model><Firmware>V5.7.1</Firmware><Channel>16</Channel>'));
      if (type === 'DeviceStatus')
        respond(ua, manscdp('Response', 'DeviceStatus', sn, NVR, '<Result>OK</Result><Online>ONLINE</Online><Status>OK</Status><Encode>ON</Encode><Record>OFF</Record><DeviceTime>2026-12-04T08:00:00</DeviceTime><Alarmstatus Num="1"><Item><DeviceID>34020000001340000001</DeviceID><DutyStatus>OFFDUTY</DutyStatus></Item></Alarmstatus>'));
      if (type === 'RecordInfo') {
        const body = request.body.toString('utf8');
        expect(body).toContain(`<DeviceID>${CAMERA_CH(1)}</DeviceID>`);
        expect(body).toContain('<StartTime>2026-12-04T08:00:00</StartTime>');
        expect(body).toContain('<EndTime>2026-12-04T10:00:00</EndTime>');
        const item = (from: string, to: string) => `<Item><DeviceID>${CAMERA_CH(1)}</DeviceID><Name>cam</Name><FilePath>/rec/${from}</FilePath><StartTime>${from}</StartTime><EndTime>${to}</EndTime><Secrecy>0</Secrecy><Type>time</Type><FileSize>1048576</FileSize></Item>`;
        respond(ua, manscdp('Response', 'RecordInfo', sn, CAMERA_CH(1), `<Name>cam</Name><SumNum>2</SumNum><RecordList Num="1">${item('2026-12-04T09:00:00', '2026-12-04T10:00:00')}</RecordList>`));
        respond(ua, manscdp('Response', 'RecordInfo', sn, CAMERA_CH(1), `<Name>cam</Name><SumNum>2</SumNum><RecordList Num="1">${item('2026-12-04T08:00:00', '2026-12-04T09:00:00')}</RecordList>`));
      }
    });
    expect(await env.platform.deviceInfo(NVR)).toEqual({ name: 'Hall NVR', manufacturer: 'Acme', model: 'NVR-16', firmware: 'V5.7.1', channels: 16 });
    expect(await env.platform.getDevice(NVR)).toMatchObject({ name: 'Hall NVR', manufacturer: 'Acme', model: 'NVR-16', firmware: 'V5.7.1' });
    expect(await env.platform.deviceStatus(NVR)).toEqual({ online: true, statusOk: true, encode: true, record: false, deviceTime: '2026-12-04T00:00:00.000Z', alarms: [{ channelId: '34020000001340000001', status: 'OFFDUTY' }] });
    const records = await env.platform.recordInfo(NVR, CAMERA_CH(1), Date.parse('2026-12-04T00:00:00Z'), Date.parse('2026-12-04T02:00:00Z'));
    expect(records).toEqual([
      { channelId: CAMERA_CH(1), name: 'cam', startTime: '2026-12-04T00:00:00.000Z', endTime: '2026-12-04T01:00:00.000Z', filePath: '/rec/2026-12-04T08:00:00', secrecy: 0, type: 'time', fileSize: 1048576 },
      { channelId: CAMERA_CH(1), name: 'cam', startTime: '2026-12-04T01:00:00.000Z', endTime: '2026-12-04T02:00:00.000Z', filePath: '/rec/2026-12-04T09:00:00', secrecy: 0, type: 'time', fileSize: 1048576 },
    ]);
  });

  it('sends PTZ as DeviceControl with the Annex A.3 bytes', async () => {
    env = await startTestPlatform(dialect);
    const device = await nvr(() => undefined);
    await env.platform.ptz(NVR, CAMERA_CH(1), { kind: 'move', pan: 0, tilt: 1, zoom: 0, speed: 0xfa });
    await env.platform.ptz(NVR, CAMERA_CH(1), { kind: 'preset-goto', preset: 3 });
    const bodies = device.received.filter((m): m is SipRequest => m.kind === 'request' && m.method === 'MESSAGE').map((m) => m.body.toString('utf8'));
    expect(bodies[0]).toMatch(/<Control>[\s\S]*<CmdType>DeviceControl<\/CmdType>[\s\S]*<DeviceID>34020000001310000001<\/DeviceID>[\s\S]*<PTZCmd>A50F010800FA00B7<\/PTZCmd>/);
    expect(bodies[1]).toContain('<PTZCmd>A50F01820003003A</PTZCmd>');
  });

  it('drives a linked camera through the PTZ driver contract: moves, presets from PresetQuery, the lowest free number for a new one', async () => {
    env = await startTestPlatform(dialect);
    const device = await nvr((request, ua) => {
      const type = cmdTypeOf(request);
      if (type === 'Catalog') respond(ua, catalogMessage(snOf(request), 1, [1]));
      if (type === 'PresetQuery') respond(ua, manscdp('Response', 'PresetQuery', snOf(request), CAMERA_CH(1), '<PresetList Num="2"><Item><PresetID>1</PresetID><PresetName>门口</PresetName></Item><Item><PresetID>2</PresetID><PresetName>停车场</PresetName></Item></PresetList>', 'UTF-8'));
    });
    await env.platform.refreshCatalog(NVR);
    const cameraId = await insertCamera(env);
    const factory = gbPtzDriverFactory(env.db.db, env.platform);
    expect(await factory({ id: 'other' } as CameraRecord)).toBeNull();
    await env.platform.linkChannel(NVR, CAMERA_CH(1), cameraId);
    const driver = (await factory({ id: cameraId } as CameraRecord))!;
    await driver.continuousMove({ pan: -0.5, tilt: 0, zoom: 0 });
    await driver.stop();
    expect(await driver.presets()).toEqual([
      { token: '1', name: '门口' },
      { token: '2', name: '停车场' },
    ]);
    expect(await driver.setPreset('大厅')).toEqual({ token: '3', name: '大厅' });
    await driver.gotoPreset('2');
    const commands = device.received.filter((m): m is SipRequest => m.kind === 'request' && cmdTypeOf(m) === 'DeviceControl').map((m) => /<PTZCmd>(\w+)</.exec(m.body.toString())![1]);
    // Left at 128 (0x80): A5 0F 01 02 80 00 00 → 0x137; stop; preset set 3; preset call 2.
    expect(commands).toEqual(['A50F010280000037', 'A50F0100000000B5', 'A50F018100030039', 'A50F018200020039']);
  });

  it('relays device alarms: tamper, motion and other kinds, on the linked camera or system-level', async () => {
    env = await startTestPlatform(dialect);
    const device = await nvr((request, ua) => {
      if (cmdTypeOf(request) === 'Catalog') respond(ua, catalogMessage(snOf(request), 1, [1]));
    });
    const alarm = (sn: number, method: number, type: number) =>
      device.transact(device.request('MESSAGE', { body: manscdp('Notify', 'Alarm', sn, CAMERA_CH(1), `<AlarmPriority>1</AlarmPriority><AlarmMethod>${method}</AlarmMethod><AlarmTime>2026-12-04T08:00:00</AlarmTime><AlarmDescription>x</AlarmDescription><Info><AlarmType>${type}</AlarmType></Info>`) }));
    expect((await alarm(10, 5, 11)).status).toBe(200);
    expect((await alarm(11, 5, 2)).status).toBe(200);
    expect((await alarm(12, 2, 1)).status).toBe(200);
    await eventually(() => env!.sink.raised.filter((a) => a.kind.startsWith('DEVICE_')).length === 3);
    const kinds = env.sink.raised.filter((a) => a.kind.startsWith('DEVICE_')).map((a) => [a.kind, a.cameraId, a.subject]);
    expect(kinds.sort()).toEqual([
      ['DEVICE_ALARM', null, `gb28181:${CAMERA_CH(1)}`],
      ['DEVICE_MOTION', null, `gb28181:${CAMERA_CH(1)}`],
      ['DEVICE_TAMPER', null, `gb28181:${CAMERA_CH(1)}`],
    ]);
    // The platform answers each alarm with a Response (A.2.6).
    await eventually(() => device.received.filter((m) => m.kind === 'request' && m.body.toString().includes('<CmdType>Alarm</CmdType>')).length === 3);
    // Once the channel is a camera, its alarms are the camera's.
    await env.platform.refreshCatalog(NVR);
    const cameraId = await insertCamera(env);
    await env.platform.linkChannel(NVR, CAMERA_CH(1), cameraId);
    expect((await alarm(13, 5, 11)).status).toBe(200);
    await eventually(() => env!.sink.raised.some((a) => a.kind === 'DEVICE_TAMPER' && a.cameraId === cameraId));
    expect(env.sink.raised.at(-1)).toMatchObject({ kind: 'DEVICE_TAMPER', cameraId, subject: cameraId, details: { source: 'gb28181', deviceId: NVR, channelId: CAMERA_CH(1), method: 5, type: 11, priority: 1 } });
  });

  it('retransmits a MESSAGE over UDP until answered, and fails with E_GB_TIMEOUT after 64 × T1', async () => {
    env = await startTestPlatform(dialect, { t1Ms: 20 });
    let seen = 0;
    const ua = await TestUa.open({
      deviceId: NVR,
      transport: 'UDP',
      platformPort: env.platform.port,
      onRequest: (request) => (request.method === 'MESSAGE' ? (++seen >= 3 ? responseTo(request, 200) : undefined) : responseTo(request, 200)),
    });
    uas.push(ua);
    expect((await ua.register(PASSWORD)).status).toBe(200);
    await env.platform.ptz(NVR, CAMERA_CH(1), { kind: 'stop' });
    expect(seen).toBe(3);
    seen = -1000;
    const started = Date.now();
    await expect(env.platform.ptz(NVR, CAMERA_CH(1), { kind: 'stop' })).rejects.toMatchObject({ code: 'E_GB_TIMEOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(64 * 20 - 5);
    // 20, 40, 80, 160, 320, 640 ms… capped: at least 6 copies in 1.28 s.
    expect(seen + 1000).toBeGreaterThanOrEqual(6);
  });

  it('refuses queries to unknown and offline devices with stable codes', async () => {
    env = await startTestPlatform(dialect);
    await expect(env.platform.deviceInfo(DEVICE)).rejects.toMatchObject({ code: 'E_GB_DEVICE_NOT_FOUND' });
    const ua = await nvr(() => undefined);
    expect((await ua.register(PASSWORD, 0)).status).toBe(200);
    await expect(env.platform.deviceInfo(NVR)).rejects.toMatchObject({ code: 'E_GB_DEVICE_OFFLINE' });
    await expect(env.platform.ptz(NVR, '123', { kind: 'stop' })).rejects.toMatchObject({ code: 'E_GB_CODE' });
    // A TCP device whose connection is gone (and that listens nowhere) is unreachable, not a crash.
    const tcp = await nvr(() => undefined, 'TCP');
    await tcp.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(env.platform.ptz(NVR, CAMERA_CH(1), { kind: 'stop' })).rejects.toMatchObject({ code: 'E_GB_UNREACHABLE' });
  });
});

async function insertCamera(env: TestPlatform): Promise<string> {
  const { seedCamera } = await import('./support/seed-camera.ts');
  return seedCamera(env.db.db);
}
