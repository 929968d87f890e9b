import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

const TOILET = {
  zoneType: 'Z8_3_TOILET',
  name: '卫生间',
  polygon: [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 0, y: 10 },
  ],
  openings: [{ from: { x: 10, y: 4 }, to: { x: 10, y: 6 } }],
};
const AUDIO = { audioEnabled: true, audioJustification: '收银台纠纷取证' };

describe.each(DIALECTS)('REG-08-4 pickup radius through the API on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('REG-08-4: a new camera has audio off and a 5 m pickup radius; audio 1.2 m from the toilet door with the lens away is refused', async () => {
    const { unit, site } = await seedSite(t);
    await created(t, '/api/zones', { siteId: site.id, ...TOILET });
    const plain = await created<{ audioEnabled: boolean; audioPickupRadiusM: number }>(t, '/api/cameras', cameraBody(site.id, unit.id, { position: { x: 20, y: 5 } }));
    expect(plain).toMatchObject({ audioEnabled: false, audioPickupRadiusM: 5 });
    const near = await t.call('POST', '/api/cameras', cameraBody(site.id, unit.id, { position: { x: 11.2, y: 5 }, headingDeg: 0, ...AUDIO }));
    expect(near.statusCode).toBe(422);
    expect(near.json()).toMatchObject({ code: 'E_AUDIO_NEAR_PROHIBITED_ZONE', article: '8.1(4)' });
  });

  it('REG-08-4 acceptance: a new camera has audio off; PATCH {audioEnabled:true} without a justification is 422; C2 (masked view into the toilet) is 422 E_AUDIO_NEAR_PROHIBITED_ZONE', async () => {
    const { unit, site } = await seedSite(t);
    await created(t, '/api/zones', { siteId: site.id, ...TOILET });
    const c1 = await created<{ id: string; audioEnabled: boolean }>(t, '/api/cameras', cameraBody(site.id, unit.id, { position: { x: 20, y: 5 } }));
    expect(c1.audioEnabled).toBe(false);
    const unjustified = await t.call('PATCH', `/api/cameras/${c1.id}`, { audioEnabled: true });
    expect(unjustified.statusCode).toBe(422);
    expect(unjustified.json()).toMatchObject({ code: 'E_AUDIO_JUSTIFICATION_REQUIRED' });
    const doorWedge = [
      { x: 15, y: 5 },
      { x: 10, y: 3 },
      { x: 10, y: 7 },
    ];
    const c2 = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: 'C2', position: { x: 15, y: 5 }, headingDeg: 180, masks: [doorWedge] }));
    const near = await t.call('PATCH', `/api/cameras/${c2.id}`, AUDIO);
    expect(near.statusCode).toBe(422);
    expect(near.json()).toMatchObject({ code: 'E_AUDIO_NEAR_PROHIBITED_ZONE', article: '8.1(4)' });
  });

  it('REG-08-4: at 6 m the default radius allows audio; a per-device radius of 8 m refuses it; the radius is bounded', async () => {
    const { unit, site } = await seedSite(t);
    await created(t, '/api/zones', { siteId: site.id, ...TOILET });
    const cam = await created<{ id: string; audioPickupRadiusM: number }>(t, '/api/cameras', cameraBody(site.id, unit.id, { position: { x: 16, y: 5 }, ...AUDIO }));
    expect(cam.audioPickupRadiusM).toBe(5);
    const wider = await t.call('PATCH', `/api/cameras/${cam.id}`, { audioPickupRadiusM: 8 });
    expect(wider.statusCode).toBe(422);
    expect(wider.json()).toMatchObject({ code: 'E_AUDIO_NEAR_PROHIBITED_ZONE' });
    expect((await t.call('GET', `/api/cameras/${cam.id}`)).json()).toMatchObject({ audioPickupRadiusM: 5 });
    const tooFar = await t.call('PATCH', `/api/cameras/${cam.id}`, { audioPickupRadiusM: 60 });
    expect(tooFar.statusCode).toBe(422);
    const narrower = await t.call('PATCH', `/api/cameras/${cam.id}`, { audioPickupRadiusM: 3.5 });
    expect(narrower.statusCode, narrower.body).toBe(200);
    expect((await t.call('GET', `/api/cameras/${cam.id}`)).json()).toMatchObject({ audioPickupRadiusM: 3.5 });
  });
});
