/** The demo's simulated NVR registers to a platform stand-in on loopback and names its channels' stream addresses. */
import { afterEach, describe, expect, it } from 'vitest';
import { demoGbDeviceId, startDemoGbDevice, type DemoGbDevice } from '../../src/app/demo-gb-device.ts';
import { loadConfig } from '../../src/config/load.ts';
import { parseGbStreamUrl } from '../../src/gb28181/stream-url.ts';
import { PLATFORM_ID, StandInPlatform } from './support/stand-in-platform.ts';

let platform: StandInPlatform | undefined;
let demo: DemoGbDevice | undefined;
afterEach(async () => {
  await demo?.close();
  await platform?.close();
  demo = undefined;
  platform = undefined;
});

describe('demo GB/T 28181 device', () => {
  it('registers to our own platform and lists gb28181:// addresses of its channels', async () => {
    platform = await StandInPlatform.start('UDP', 'demo-password');
    demo = await startDemoGbDevice({ platformId: PLATFORM_ID, port: platform.port, password: 'demo-password' });
    expect(demo.deviceId).toBe(demoGbDeviceId(PLATFORM_ID));
    expect(demo.deviceId.slice(10, 13)).toBe('118');
    expect(platform.peer(demo.deviceId).registered).toBe(true);
    expect(demo.streamUrls).toHaveLength(2);
    for (const url of demo.streamUrls) expect(parseGbStreamUrl(url).deviceId).toBe(demo.deviceId);
  });

  it('is off unless demo.gb28181 is set', () => {
    expect(loadConfig({ env: {} }).demo.gb28181).toBe(false);
    expect(loadConfig({ env: { CUSTOS_DEMO_GB28181: 'true' } }).demo.gb28181).toBe(true);
  });
});
