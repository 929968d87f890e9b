/**
 * `custos serve` with gb28181.enabled: the SIP platform starts with the server, a device not in the
 * inventory registers and raises UNREGISTERED_DEVICE in the real alarm store, its DeviceInfo and catalog
 * are asked for and stored, and stopping the server frees the SIP port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { CAMERA_CH, eventually, NVR } from './support/platform.ts';
import { cmdTypeOf, manscdp, snOf, TestUa } from './support/test-ua.ts';
import { responseTo } from '../../src/gb28181/sip/message.ts';

describe('the server with gb28181.enabled', () => {
  let dir: string;
  let server: RunningServer;
  let ua: TestUa;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-server-gb-'));
    const config = loadConfig({
      env: { CUSTOS_DATA_DIR: dir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_ENABLED: 'false', CUSTOS_RECORDING_ENABLED: 'false', CUSTOS_GB28181_ENABLED: 'true', CUSTOS_GB28181_SIP_PORT: '0', CUSTOS_GB28181_PASSWORD: 'server-gb-pass' },
    });
    server = await startServer(config, { logger: false, printSetupLink: false });
  });
  afterAll(async () => {
    await ua.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a device, alarms it as not in the inventory, stores its catalog, and frees the port on close', async () => {
    const platform = server.services.gbPlatform!;
    expect(platform.port).toBeGreaterThan(0);
    ua = await TestUa.open({
      deviceId: NVR,
      transport: 'UDP',
      platformPort: platform.port,
      onRequest: (request, self) => {
        const type = cmdTypeOf(request);
        const answer = (body: string) => setTimeout(() => void self.transact(self.request('MESSAGE', { body })).catch(() => undefined), 5);
        if (type === 'DeviceInfo') answer(manscdp('Response', 'DeviceInfo', snOf(request), NVR, '<DeviceName>Hall</DeviceName><Manufacturer>Acme</Manufacturer><Model>N4</Model><Firmware>3</Firmware><Channel>1</Channel>'));
        if (type === 'Catalog') answer(manscdp('Response', 'Catalog', snOf(request), NVR, `<SumNum>1</SumNum><DeviceList Num="1"><Item><DeviceID>${CAMERA_CH(1)}</DeviceID><Name>door</Name></Item></DeviceList>`));
        return responseTo(request, 200);
      },
    });
    expect((await ua.register('server-gb-pass')).status).toBe(200);
    await eventually(() => server.services.alarms.isOpen('UNREGISTERED_DEVICE', `gb28181:${NVR}`));
    await eventually(async () => (await platform.listChannels(NVR)).length === 1);
    expect(await platform.getDevice(NVR)).toMatchObject({ name: 'Hall', known: false, online: true });
    const port = platform.port;
    await server.close();
    const probe = createSocket('udp4');
    await new Promise<void>((resolve, reject) => probe.once('error', reject).bind(port, '127.0.0.1', resolve));
    probe.close();
    server = { close: async () => undefined } as unknown as RunningServer;
  });
});
