/**
 * Random codes, days and bodies against the GB/T 28181 routes (platform: the in-memory double): never a
 * 5xx, every refusal has a code, and a refused add creates no camera and links nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedBody } from '../support/fuzz.ts';
import type { GbPlatformDouble } from '../support/gb-platform-double.ts';
import { CH1, DEVICE, makeDoublePlatform, openGbWorld, type GbWorld } from '../gb28181/gb-rig.ts';

const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom<unknown>(null, -1, '', ' ', true, 'x'.repeat(5000), 'tcp', '\u0000'));
/** Codes near the real ones: digits of other lengths, letters, other type digits, URL-encoded oddities. */
const anyCode = fc.oneof(
  fc.stringMatching(/^\d{1,24}$/),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(DEVICE, CH1, `${DEVICE.slice(0, 10)}999${DEVICE.slice(13)}`, `${CH1} `, '%00', '..', '0'.repeat(20)),
);

describe('GB/T 28181 routes under random input', () => {
  let world: GbWorld;
  let platform: GbPlatformDouble;

  beforeAll(async () => {
    platform = makeDoublePlatform();
    world = await openGbWorld(platform);
  });
  afterAll(async () => world.t.close());

  const refusalOk = (response: { statusCode: number; body: string; json: () => { code?: string } }) => {
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (response.statusCode >= 400) expect(response.json().code).toMatch(/^E_[A-Z0-9_]+$/);
  };

  it('device and channel codes and days in the path and query: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyCode, anyCode, fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2025-06-01', '2025-02-30', '9999-12-31', '0000-00-00')), async (device, channel, day) => {
        const d = encodeURIComponent(device);
        const c = encodeURIComponent(channel);
        for (const url of [`/api/gb28181/devices/${d}`, `/api/gb28181/devices/${d}/channels`, `/api/gb28181/devices/${d}/channels/${c}/records?day=${encodeURIComponent(day)}`]) {
          refusalOk(await world.t.call('GET', url));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('adding a channel with mutated bodies: never a 5xx; a refusal creates no camera and links nothing', async () => {
    const valid = { siteId: world.sites.A, name: '大门', transport: 'udp', deviceType: 'PTZ' };
    const count = async () => (await world.t.call('GET', '/api/cameras')).json<unknown[]>().length;
    await fc.assert(
      fc.asyncProperty(mutatedBody(valid, anyValue), async (body) => {
        const cameras = await count();
        const links = platform.calls.filter((c) => c.op === 'linkChannel').length;
        const response = await world.t.call('POST', `/api/gb28181/devices/${DEVICE}/channels/${CH1}/camera`, body);
        refusalOk(response);
        if (response.statusCode === 201) {
          // Undo, so that the next run may add it again.
          const { cameraId } = response.json<{ cameraId: string }>();
          expect((await world.t.call('DELETE', `/api/gb28181/devices/${DEVICE}/channels/${CH1}/camera`)).statusCode).toBe(200);
          expect((await world.t.call('PATCH', `/api/cameras/${cameraId}`, { sourceUrl: null })).statusCode).toBe(200);
        } else {
          expect(await count()).toBe(cameras);
          expect(platform.calls.filter((c) => c.op === 'linkChannel').length).toBe(links);
        }
      }),
      { numRuns: 60 },
    );
  });
});
