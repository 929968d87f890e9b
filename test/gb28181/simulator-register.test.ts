/** The simulated GB/T 28181 device against a stand-in platform: Digest registration, keepalive, queries, controls, alarms, faults. */
import { afterEach, describe, expect, it } from 'vitest';
import { startGbSimDevice, type GbSimDevice } from '../../src/gb28181/simulator/device.ts';
import { textOf } from '../../src/gb28181/ua/manscdp.ts';
import { itemsOf, PLATFORM_ID, StandInPlatform } from './support/stand-in-platform.ts';

const PASSWORD = 'sip-secret-12345';
let platform: StandInPlatform | undefined;
let device: GbSimDevice | undefined;

afterEach(async () => {
  await device?.close();
  await platform?.close();
  device = undefined;
  platform = undefined;
});

async function setUp(transport: 'UDP' | 'TCP', options: Partial<Parameters<typeof startGbSimDevice>[0]> = {}, qop = false) {
  platform = await StandInPlatform.start(transport, PASSWORD, { qop });
  device = await startGbSimDevice({ platform: { id: PLATFORM_ID, host: '127.0.0.1', port: platform.port }, password: PASSWORD, transport, localHost: '127.0.0.1', keepaliveSec: 1, ...options });
  return { platform, device };
}

describe('GB/T 28181 device simulator: registration', () => {
  for (const transport of ['UDP', 'TCP'] as const) {
    for (const qop of [false, true]) {
      it(`registers with Digest over ${transport}${qop ? ' (qop=auth)' : ''}, keeps alive, and unregisters on close`, async () => {
        const { platform, device: sim } = await setUp(transport, {}, qop);
        expect(sim.status.registered).toBe(true);
        const peer = platform.peer(sim.deviceId);
        expect(peer.registered).toBe(true);
        expect(peer.expires).toBe(3600);
        await platform.until(() => peer.keepalives >= 2, 4000);
        expect(sim.status.lastKeepaliveAt).not.toBeNull();
        await sim.close();
        device = undefined;
        expect(peer.unregistered).toBe(true);
        expect(peer.registered).toBe(false);
      });
    }
  }

  it('re-registers before the granted expiry runs out', async () => {
    platform = await StandInPlatform.start('UDP', PASSWORD, { expires: 2 });
    device = await startGbSimDevice({ platform: { id: PLATFORM_ID, host: '127.0.0.1', port: platform.port }, password: PASSWORD, localHost: '127.0.0.1', keepaliveSec: 30 });
    const peer = platform.peer(device.deviceId);
    expect(peer.registers).toBe(1);
    await platform.until(() => peer.registers >= 2, 3000);
    expect(device.status.registered).toBe(true);
  });

  it('registers afresh after three unanswered keepalives (§9.6)', async () => {
    const { platform, device } = await setUp('TCP');
    const peer = platform.peer(device.deviceId);
    platform.ignoreKeepalives = true;
    await platform.until(() => device.status.lastError?.code === 'E_SIP_KEEPALIVE', 4000);
    const before = peer.registers;
    await platform.until(() => peer.registers > before, 6000);
    expect(device.status.registered).toBe(true);
  }, 15_000);

  it('with a wrong password it is refused and says so', async () => {
    const { platform, device } = await setUp('UDP', { faults: { wrongPassword: true } });
    expect(device.status.registered).toBe(false);
    expect(device.status.lastError?.code).toBe('E_SIP_AUTH');
    expect(platform.failedAuth).toContain(device.deviceId);
    expect(platform.peer(device.deviceId).registered).toBe(false);
  });

  it('stops keepalives when told to (the platform sees none)', async () => {
    const { platform, device } = await setUp('UDP', { faults: { stopKeepalive: true } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(platform.peer(device.deviceId).keepalives).toBe(0);
    device.setFaults({ stopKeepalive: false });
    await platform.until(() => platform.peer(device.deviceId).keepalives >= 1, 3000);
  });

  it('sends garbage the platform drops, and keeps working', async () => {
    const { platform, device } = await setUp('UDP');
    device.sendGarbage();
    device.sendGarbage();
    await platform.until(() => platform.malformed >= 4);
    const info = await platform.query(device.deviceId, 'DeviceInfo');
    expect(textOf(info[0]!.body, 'Result')).toBe('OK');
  });
});

describe('GB/T 28181 device simulator: queries and controls', () => {
  it('splits the catalog over several messages with SumNum and Num', async () => {
    const { platform, device } = await setUp('UDP', { channels: 7, catalogPerMessage: 3 });
    const docs = await platform.query(device.deviceId, 'Catalog');
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => textOf(d.body, 'SumNum'))).toEqual(['7', '7', '7']);
    expect(docs.map((d) => itemsOf(d, 'DeviceList').length)).toEqual([3, 3, 1]);
    const ids = docs.flatMap((d) => itemsOf(d, 'DeviceList').map((i) => i.DeviceID as string));
    expect(new Set(ids).size).toBe(7);
    for (const id of ids) expect(id.slice(10, 13)).toBe('131');
    expect(ids).toEqual(device.channels.map((c) => c.channelId));
  });

  it('an IPC has one channel of type 132 over TCP', async () => {
    const { platform, device } = await setUp('TCP', { deviceId: '34020000001320000007' });
    const docs = await platform.query(device.deviceId, 'Catalog');
    const items = docs.flatMap((d) => itemsOf(d, 'DeviceList'));
    expect(items).toHaveLength(1);
    expect((items[0]!.DeviceID as string).slice(10, 13)).toBe('132');
  });

  it('answers DeviceInfo, DeviceStatus and RecordInfo', async () => {
    const { platform, device } = await setUp('UDP', { channels: 2, catalogPerMessage: 2, recordMinutes: 30 });
    const [info] = await platform.query(device.deviceId, 'DeviceInfo');
    expect(textOf(info!.body, 'Channel')).toBe('2');
    expect(textOf(info!.body, 'Manufacturer')).toBe('Custos');
    const [status] = await platform.query(device.deviceId, 'DeviceStatus');
    expect(textOf(status!.body, 'Online')).toBe('ONLINE');
    const channelId = device.channels[1]!.channelId;
    // Two hours ending a day ago in device time (UTC+8): four 30-minute recordings, sent two per message.
    const end = new Date(Date.now() - 86_400_000);
    end.setUTCMinutes(0, 0, 0);
    const local = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);
    const docs = await platform.query(device.deviceId, 'RecordInfo', { StartTime: local(end.getTime() - 2 * 3600_000), EndTime: local(end.getTime()), Type: 'all' }, { target: channelId });
    expect(docs).toHaveLength(2);
    const items = docs.flatMap((d) => itemsOf(d, 'RecordList'));
    expect(items).toHaveLength(4);
    expect(items[0]!.StartTime).toBe(local(end.getTime() - 2 * 3600_000));
    expect(items[3]!.EndTime).toBe(local(end.getTime()));
  });

  it('accepts PTZCmd and remembers the last command; refuses a malformed one', async () => {
    const { platform, device } = await setUp('UDP');
    const channelId = device.channels[0]!.channelId;
    const ok = await platform.control(device.deviceId, channelId, 'A50F0108FF00004C');
    expect(textOf(ok.body, 'Result')).toBe('OK');
    expect(device.lastPtz).toMatchObject({ channelId, ptzCmd: 'A50F0108FF00004C' });
    const bad = await platform.control(device.deviceId, channelId, 'nonsense');
    expect(textOf(bad.body, 'Result')).toBe('ERROR');
    expect(device.ptz).toHaveLength(1);
  });

  it('sends an Alarm with priority, method and type', async () => {
    const { platform, device } = await setUp('TCP');
    expect(await device.sendAlarm({ priority: 2, method: 5, type: 5, description: '遮挡 <tamper>' })).toBe(200);
    const alarm = platform.peer(device.deviceId).documents.find((d) => d.cmdType === 'Alarm')!;
    expect(alarm.root).toBe('Notify');
    expect(textOf(alarm.body, 'AlarmPriority')).toBe('2');
    expect(textOf(alarm.body, 'AlarmMethod')).toBe('5');
    expect(textOf(alarm.body, 'AlarmDescription')).toBe('遮挡 <tamper>');
    expect((alarm.body.Info as Record<string, string>).AlarmType).toBe('5');
  });

  it('goes silent when unresponsive', async () => {
    const { platform, device } = await setUp('UDP');
    device.setFaults({ unresponsive: true });
    await expect(platform.query(device.deviceId, 'DeviceInfo', {}, { timeoutMs: 1500 })).rejects.toThrow();
  });
});
