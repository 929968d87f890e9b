/**
 * The /api/gb28181 routes through the real HTTP stack with a platform on a real SIP socket: device-level
 * work needs CONFIG over everything (a unit-scoped administrator is refused), records need LIVE and PTZ
 * needs PTZ on the channel's camera, taking PTZ control writes one access-register entry with its reason,
 * device passwords are accepted and never returned; with the platform disabled every call says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gb28181Config } from '../../src/gb28181/config.ts';
import { responseTo, type SipRequest } from '../../src/gb28181/sip/message.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { scopedCaller, seedTwoUnits } from '../support/two-units.ts';
import { CAMERA_CH, NVR, PASSWORD } from './support/platform.ts';
import { cmdTypeOf, manscdp, snOf, TestUa } from './support/test-ua.ts';

let t: TestApp | undefined;
let ua: TestUa | undefined;
afterEach(async () => {
  await ua?.close();
  await t?.services.gbPlatform?.stop();
  await t?.close();
  t = ua = undefined;
});

const catalog = (sn: number) =>
  manscdp('Response', 'Catalog', sn, NVR, `<SumNum>2</SumNum><DeviceList Num="2">${[1, 2].map((n) => `<Item><DeviceID>${CAMERA_CH(n)}</DeviceID><Name>ch${n}</Name><Status>ON</Status></Item>`).join('')}</DeviceList>`);

async function withDevice(dialect: 'sqlite' | 'postgres'): Promise<{ t: TestApp; ptzBodies: string[] }> {
  t = await openTestApp(dialect, { services: { gb28181: gb28181Config.parse({ enabled: true, password: PASSWORD, sipPort: 0 }) } });
  await t.services.gbPlatform!.start();
  const ptzBodies: string[] = [];
  ua = await TestUa.open({
    deviceId: NVR,
    transport: 'UDP',
    platformPort: t.services.gbPlatform!.port,
    onRequest: (request: SipRequest, self) => {
      const type = cmdTypeOf(request);
      if (type === 'Catalog') setTimeout(() => void self.transact(self.request('MESSAGE', { body: catalog(snOf(request)) })).catch(() => undefined), 5);
      if (type === 'DeviceControl') ptzBodies.push(request.body.toString());
      return responseTo(request, 200);
    },
  });
  expect((await ua.register(PASSWORD)).status).toBe(200);
  return { t, ptzBodies };
}

describe.each(DIALECTS)('GB/T 28181 routes (%s)', (dialect) => {
  it('lists devices and channels, refreshes the catalog, and keeps device passwords secret', async () => {
    const { t } = await withDevice(dialect);
    const listed = await t.call('GET', '/api/gb28181/devices');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject([{ deviceId: NVR, online: true, transport: 'UDP', known: false }]);
    const refreshed = await t.call('POST', `/api/gb28181/devices/${NVR}/catalog`);
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(refreshed.json<Array<{ channelId: string }>>().map((c) => c.channelId)).toEqual([CAMERA_CH(1), CAMERA_CH(2)]);
    const set = await t.call('PUT', `/api/gb28181/devices/${NVR}/password`, { password: 'device-own-secret' });
    expect(set.statusCode, set.body).toBe(204);
    const one = await t.call('GET', `/api/gb28181/devices/${NVR}`);
    expect(one.json()).toMatchObject({ deviceId: NVR });
    expect(one.body).not.toContain('device-own-secret');
    // The device now answers to its own password only.
    expect((await ua!.register(PASSWORD)).status).not.toBe(200);
    expect((await ua!.register('device-own-secret')).status).toBe(200);
    expect((await t.call('GET', '/api/gb28181/devices/123')).statusCode).toBe(422);
  });

  it('refuses device-level work to a unit-scoped administrator (CONFIG over everything): the device is not in their list', async () => {
    const { t } = await withDevice(dialect);
    const world = await seedTwoUnits(t);
    const unitAdmin = await scopedCaller(t, world, 'UNIT_A');
    const listed = await t.call('GET', '/api/gb28181/devices', undefined, unitAdmin.headers);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([]);
    const catalogRefused = await t.call('POST', `/api/gb28181/devices/${NVR}/catalog`, undefined, unitAdmin.headers);
    expect(catalogRefused.statusCode).toBe(403);
  });

  it('PTZ on the channel’s camera: scope checked, control recorded once in the register with its reason', async () => {
    const { t, ptzBodies } = await withDevice(dialect);
    const world = await seedTwoUnits(t);
    await t.call('POST', `/api/gb28181/devices/${NVR}/catalog`);
    const ptz = `/api/gb28181/devices/${NVR}/channels/${CAMERA_CH(1)}/ptz`;
    const unlinked = await t.call('POST', ptz, { command: { kind: 'stop' } });
    expect(unlinked.json()).toMatchObject({ code: 'E_GB_CHANNEL_NOT_LINKED' });
    await t.services.gbPlatform!.linkChannel(NVR, CAMERA_CH(1), world.cameras.A1);
    await t.services.gbPlatform!.linkChannel(NVR, CAMERA_CH(2), world.cameras.A2);
    const operator = await scopedCaller(t, world, 'CAMERA_A1', 'MONITOR_OPERATOR');
    const reason = { category: 'PUBLIC_SECURITY_MONITORING', text: '跟踪大门口可疑人员的行动' };
    const noReason = await t.call('POST', ptz, { command: { kind: 'move', pan: 1, tilt: 0, zoom: 0, speed: 100 } }, operator.headers);
    expect(noReason.json()).toMatchObject({ code: 'E_REASON_REQUIRED' });
    const first = await t.call('POST', ptz, { command: { kind: 'move', pan: 1, tilt: 0, zoom: 0, speed: 100 }, reason }, operator.headers);
    expect(first.statusCode, first.body).toBe(200);
    const entryId = first.json<{ registerEntryId: string }>().registerEntryId;
    expect(entryId).toMatch(/^reg/);
    const second = await t.call('POST', ptz, { command: { kind: 'preset-goto', preset: 2 }, reason }, operator.headers);
    expect(second.json()).toEqual({ registerEntryId: entryId });
    const stop = await t.call('POST', ptz, { command: { kind: 'stop' } }, operator.headers);
    expect(stop.json()).toEqual({ registerEntryId: null });
    expect(ptzBodies.map((b) => /<PTZCmd>(\w+)<\/PTZCmd>/.exec(b)![1])).toEqual(['A50F01016400001A', 'A50F018200020039', 'A50F0100000000B5']);
    const entry = await t.services.register.find(entryId);
    expect(entry).toMatchObject({ operation: 'PTZ', kind: 'ACCESS', cameraIds: [world.cameras.A1], reason: { text: reason.text } });
    // The same operator on the other channel (camera A2, outside their scope) is refused.
    const otherChannel = await t.call('POST', `/api/gb28181/devices/${NVR}/channels/${CAMERA_CH(2)}/ptz`, { command: { kind: 'stop' } }, operator.headers);
    expect(otherChannel.statusCode).toBe(403);
    expect(otherChannel.json()).toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });
    // Records need LIVE or PLAYBACK on the camera: channel 2's camera is outside the operator's reach, so it is not there for them.
    const records = await t.call('GET', `/api/gb28181/devices/${NVR}/channels/${CAMERA_CH(2)}/records?from=2026-12-04T00:00:00Z&to=2026-12-04T01:00:00Z`, undefined, operator.headers);
    expect(records.statusCode).toBe(404);
  });
});

describe('GB/T 28181 routes with the platform disabled', () => {
  it('answers E_GB_DISABLED', async () => {
    t = await openTestApp('sqlite');
    const response = await t.call('GET', '/api/gb28181/devices');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'E_GB_DISABLED' });
  });
});
