/** `custos gb28181` from the compiled build, against a running server with a device registered over SIP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePtz } from '../../src/cli/commands/gb28181.ts';
import { gb28181Config } from '../../src/gb28181/config.ts';
import { responseTo } from '../../src/gb28181/sip/message.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { custos } from '../support/cli.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';
import { CAMERA_CH, NVR, PASSWORD } from './support/platform.ts';
import { cmdTypeOf, manscdp, snOf, TestUa } from './support/test-ua.ts';

describe('custos gb28181', () => {
  let t: TestApp;
  let ua: TestUa;
  let env: Record<string, string>;
  const controls: string[] = [];
  beforeAll(async () => {
    t = await openTestApp('sqlite', { services: { gb28181: gb28181Config.parse({ enabled: true, password: PASSWORD, sipPort: 0 }) } });
    await t.services.gbPlatform!.start();
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    env = { CUSTOS_URL: url, CUSTOS_TOKEN: t.admin.token };
    ua = await TestUa.open({
      deviceId: NVR,
      transport: 'TCP',
      platformPort: t.services.gbPlatform!.port,
      onRequest: (request, self) => {
        const type = cmdTypeOf(request);
        const sn = request.method === 'MESSAGE' ? snOf(request) : 0;
        if (type === 'Catalog') setTimeout(() => void self.transact(self.request('MESSAGE', { body: manscdp('Response', 'Catalog', sn, NVR, `<SumNum>1</SumNum><DeviceList Num="1"><Item><DeviceID>${CAMERA_CH(1)}</DeviceID><Name>gate</Name></Item></DeviceList>`) })).catch(() => undefined), 5);
        if (type === 'DeviceInfo') setTimeout(() => void self.transact(self.request('MESSAGE', { body: manscdp('Response', 'DeviceInfo', sn, NVR, '<DeviceName>NVR</DeviceName><Manufacturer>Acme</Manufacturer><Model>N1</Model><Firmware>1.0</Firmware><Channel>1</Channel>') })).catch(() => undefined), 5);
        if (type === 'DeviceControl') controls.push(/<PTZCmd>(\w+)</.exec(request.body.toString())![1]!);
        return responseTo(request, 200);
      },
    });
    expect((await ua.register(PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await ua.close();
    await t.services.gbPlatform!.stop();
    await t.close();
  });

  it('reads PTZ words', () => {
    expect(parsePtz('up-left', 64)).toEqual({ kind: 'move', pan: -1, tilt: 1, zoom: 0, speed: 64 });
    expect(parsePtz('zoom-in', 10)).toEqual({ kind: 'move', pan: 0, tilt: 0, zoom: 1, speed: 10 });
    expect(parsePtz('preset-goto:7', 1)).toEqual({ kind: 'preset-goto', preset: 7 });
    expect(() => parsePtz('sideways', 1)).toThrow(expect.objectContaining({ code: 'E_GB_PTZ' }));
  });

  it('lists devices, refreshes the catalog, asks DeviceInfo, and moves a linked camera with a reason', async () => {
    const devices = await custos(['gb28181', 'devices'], env);
    expect(devices.status, devices.stderr).toBe(0);
    expect(devices.json()).toMatchObject([{ deviceId: NVR, transport: 'TCP', online: true }]);
    const catalog = await custos(['gb28181', 'catalog', NVR], env);
    expect(catalog.status, catalog.stderr).toBe(0);
    expect(catalog.json()).toMatchObject([{ channelId: CAMERA_CH(1), name: 'gate' }]);
    const info = await custos(['gb28181', 'info', NVR], env);
    expect(info.json()).toEqual({ name: 'NVR', manufacturer: 'Acme', model: 'N1', firmware: '1.0', channels: 1 });
    const unlinked = await custos(['gb28181', 'ptz', NVR, CAMERA_CH(1), 'up'], env);
    expect(unlinked.status).toBe(1);
    expect(unlinked.stderr).toContain('E_GB_CHANNEL_NOT_LINKED');
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
    await t.services.gbPlatform!.linkChannel(NVR, CAMERA_CH(1), camera.id);
    const moved = await custos(['gb28181', 'ptz', NVR, CAMERA_CH(1), 'up', '--speed', '250', '--reason', '跟踪大门口可疑人员的行动'], env);
    expect(moved.status, moved.stderr).toBe(0);
    expect(moved.json<{ registerEntryId: string }>().registerEntryId).toMatch(/^reg/);
    expect(controls).toEqual(['A50F010800FA00B7']);
    const noToken = await custos(['gb28181', 'devices'], { CUSTOS_URL: env.CUSTOS_URL! });
    expect(noToken.stderr).toContain('E_CLI_TOKEN');
    const password = await custos(['gb28181', 'password', NVR], { ...env, CUSTOS_GB_PASSWORD: 'device-own-1' });
    expect(password.status, password.stderr).toBe(0);
    expect((await custos(['gb28181', 'device', NVR], env)).json()).toMatchObject({ deviceId: NVR });
  });
});
