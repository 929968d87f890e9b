/** A registry camera whose stream is a GB/T 28181 channel: accepted as gb28181://, checked as such, never taken for a host name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceServiceOf } from '../../src/devices/identity/identity-check.ts';
import { checkSourceAddress, policyOfRules } from '../../src/registry/source-address-policy.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, seedSite } from '../support/fixtures.ts';
import { gbCode } from '../support/gb-platform-double.ts';

const DEVICE = gbCode('118', 5);
const CHANNEL = gbCode('131', 5);

describe('gb28181:// as a camera source', () => {
  let t: TestApp;
  let site: { id: string };
  let unit: { id: string };

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    ({ site, unit } = await seedSite(t));
  });
  afterAll(async () => t.close());

  it('stores a camera with a GB/T 28181 stream address and shows it unchanged', async () => {
    const sourceUrl = `gb28181://${DEVICE}/${CHANNEL}?transport=tcp-active`;
    const response = await t.call('POST', '/api/cameras', cameraBody(site.id, unit.id, { sourceUrl }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ sourceUrl });
  });

  it('refuses a malformed one with E_GB_STREAM_URL or E_GB_CODE, not as an unresolvable host', async () => {
    for (const [sourceUrl, code] of [
      [`gb28181://${DEVICE}/${CHANNEL}?transport=sctp`, 'E_GB_STREAM_URL'],
      [`gb28181://${DEVICE}`, 'E_GB_STREAM_URL'],
      [`gb28181://1234/${CHANNEL}`, 'E_GB_CODE'],
    ] as const) {
      const response = await t.call('POST', '/api/cameras', cameraBody(site.id, unit.id, { sourceUrl }));
      expect(response.statusCode, sourceUrl).toBe(422);
      expect(response.json(), sourceUrl).toMatchObject({ code });
    }
  });

  it('is not resolved by the source-address policy, nor asked for ONVIF at a made-up host', async () => {
    const asked: string[] = [];
    const policy = { ...policyOfRules({ networks: ['10.0.0.0/8'], allowLoopback: false, ownPorts: [] }), resolve: async (host: string) => (asked.push(host), []) };
    await expect(checkSourceAddress(`gb28181://${DEVICE}/${CHANNEL}`, policy)).resolves.toBeUndefined();
    await expect(checkSourceAddress('rtsp://camera.invalid/1', policy)).rejects.toMatchObject({ code: 'E_SOURCE_HOST_UNRESOLVED' });
    expect(asked).toEqual(['camera.invalid']);
    expect(deviceServiceOf(`gb28181://${DEVICE}/${CHANNEL}`)).toBeUndefined();
    expect(deviceServiceOf('rtsp://10.0.0.5/stream1')?.url).toBe('http://10.0.0.5/onvif/device_service');
  });
});
